// Ingestion throughput and latency through HTTP (gateway → functions runner →
// public.ingest_transactions): sustained line items/s with batches of 500 transactions at
// 1, 2 and 4 concurrent clients; p50/p95/p99 batch latency at half the best rate;
// single-transaction requests/s. Targets (issue 6): ≥ 20,000 line items/s, p95 ≤ 500 ms
// at half load. The rate limit is raised for the run (it is per device and would cap a
// benchmark, not the pipeline). Uses DATABASE_URL's server if set, else an embedded
// Postgres in a temp dir; everything started is stopped.
// Run: npx tsx bench/ingest.ts [seconds per phase = 10] [--before VERSION]
// With --before, a second database gets only the migrations before VERSION and every
// figure is measured on both, back to back, so before/after share the machine's load.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { mulberry32 } from '../shared/forecasting/rng.ts';
import { makeBasket, type SimProduct } from '../shared/ingest/sim-basket.ts';
import { loadConfig } from '../supabase/local/config.ts';
import { bootstrap } from '../supabase/local/db/bootstrap.ts';
import { createDatabase, dropDatabase } from '../supabase/local/db/databases.ts';
import { startEmbeddedPostgres } from '../supabase/local/db/embedded.ts';
import { migrate } from '../supabase/local/db/migrate.ts';
import { MIGRATIONS_DIR } from '../supabase/local/db/paths.ts';
import { startStack } from '../supabase/local/stack.ts';

const args = process.argv.slice(2);
const beforeAt = args.indexOf('--before');
const BEFORE = beforeAt >= 0 ? args[beforeAt + 1] : undefined;
if (beforeAt >= 0 && (BEFORE === undefined || !/^\d{14}$/.test(BEFORE)))
  throw new Error('--before takes a migration version, e.g. --before 20261206000300');
const SECONDS = Number(args.find((x, i) => /^\d+$/.test(x) && args[i - 1] !== '--before') ?? 10);
const BATCH = 500;
const rng = mulberry32(42);

const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
chmodSync(dir, 0o777);
const server = process.env['DATABASE_URL']
  ? undefined
  : await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: 0 });
const adminUrl = process.env['DATABASE_URL'] ?? server!.url;

interface World {
  readonly label: string;
  readonly dbName: string;
  readonly pool: pg.Pool;
  readonly stack: Awaited<ReturnType<typeof startStack>>;
  readonly url: string;
  readonly keys: Map<string, string>;
}

/** The migrations before `version`, in a folder of their own: the "before" database. */
function migrationsBefore(version: string): string {
  const out = join(dir, 'migrations-before');
  mkdirSync(out);
  for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql') && f.slice(0, 14) < version))
    copyFileSync(join(MIGRATIONS_DIR, f), join(out, f));
  return out;
}

const stores = Array.from({ length: 60 }, (_, i) => `ST${i + 1}`);
let products: SimProduct[] = [];

async function makeWorld(label: string, migrations: string): Promise<World> {
  const dbName = `bench_ingest_${randomBytes(4).toString('hex')}`;
  const dbUrl = await createDatabase(adminUrl, dbName);
  const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  await bootstrap(pool);
  await migrate(pool, migrations);
  await pool.query(`
  insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
  insert into public.stores (id, name, region_id, tier, city, state, allow_negative_stock)
    select 'ST' || g, 'Store ' || g, case when g % 2 = 0 then 'NORTH' else 'SOUTH' end, 'TIER_1', 'c', 's', true
      from generate_series(1, 60) g;
  insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price)
    select 'SKU-' || g, 'Product ' || g, 'Category ' || (g % 12), 'x', 'b', 10 + (g * 7) % 900, 5 from generate_series(1, 400) g;
  insert into public.inventory_movements (store_id, sku, quantity, reason, source)
    select s.id, p.sku, 1000000, 'OPENING', 'bench' from public.stores s cross join public.products p;
  update private.rate_limit_policy set per_minute = 1000000, burst = 1000000;`);
  products = (
    await pool.query<{ sku: string; p: string }>(
      `select sku, (unit_price * 100)::bigint p from public.products`,
    )
  ).rows.map((r) => ({ sku: r.sku, pricePaise: Number(r.p) }));
  const keys = new Map<string, string>();
  for (const s of stores) {
    const key = `brmi_${randomBytes(24).toString('hex')}`;
    keys.set(s, key);
    await pool.query(
      `insert into public.devices (name, kind, store_id, source, key_prefix, key_hash) values ($1, 'POS', $1, $2, $3, $4)`,
      [s, `bench.${s.toLowerCase()}`, key.slice(0, 13), createHash('sha256').update(key).digest()],
    );
  }
  const base = loadConfig();
  const functions = {
    ...base.functions,
    'ingest-transactions': { ...base.functions['ingest-transactions'], verifyJwt: false },
  };
  const stack = await startStack({
    databaseUrl: dbUrl,
    port: 0,
    config: { ...base, functions },
    log: () => {},
  });
  return { label, dbName, pool, stack, url: `${stack.url}/functions/v1/ingest-transactions`, keys };
}

