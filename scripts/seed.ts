// npm run seed -- --stores N --days D [--raw-days R] [--skus K] [--seed S]
// Bootstraps and migrates the database at DATABASE_URL if needed, then loads a generated
// data set of that size (the demo is --stores 60 --days 400). Refuses a non-empty database.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildDemoWorld, DEMO_DEFAULTS } from '../shared/demo/demo-world.ts';
import { mulberry32 } from '../shared/forecasting/rng.ts';
import { bootstrap } from '../supabase/local/db/bootstrap.ts';
import { migrate } from '../supabase/local/db/migrate.ts';
import { MIGRATIONS_DIR } from '../supabase/local/db/paths.ts';
import { DEMO_SEED, istNow, loadDemo } from '../supabase/local/seed.ts';

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`--${name} must be an integer from 1 to ${max}, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string' },
      days: { type: 'string' },
      'raw-days': { type: 'string' },
      skus: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const url = process.env['DATABASE_URL'];
  if (!url)
    throw new Error(
      'DATABASE_URL is not set: give the database to load, e.g. DATABASE_URL=postgres://postgres:postgres@127.0.0.1:54322/postgres',
    );
  const days = positiveInt('days', values.days, DEMO_DEFAULTS.days, 3660);
  const options = {
    stores: positiveInt('stores', values.stores, DEMO_DEFAULTS.stores, 10_000),
    skus: Math.max(20, positiveInt('skus', values.skus, DEMO_DEFAULTS.skus, 20_000)),
    days,
    rawDays: Math.min(days, positiveInt('raw-days', values['raw-days'], DEMO_DEFAULTS.rawDays, 400)),
    ...istNow(Date.now()),
  };
  const seed = positiveInt('seed', values.seed, DEMO_SEED, 2 ** 31);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await bootstrap(pool);
    await migrate(pool, MIGRATIONS_DIR);
    const { rows } = await pool.query<{ present: boolean }>(
      `select exists (select 1 from public.stores) as present`,
    );
    if (rows[0]?.present) throw new Error('the database already has stores: seed an empty database');
    const started = performance.now();
    const world = buildDemoWorld(mulberry32(seed), options);
    await loadDemo(pool, world, (line) => console.log(line));
    const size = await pool.query<{ size: string }>(
      `select pg_size_pretty(pg_database_size(current_database())) as size`,
    );
    console.log(
      `seed: ${options.stores} stores, ${world.products.length} SKUs, ${days} days (${options.rawDays} raw) loaded in ${((performance.now() - started) / 1000).toFixed(1)} s; database size ${size.rows[0]?.size}`,
    );
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
