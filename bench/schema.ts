// Schema benchmark: demo load time and database size, and the p95 of the store dashboard
// (public.get_store_dashboard) as a store manager (RLS + scope checks) vs as the service
// role (RLS bypassed), on the demo and on a generated 1,000-store set. One figure per line.
// Usage: npx tsx bench/schema.ts [--stores-large 1000] [--days-large 8] [--runs 200]
// Uses DATABASE_URL's server if set (a fresh database per data set), else embedded Postgres.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildDemoWorld, DEMO_DEFAULTS, type DemoOptions } from '../shared/demo/demo-world.ts';
import { mulberry32 } from '../shared/forecasting/rng.ts';
import { bootstrap } from '../supabase/local/db/bootstrap.ts';
import { createDatabase, dropDatabase } from '../supabase/local/db/databases.ts';
import { startEmbeddedPostgres } from '../supabase/local/db/embedded.ts';
import { migrate } from '../supabase/local/db/migrate.ts';
import { MIGRATIONS_DIR } from '../supabase/local/db/paths.ts';
import { DEMO_SEED, istNow, loadDemo } from '../supabase/local/seed.ts';

const { values } = parseArgs({
  options: { 'stores-large': { type: 'string' }, 'days-large': { type: 'string' }, runs: { type: 'string' } },
});
const RUNS = Number(values.runs ?? 200);

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}

async function dashboardP95(
  pool: pg.Pool,
  claims: Record<string, unknown>,
  role: string,
  store: string,
  day: string,
): Promise<number> {
  const client = await pool.connect();
  const samples: number[] = [];
  try {
    for (let i = 0; i < RUNS + 20; i++) {
      await client.query('begin');
      await client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [
        JSON.stringify(claims),
        role,
      ]);
      const t = performance.now();
      const { rows } = await client.query<{ r: { error?: unknown } }>(
        `select public.get_store_dashboard($1, $2) as r`,
        [store, day],
      );
      const ms = performance.now() - t;
      await client.query('commit');
      if (rows[0]?.r.error)
        throw new Error(`dashboard refused for ${role}: ${JSON.stringify(rows[0].r.error)}`);
      if (i >= 20) samples.push(ms); // the first runs warm caches and plans
    }
  } finally {
    client.release();
  }
  return p95(samples);
}

async function measure(adminUrl: string, label: string, options: DemoOptions): Promise<void> {
  const name = `brmi_bench_${label.replace(/\W/g, '')}_${process.pid}`;
  const url = await createDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await bootstrap(pool);
    await migrate(pool, MIGRATIONS_DIR);
    const t = performance.now();
    const cpu = process.cpuUsage();
    const phases = await loadDemo(pool, buildDemoWorld(mulberry32(DEMO_SEED), options));
    const nodeCpu = process.cpuUsage(cpu);
    console.log(`${label} load time: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    console.log(
      `${label} load phases: ${Object.entries(phases)
        .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
        .join(', ')}; loader CPU ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s`,
    );
    const size = await pool.query<{ mb: string }>(
      `select round(pg_database_size(current_database()) / 1048576.0) as mb`,
    );
    console.log(`${label} database size: ${size.rows[0]?.mb} MB`);
    const sm = await pool.query<{ user_id: string; store_id: string }>(
      `select user_id, store_id from public.profiles where role = 'STORE_MANAGER' order by email limit 1`,
    );
    const user = sm.rows[0];
    if (!user) throw new Error('no store manager in the demo');
    const hook = await pool.query<{ c: { claims: Record<string, unknown> } }>(
      `select public.custom_access_token_hook($1) as c`,
      [{ user_id: user.user_id, claims: { sub: user.user_id, role: 'authenticated' } }],
    );
    const claims = hook.rows[0]?.c.claims ?? {};
    const manager = await dashboardP95(pool, claims, 'authenticated', user.store_id, options.today);
    const service = await dashboardP95(
      pool,
      { role: 'service_role' },
      'service_role',
      user.store_id,
      options.today,
    );
    console.log(`${label} store dashboard p95 as store manager: ${manager.toFixed(2)} ms`);
    console.log(`${label} store dashboard p95 as service role: ${service.toFixed(2)} ms`);
  } finally {
    await pool.end();
    await dropDatabase(adminUrl, name);
  }
}

async function main(): Promise<void> {
  const now = istNow(Date.now());
  let adminUrl = process.env['DATABASE_URL'] ?? '';
  let stop = async (): Promise<void> => {};
  if (adminUrl === '') {
    const dir = await mkdtemp(join(tmpdir(), 'brmi-bench-schema-'));
    const server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    adminUrl = server.url;
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  try {
    await measure(adminUrl, 'demo (60 stores, 400 days)', { ...DEMO_DEFAULTS, ...now });
    const stores = Number(values['stores-large'] ?? 1000);
    const days = Number(values['days-large'] ?? 8);
    await measure(adminUrl, `generated (${stores} stores, ${days} days)`, {
      stores,
      skus: 1200,
      days,
      rawDays: Math.min(2, days),
      ...now,
    });
  } finally {
    await stop();
  }
}

await main();