const worlds: World[] = [];
let seq = 0;
const bigStock = () => new Map(products.map((p) => [p.sku, 1e9]));
function batch(store: string, n: number): { body: string; lines: number } {
  const stock = bigStock();
  const txns = [];
  let lines = 0;
  for (let i = 0; i < n; i += 1) {
    const t = makeBasket(rng, {
      storeId: store,
      source: `bench.${store.toLowerCase()}`,
      transactionId: `B${seq++}`,
      at: Date.now() - 60_000,
      products,
      stock,
    })!;
    lines += t.items.length;
    txns.push(t);
  }
  return { body: JSON.stringify(txns), lines };
}
async function post(w: World, store: string, body: string): Promise<void> {
  const res = await fetch(w.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': w.keys.get(store)! },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`answered ${res.status}: ${text.slice(0, 200)}`);
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** Sustained line items/s with `clients` concurrent clients, each posting batches of 500. */
async function sustained(w: World, clients: number): Promise<number> {
  let lines = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const store = stores[c + clients]!;
      while (performance.now() < until) {
        const b = batch(store, BATCH);
        await post(w, store, b.body);
        lines += b.lines;
      }
    }),
  );
  return lines / ((performance.now() - started) / 1000);
}

/** Batch latencies at `rate` line items/s: one batch every (lines per batch) / rate seconds. */
async function paced(w: World, rate: number): Promise<number[]> {
  const latencies: number[] = [];
  const start = performance.now();
  let due = start;
  const inflight: Promise<void>[] = [];
  while (performance.now() - start < SECONDS * 1000) {
    const store = stores[10 + ((latencies.length + inflight.length) % 40)]!;
    const b = batch(store, BATCH);
    due += (b.lines / rate) * 1000;
    const t0 = performance.now();
    inflight.push(post(w, store, b.body).then(() => void latencies.push(performance.now() - t0)));
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inflight);
  return latencies;
}

/** Single-transaction requests/s, 8 concurrent clients on different devices. */
async function singles(w: World): Promise<number> {
  let n = 0;
  const until = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async (_, c) => {
      const store = stores[50 + c]!;
      while (performance.now() < until) {
        await post(w, store, batch(store, 1).body);
        n += 1;
      }
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

try {
  if (BEFORE !== undefined) worlds.push(await makeWorld(`before ${BEFORE}`, migrationsBefore(BEFORE)));
  worlds.push(await makeWorld('after', MIGRATIONS_DIR));
  // Each figure is measured on every world back to back, so a ratio shares the machine's load.
  const tag = (w: World) => (worlds.length > 1 ? ` [${w.label}]` : '');
  const best = new Map<World, number>();
  for (const w of worlds) await post(w, stores[0]!, batch(stores[0]!, 5).body); // warm the runner and plans
  for (const clients of [1, 2, 4]) {
    for (const w of worlds) {
      const rate = await sustained(w, clients);
      best.set(w, Math.max(best.get(w) ?? 0, rate));
      console.log(
        `ingest line items/s, batches of ${BATCH} transactions, ${clients} client(s)${tag(w)}: ${Math.round(rate)}`,
      );
    }
  }
  for (const w of worlds) {
    const half = best.get(w)! / 2;
    const latencies = await paced(w, half);
    console.log(
      `ingest batch latency at half load (${Math.round(half)} line items/s)${tag(w)} p50 ms: ${pct(latencies, 50).toFixed(0)}`,
    );
    console.log(`ingest batch latency at half load${tag(w)} p95 ms: ${pct(latencies, 95).toFixed(0)}`);
    console.log(`ingest batch latency at half load${tag(w)} p99 ms: ${pct(latencies, 99).toFixed(0)}`);
  }
  for (const w of worlds)
    console.log(`ingest single-transaction requests/s (8 clients)${tag(w)}: ${Math.round(await singles(w))}`);
  console.log(`machine load average (1 min) during the run: ${loadavg()[0]!.toFixed(2)}`);
} finally {
  for (const w of worlds) {
    await w.stack.stop();
    await w.pool.end();
    await dropDatabase(adminUrl, w.dbName).catch(() => {});
  }
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
