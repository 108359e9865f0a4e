// The POS simulator on a seeded stack (issue 6: "the simulator drives the demo stores and
// dashboards' rollups move"): a small demo world (3 stores, 20 SKUs) is loaded, the real
// script `scripts/simulate-pos.ts` runs for a few seconds against the stack as a child
// process, and the dashboards' rollups must have moved by exactly the transactions the
// server acknowledged — no more (nothing double-counted), no less (nothing lost), and no
// batch dead-lettered or left in the outbox.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildDemoWorld } from '../../shared/demo/demo-world.ts';
import { mulberry32 } from '../../shared/forecasting/rng.ts';
import type { SimTransaction } from '../../shared/ingest/sim-basket.ts';
import { withDatabase } from '../../supabase/local/db/databases.ts';
import { REPO_ROOT } from '../../supabase/local/db/paths.ts';
import { istNow, loadDemo } from '../../supabase/local/seed.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { ingestConfig } from './ingest-harness.ts';

let stack: TestStack;
let dir: string;

beforeAll(async () => {
  stack = await startTestStack({ config: ingestConfig() });
  dir = mkdtempSync(join(tmpdir(), 'simulate-pos-'));
  const world = buildDemoWorld(mulberry32(6), {
    stores: 3,
    skus: 20,
    days: 2,
    rawDays: 1,
    ...istNow(Date.now()),
  });
  await loadDemo(stack.adminPool, world);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Both dashboard rollups as `key → "revenue|units|count"`, to diff before and after. */
async function rollups(): Promise<Map<string, string>> {
  const { rows } = await stack.adminPool.query<{ k: string; v: string }>(`
    select 'hour:' || store_id || ':' || to_char(hour_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as k,
           revenue::numeric(16, 2) || '|' || units::numeric(16, 3) || '|' || transaction_count as v
      from public.sales_store_hour
    union all
    select 'daycat:' || store_id || ':' || business_date || ':' || category,
           revenue::numeric(16, 2) || '|' || units::numeric(16, 3) || '|' || transaction_count
      from public.sales_store_day_category`);
  return new Map(rows.map((r) => [r.k, r.v]));
}

/** What the acknowledged transactions add to each rollup row, computed in SQL with the
 * same IST bucketing the dashboards use, from the simulator's own record of them. */
async function expectedDeltas(accepted: readonly SimTransaction[]): Promise<Map<string, string>> {
  const { rows } = await stack.adminPool.query<{ k: string; v: string }>(
    `with t as (
       select x.*, ((x."timestamp")::timestamptz at time zone 'Asia/Kolkata') as ist
         from jsonb_to_recordset($1::jsonb) x("transactionId" text, "storeId" text, "timestamp" text,
                                             "totalAmount" numeric, items jsonb)
     ), l as (
       select t."transactionId" as id, t."storeId" as store_id, t.ist, p.category,
              (i ->> 'quantity')::numeric as quantity, (i ->> 'totalPrice')::numeric as total
         from t, jsonb_array_elements(t.items) i
         join public.products p on p.sku = i ->> 'sku'
     ), h as (
       select t."storeId" as store_id, date_trunc('hour', t.ist) as hour, sum(t."totalAmount") as revenue, count(*) as n
         from t group by 1, 2
     ), hu as (
       select l.store_id, date_trunc('hour', l.ist) as hour, sum(l.quantity) as units from l group by 1, 2
     )
     select 'hour:' || store_id || ':' ||
              to_char((hour at time zone 'Asia/Kolkata') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as k,
            revenue::numeric(16, 2) || '|' || units::numeric(16, 3) || '|' || n as v
       from h join hu using (store_id, hour)
     union all
     select 'daycat:' || store_id || ':' || ist::date || ':' || category,
            sum(total)::numeric(16, 2) || '|' || sum(quantity)::numeric(16, 3) || '|' || count(distinct id)
       from l group by store_id, ist::date, category`,
    [JSON.stringify(accepted)],
  );
  return new Map(rows.map((r) => [r.k, r.v]));
}

function runSimulator(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'simulate-pos.ts'), ...args],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    // Bounded: the run is 3 s plus at most 30 s of draining; kill it if it hangs.
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

const add = (a: string, b: string): string => {
  const [r1, u1, n1] = a.split('|').map(Number) as [number, number, number];
  const [r2, u2, n2] = b.split('|').map(Number) as [number, number, number];
  return `${(r1 + r2).toFixed(2)}|${(u1 + u2).toFixed(3)}|${n1 + n2}`;
};

describe('POS simulator on a seeded stack', () => {
  it('posts baskets for a few stores and the dashboards move by exactly what was acknowledged', async () => {
    const before = await rollups();
    const summaryFile = join(dir, 'summary.json');
    const run = await runSimulator([
      '--stores',
      '3',
      '--rate',
      '20',
      '--duration',
      '3',
      '--seed',
      '42',
      '--url',
      stack.url,
      '--db',
      withDatabase(inject('databaseAdminUrl'), stack.databaseName),
      '--outbox',
      join(dir, 'outbox'),
      '--summary',
      summaryFile,
    ]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/done: sent=\d+ retries=\d+ dead=0 left-in-outbox=0/);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
      statuses: Record<string, number>;
      accepted: SimTransaction[];
    };
    // Every batch answered 200: all its transactions were recorded.
    expect(Object.keys(summary.statuses)).toEqual(['200']);
    expect(summary.accepted.length).toBeGreaterThan(20);

    const after = await rollups();
    const deltas = await expectedDeltas(summary.accepted);
    for (const [k, v] of after) {
      const was = before.get(k) ?? '0|0|0';
      const d = deltas.get(k);
      if (d === undefined) expect(v, `${k} must not move`).toBe(was);
      else expect(v, k).toBe(add(was, d));
    }
    for (const k of deltas.keys()) expect(after.has(k), `${k} must exist`).toBe(true);

    // And the facts agree: every acknowledged id recorded exactly once, nothing else.
    const { rows } = await stack.adminPool.query<{ n: string; ids: string }>(
      `select count(*) n, count(distinct external_id) ids from public.transactions where source like 'sim.pos.%'`,
    );
    expect(Number(rows[0]!.n)).toBe(summary.accepted.length);
    expect(Number(rows[0]!.ids)).toBe(summary.accepted.length);
  }, 150_000);
});
