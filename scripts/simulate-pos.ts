// POS simulator: `npm run simulate:pos -- --stores 60 --rate 50` posts realistic baskets
// (shared/ingest/sim-basket.ts) from the catalogue in the database to the local stack in
// real time through ingest-transactions: per store one batch a second or, while its
// previous batch is in flight, one larger batch when that is done (so a slow server gets
// fewer, larger requests, not a growing backlog). Durable on-disk outbox
// (scripts/pos-outbox.ts), retries with full-jitter backoff that honour Retry-After
// (scripts/pos-sender.ts). When a SKU runs low it posts a restock count through
// ingest-inventory on the store's lane, after the sales already made and before the ones
// that use the new stock. Devices (one POS key per store, one ERP key) are registered in
// the database on first run and their keys kept next to the outbox, so a restart resumes.
//
// Options: --stores N (60) --rate TXN_PER_S (50) --duration S (until Ctrl-C) --seed N
//          --url GATEWAY (SUPABASE_URL or http://127.0.0.1:54321) --db URL (DATABASE_URL)
//          --outbox DIR (.simulate-pos) --summary FILE (JSON: answers by status and the
//          accepted transactions, for tests). Exits 1 if a batch was dead-lettered or left
//          undelivered.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { mulberry32 } from '../shared/forecasting/rng.ts';
import { makeBasket, type SimProduct, type SimTransaction } from '../shared/ingest/sim-basket.ts';
import { DiskOutbox, type OutboxItem } from './pos-outbox.ts';
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
    summary: { type: 'string' },
  },
});

const storesWanted = Number(values.stores);
const rate = Number(values.rate);
if (!(storesWanted >= 1) || !(rate > 0)) throw new Error('--stores must be ≥ 1 and --rate > 0');
const rng = mulberry32(Number(values.seed));
const runId = randomBytes(4).toString('hex');

/** Written with --summary at the end: answers by status, and the transactions of batches answered 200. */
interface Summary {
  statuses: Record<string, number>;
  accepted: SimTransaction[];
}

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
  const summary: Summary = { statuses: {}, accepted: [] };
  // One lane per store: its batches (sales, and the restock counts that must land before
  // the sales that use them) are delivered in order. Baskets wait in memory only while the
  // lane is busy and then go as one batch, so a slow server gets fewer, larger requests
  // instead of a growing backlog of one-basket requests.
  const lanes = new Map<string, Promise<unknown>>();
  const busy = new Map<string, number>();
  const buffers = new Map<string, SimTransaction[]>(stores.map((s) => [s, []]));
  let pending = 0;
  let seq = 0;
  const enqueue = (lane: string, item: OutboxItem, txns: readonly SimTransaction[]) => {
    pending += 1;
    busy.set(lane, (busy.get(lane) ?? 0) + 1);
    lanes.set(
      lane,
      (lanes.get(lane) ?? Promise.resolve()).then(async () => {
        const status = await deliver(outbox, item, { url: values.url, rng, stats, stopped });
        pending -= 1;
        busy.set(lane, (busy.get(lane) ?? 1) - 1);
        summary.statuses[String(status)] = (summary.statuses[String(status)] ?? 0) + 1;
        if (status === 200) summary.accepted.push(...txns);
      }),
    );
  };
  const send = (
    lane: string,
    fn: string,
    key: string,
    body: readonly unknown[],
    txns: readonly SimTransaction[],
  ) => {
    const item = {
      id: `${Date.now().toString().padStart(15, '0')}-${runId}-${lane}-${seq++}`,
      fn,
      key,
      body: JSON.stringify(body),
    };
    outbox.put(item); // durable before the first attempt
    enqueue(lane, item, txns);
  };
  const flush = (store: string) => {
    const txns = buffers.get(store)!;
    if (txns.length === 0) return;
    buffers.set(store, []);
    for (let i = 0; i < txns.length; i += 1000) {
      const part = txns.slice(i, i + 1000);
      send(store, 'ingest-transactions', keys.pos[store]!, part, part);
    }
  };
  // Resend what a previous run left behind (same bytes: replays are no-ops on the server).
  for (const item of outbox.pending()) enqueue(`resume-${item.key}`, item, []);

  let txnSeq = 0;
  let carry = 0;
  const started = Date.now();
  const tick = () => {
    const now = Date.now();
    carry += rate;
    for (; carry >= 1; carry -= 1) {
      const store = stores[Math.floor(rng() * stores.length)]!;
      const t = makeBasket(rng, {
        storeId: store,
        source: `sim.pos.${store.toLowerCase()}`,
        transactionId: `SIM-${runId}-${txnSeq++}`,
        at: now,
        products,
        stock: stock.get(store)!,
      });
      if (t) buffers.get(store)!.push(t);
    }
    for (const [store, levels] of stock) {
      const restock: unknown[] = [];
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
      if (restock.length > 0) {
        // Sales already made go first: the count then lands on the level they left.
        flush(store);
        for (let i = 0; i < restock.length; i += 1000)
          send(store, 'ingest-inventory', keys.erp, restock.slice(i, i + 1000), []);
      }
      if ((busy.get(store) ?? 0) === 0 || buffers.get(store)!.length >= 1000) flush(store);
    }
    console.log(
      `t=${Math.round((now - started) / 1000)}s sent=${stats.sent} retries=${stats.retries} 429=${stats.rateLimited} replays=${stats.replays} dead=${stats.dead} pending=${pending}`,
    );
  };
  const timer = setInterval(tick, 1000);
  const finish = async () => {
    clearInterval(timer);
    for (const store of stores) flush(store);
    // Drain what is in flight (bounded); anything left stays in the outbox for the next run.
    await Promise.race([Promise.all(lanes.values()), new Promise((r) => setTimeout(r, 30_000))]);
    stopping = true;
    const left = outbox.pending().length;
    console.log(
      `done: sent=${stats.sent} retries=${stats.retries} dead=${stats.dead} left-in-outbox=${left}`,
    );
    if (values.summary !== undefined) writeFileSync(values.summary, JSON.stringify(summary));
    process.exit(stats.dead > 0 || left > 0 ? 1 : 0);
  };
  process.once('SIGINT', () => void finish());
  process.once('SIGTERM', () => void finish());
  if (values.duration !== undefined) setTimeout(() => void finish(), Number(values.duration) * 1000);
}

await main();
