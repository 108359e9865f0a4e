// POS simulator: `npm run simulate:pos -- --stores 60 --rate 50` posts realistic baskets
// (shared/ingest/sim-basket.ts) from the catalogue in the database to the local stack in
// real time — one batch per store per second through ingest-transactions — with a
// durable on-disk outbox (scripts/pos-outbox.ts) and retries with full-jitter backoff that
// honour Retry-After (scripts/pos-sender.ts). When a SKU runs low it posts a restock count
// through ingest-inventory. Devices (one POS key per store, one ERP key) are registered in
// the database on first run and their keys kept next to the outbox, so a restart resumes.
//
// Options: --stores N (60) --rate TXN_PER_S (50) --duration S (until Ctrl-C) --seed N
//          --url GATEWAY (SUPABASE_URL or http://127.0.0.1:54321) --db URL (DATABASE_URL)
//          --outbox DIR (.simulate-pos)
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { mulberry32 } from '../shared/forecasting/rng.ts';
import { makeBasket, type SimProduct } from '../shared/ingest/sim-basket.ts';
import { DiskOutbox } from './pos-outbox.ts';
import { deliver, newStats } from './pos-sender.ts';

const { values } = parseArgs({
  options: {
    stores: { type: 'string', default: '60' },
    rate: { type: 'string', default: '50' },
    duration: { type: 'string' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    url: { type: 'string', default: process.env['SUPABASE_URL'] ?? 'http://127.0.0.1:54321' },
    db: {
      type: 'string',
      default: process.env['DATABASE_URL'] ?? 'postgres://postgres:postgres@127.0.0.1:54322/postgres',
    },
    outbox: { type: 'string', default: '.simulate-pos' },
  },
});

const storesWanted = Number(values.stores);
const rate = Number(values.rate);
if (!(storesWanted >= 1) || !(rate > 0)) throw new Error('--stores must be ≥ 1 and --rate > 0');
const rng = mulberry32(Number(values.seed));
const runId = randomBytes(4).toString('hex');

interface Keys {
  readonly pos: Record<string, string>;
  readonly erp: string;
}

async function registerDevices(pool: pg.Pool, stores: readonly string[], file: string): Promise<Keys> {
  const saved: Keys = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Keys)
    : { pos: {}, erp: '' };
  const hash = (k: string) => createHash('sha256').update(k).digest();
  const ensure = async (key: string, kind: string, store: string | null, source: string): Promise<string> => {
    const known =
      key !== '' &&
      (
        await pool.query(`select 1 from public.devices where key_hash = $1 and status = 'ACTIVE'`, [
          hash(key),
        ])
      ).rowCount;
    if (known) return key;
    const fresh = `brmi_${randomBytes(24).toString('hex')}`;
    await pool.query(
      `insert into public.devices (name, kind, store_id, source, key_prefix, key_hash) values ($1, $2, $3, $4, $5, $6)`,
      [`simulator ${kind} ${store ?? ''}`.trim(), kind, store, source, fresh.slice(0, 13), hash(fresh)],
    );
    return fresh;
  };
  const pos: Record<string, string> = {};
  for (const s of stores) pos[s] = await ensure(saved.pos[s] ?? '', 'POS', s, `sim.pos.${s.toLowerCase()}`);
  const keys = { pos, erp: await ensure(saved.erp, 'ERP', null, 'sim.erp') };
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

async function main(): Promise<void> {
  mkdirSync(values.outbox, { recursive: true });
  const outbox = new DiskOutbox(join(values.outbox, 'outbox'));
  const pool = new pg.Pool({ connectionString: values.db, max: 2 });
  const stores = (
    await pool.query<{ id: string }>(
      `select id from public.stores where status = 'ACTIVE' order by id limit $1`,
      [storesWanted],
    )
  ).rows.map((r) => r.id);
  const products: SimProduct[] = (
    await pool.query<{ sku: string; p: string }>(
      `select sku, round(unit_price * 100)::bigint as p from public.products where status = 'ACTIVE' order by sku`,
    )
  ).rows.map((r) => ({ sku: r.sku, pricePaise: Number(r.p) }));
  if (stores.length === 0 || products.length === 0)
    throw new Error('no stores or products: run `npm run seed` first');
  const stock = new Map<string, Map<string, number>>(stores.map((s) => [s, new Map()]));
  for (const r of (
    await pool.query<{ store_id: string; sku: string; q: string }>(
      `select store_id, sku, quantity q from public.inventory_levels where store_id = any($1)`,
      [stores],
    )
  ).rows) {
    stock.get(r.store_id)?.set(r.sku, Math.floor(Number(r.q)));
  }
  const keys = await registerDevices(pool, stores, join(values.outbox, 'keys.json'));
  await pool.end();

  const stats = newStats();
  let stopping = false;
  const stopped = () => stopping;
  const lanes = new Map<string, Promise<unknown>>();
  const send = (lane: string, fn: string, key: string, body: unknown) => {
    const item = {
      id: `${Date.now().toString().padStart(15, '0')}-${runId}-${lane}-${stats.sent + stats.dead + lanes.size}-${Math.floor(rng() * 1e9)}`,
      fn,
      key,
      body: JSON.stringify(body),
    };
    outbox.put(item);
    // One lane per device: its batches arrive in order.
    lanes.set(
      lane,
      (lanes.get(lane) ?? Promise.resolve()).then(() =>
        deliver(outbox, item, { url: values.url, rng, stats, stopped }),
      ),
    );
  };
  // Resend what a previous run left behind (same bytes: replays are no-ops on the server).
  for (const item of outbox.pending()) {
    lanes.set(
      `resume-${item.key}`,
      (lanes.get(`resume-${item.key}`) ?? Promise.resolve()).then(() =>
        deliver(outbox, item, { url: values.url, rng, stats, stopped }),
      ),
    );
  }

  let seq = 0;
  let carry = 0;
  const started = Date.now();
  const tick = () => {
    const now = Date.now();
    carry += rate;
    const batches = new Map<string, unknown[]>();
    for (; carry >= 1; carry -= 1) {
      const store = stores[Math.floor(rng() * stores.length)]!;
      const t = makeBasket(rng, {
        storeId: store,
        source: `sim.pos.${store.toLowerCase()}`,
        transactionId: `SIM-${runId}-${seq++}`,
        at: now,
        products,
        stock: stock.get(store)!,
      });
      if (t) batches.set(store, [...(batches.get(store) ?? []), t]);
    }
    for (const [store, txns] of batches) send(store, 'ingest-transactions', keys.pos[store]!, txns);
    const restock: unknown[] = [];
    for (const [store, levels] of stock) {
      for (const [sku, q] of levels) {
        if (q >= 5) continue;
        levels.set(sku, q + 100);
        restock.push({
          sku,
          storeId: store,
          quantity: q + 100,
          timestamp: new Date(now).toISOString(),
          source: 'sim.erp',
        });
      }
    }
    for (let i = 0; i < restock.length; i += 1000)
      send('erp', 'ingest-inventory', keys.erp, restock.slice(i, i + 1000));
    console.log(
      `t=${Math.round((now - started) / 1000)}s sent=${stats.sent} retries=${stats.retries} 429=${stats.rateLimited} replays=${stats.replays} dead=${stats.dead} pending=${outbox.pending().length}`,
    );
  };
  const timer = setInterval(tick, 1000);
  const finish = async () => {
    clearInterval(timer);
    await Promise.race([Promise.all(lanes.values()), new Promise((r) => setTimeout(r, 10_000))]);
    stopping = true;
    console.log(
      `done: sent=${stats.sent} retries=${stats.retries} dead=${stats.dead} left-in-outbox=${outbox.pending().length}`,
    );
    process.exit(0);
  };
  process.once('SIGINT', () => void finish());
  process.once('SIGTERM', () => void finish());
  if (values.duration !== undefined) setTimeout(() => void finish(), Number(values.duration) * 1000);
}

await main();
