// API keys and the rate limit: admin-only issue/rotate/revoke (a revoked or replaced key
// gets 401), GCRA exactness under concurrency with 429 + Retry-After (Property 40), and
// admin alerts for repeated authentication failures (Property 41).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestWorld, txn, type IngestWorld } from './ingest-harness.ts';

const FN = 'ingest-transactions';
let w: IngestWorld;
const AT = Date.now() - 3_600_000;

beforeAll(async () => {
  w = await startIngestWorld();
}, 120_000);
afterAll(async () => {
  await w?.stop();
});

describe('API key administration', () => {
  it('lets only admins issue, rotate and revoke keys', async () => {
    const admin = await w.client('ADMIN');
    const exec = await w.client('EXECUTIVE');
    const denied = await exec.rpc('issue_api_key', {
      name: 'till 9',
      kind: 'POS',
      source: 'pos.s2',
      store_id: 'S2',
    });
    // private.deny answers {error} with response.status 403 (committing its audit entry).
    expect(denied.status).toBe(403);
    expect(denied.error).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await w.count(`select count(*) n from public.devices where source = 'pos.s2'`)).toBe(0);

    const issued = await admin.rpc('issue_api_key', {
      name: 'till 9',
      kind: 'POS',
      source: 'pos.s2',
      store_id: 'S2',
    });
    expect(issued.error).toBeNull();
    const { deviceId, apiKey } = issued.data as { deviceId: string; apiKey: string };
    expect(apiKey).toMatch(/^brmi_[0-9a-f]{48}$/);
    expect(
      await w.count(
        `select count(*) n from public.devices where key_hash = extensions.digest($1, 'sha256')`,
        [apiKey],
      ),
    ).toBe(1);
    const ok = await w.post(FN, txn('K-1', AT, { store: 'S2', source: 'pos.s2' }), apiKey);
    expect(ok.status).toBe(200);

    const rotated = await admin.rpc('rotate_api_key', { device_id: deviceId });
    const newKey = (rotated.data as { apiKey: string }).apiKey;
    expect((await w.post(FN, txn('K-2', AT, { store: 'S2', source: 'pos.s2' }), apiKey)).status).toBe(401);
    expect((await w.post(FN, txn('K-2', AT, { store: 'S2', source: 'pos.s2' }), newKey)).status).toBe(200);

    expect((await admin.rpc('revoke_api_key', { device_id: deviceId })).error).toBeNull();
    expect((await w.post(FN, txn('K-3', AT, { store: 'S2', source: 'pos.s2' }), newKey)).status).toBe(401);
    expect(await w.count(`select count(*) n from public.audit_log where action like 'api_key.%'`)).toBe(4);
  });

  it('alerts admins after repeated authentication failures', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await w.post(FN, txn('A-1', AT), 'brmi_stolen0000')).status).toBe(401);
    expect(
      await w.count(
        `select count(*) n from public.alerts where type = 'INTEGRATION' and title like 'Repeated authentication%'`,
      ),
    ).toBe(1);
  });
});

describe('rate limit', () => {
  it('admits exactly the burst under concurrent requests, then 429 with Retry-After', async () => {
    // 1 per minute (T = 60 s) with a burst of 5: 40 concurrent requests admit the burst, plus
    // at most one more if the run took over a minute — however slow the machine is.
    await w.stack.adminPool.query(`update private.rate_limit_policy set per_minute = 1, burst = 5`);
    try {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => w.post(FN, txn(`R-${i}`, AT), w.pos.key)),
      );
      const ok = results.filter((r) => r.status === 200).length;
      const limited = results.filter((r) => r.status === 429);
      expect(ok).toBeGreaterThanOrEqual(5);
      expect(ok).toBeLessThanOrEqual(6);
      expect(ok + limited.length).toBe(40);
      for (const r of limited) {
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(r.body).toMatchObject({ code: 'RATE_LIMITED' });
      }
      expect(await w.count(`select count(*) n from public.transactions where external_id like 'R-%'`)).toBe(
        ok,
      );
    } finally {
      await w.stack.adminPool.query(`update private.rate_limit_policy set per_minute = 1000, burst = 100`);
    }
  });
});
