// The ingest handler factory with a fake database: what reaches SQL, and how each HTTP
// failure and database outcome is answered.
import { describe, expect, it } from 'vitest';
import { createIngestHandler, type RpcCall } from '../../supabase/functions/_shared/ingest-handler.ts';
import { validateTransaction } from '../../shared/ingest/records.ts';

const NOW = Date.parse('2026-12-03T12:00:00+05:30');
const SPEC = { kind: 'TRANSACTION', rpcName: 'ingest_transactions', validate: validateTransaction } as const;
const good = {
  transactionId: 'T-1',
  storeId: 'S1',
  timestamp: '2026-12-03T11:00:00+05:30',
  items: [{ sku: 'RICE-1', quantity: 2, unitPrice: 10.5, totalPrice: 21 }],
  totalAmount: 21,
  source: 'pos.s1',
};

function setup(answer: RpcCall = async () => ({ status: 200, body: { status: 'ok' } })) {
  const calls: { name: string; args: Record<string, unknown> }[] = [];
  const logs: string[] = [];
  const handler = createIngestHandler(SPEC, {
    rpc: (name, args) => {
      calls.push({ name, args });
      return answer(name, args);
    },
    clock: () => NOW,
    log: (l) => logs.push(l),
  });
  const post = (body: string, headers: Record<string, string> = {}) =>
    handler(
      new Request('http://x/ingest-transactions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k', ...headers },
        body,
      }),
    );
  return { handler, calls, logs, post };
}

describe('ingest handler', () => {
  it('sends normalised valid records and the rejected raw ones to one SQL call', async () => {
    const { calls, post } = setup();
    const body = JSON.stringify([good, { ...good, transactionId: '' }]);
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(1);
    const args = calls[0]!.args;
    expect(args['api_key']).toBe('k');
    expect(args['request_hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(args['records']).toEqual([
      expect.objectContaining({ i: 0, transactionId: 'T-1', totalAmountPaise: 2100 }),
    ]);
    expect(args['rejected']).toEqual([
      {
        index: 1,
        raw: { ...good, transactionId: '' },
        errors: [{ index: 1, field: 'transactionId', message: 'must not be empty' }],
      },
    ]);
  });

  it('answers with the status, body and headers SQL built', async () => {
    const { post } = setup(async () => ({
      status: 429,
      body: { code: 'RATE_LIMITED' },
      headers: { 'Retry-After': '3' },
    }));
    const res = await post(JSON.stringify(good));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual({ code: 'RATE_LIMITED' });
  });

  it('refuses bad requests before touching the database', async () => {
    const { calls, handler, post } = setup();
    expect((await handler(new Request('http://x/f', { method: 'PUT' }))).status).toBe(405);
    expect((await post('{}', { 'content-type': 'text/csv' })).status).toBe(415);
    expect((await post('{', {})).status).toBe(400);
    expect((await post(JSON.stringify(good), { 'x-api-key': '' })).status).toBe(401);
    expect((await post(JSON.stringify([]))).status).toBe(400);
    expect((await post(`"${'x'.repeat(5 * 1024 * 1024)}"`)).status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('turns a database failure into 503 + Retry-After without leaking it, and reports it', async () => {
    const { calls, logs, post } = setup(async (name) => {
      if (name === 'report_ingest_failure') return null;
      throw Object.assign(new Error('relation "public.transactions" does not exist at character 12'), {
        code: '42P01',
      });
    });
    const res = await post(JSON.stringify(good));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const text = await res.text();
    expect(text).not.toMatch(/relation|public\.|select|at character/i);
    expect(logs[0]).toContain('does not exist');
    expect(calls.map((c) => c.name)).toEqual(['ingest_transactions', 'report_ingest_failure']);
  });

  it('maps a concurrent id conflict raised by SQL to 409', async () => {
    const { post } = setup(async () => {
      throw Object.assign(new Error('conflict'), { code: 'PT409' });
    });
    expect((await post(JSON.stringify(good))).status).toBe(409);
  });
});

describe('ingest handler, transient database errors', () => {
  it('runs the call again after a deadlock instead of answering 503', async () => {
    let calls = 0;
    const { post } = setup(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return { status: 200, body: { status: 'ok' } };
    });
    expect((await post(JSON.stringify(good))).status).toBe(200);
    expect(calls).toBe(2);
  });
});
