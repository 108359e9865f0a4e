// Properties 1, 5 and 8 against the real ingest SQL (public.ingest_transactions on a
// migrated Postgres): for any sequence of POS batches — including replays of whole
// requests and batches re-sending already recorded transactions — every rollup equals
// the facts, every line has exactly one SALE movement, and every level equals the sum of
// its movements.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateTransaction } from '../../shared/ingest/records.ts';
import { startSchemaDb, type SchemaDb } from '../integration/schema-harness.ts';

const F = 'Feature: bharat-retail-market-intelligence';
const NOW = Date.parse('2026-12-03T12:00:00+05:30');
const STORES = ['P1', 'P2', 'P3'] as const;
const SKUS = ['A-1', 'B-1', 'C-1', 'D-1', 'E-1'] as const;
let db: SchemaDb;
const keys = new Map<string, string>();

beforeAll(async () => {
  db = await startSchemaDb();
  await db.pool.query(`
    insert into public.regions (id, name) values ('R1', 'R one'), ('R2', 'R two');
    insert into public.stores (id, name, region_id, tier, city, state) values
      ('P1', 'P1', 'R1', 'TIER_1', 'c', 's'), ('P2', 'P2', 'R1', 'TIER_1', 'c', 's'), ('P3', 'P3', 'R2', 'RURAL', 'c', 's');
    insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price) values
      ('A-1', 'a', 'Grocery', 'x', 'b', 10, 5), ('B-1', 'b', 'Grocery', 'x', 'b', 20, 5),
      ('C-1', 'c', 'Dairy', 'x', 'b', 30, 5), ('D-1', 'd', 'Home', 'x', 'b', 40, 5), ('E-1', 'e', 'Home', 'x', 'b', 50, 5);
    insert into public.inventory_movements (store_id, sku, quantity, reason, source)
      select s.id, p.sku, 1000000, 'OPENING', 'test' from public.stores s cross join public.products p;
    update private.rate_limit_policy set per_minute = 1000000, burst = 1000000;`);
  for (const store of STORES) {
    const key = `brmi_${randomBytes(24).toString('hex')}`;
    keys.set(store, key);
    await db.pool.query(
      `insert into public.devices (name, kind, store_id, source, key_prefix, key_hash)
       values ($1, 'POS', $1, $2, $3, private.hash_api_key($4))`,
      [store, `pos.${store.toLowerCase()}`, key.slice(0, 13), key],
    );
  }
}, 180_000);
afterAll(async () => {
  await db?.stop();
});

const line = fc.record({
  sku: fc.constantFrom(...SKUS),
  quantity: fc.integer({ min: 1, max: 5000 }).map((q) => q / 1000),
  unit: fc.integer({ min: 0, max: 100_000 }),
});
const transaction = fc.record({
  n: fc.integer({ min: 0, max: 40 }),
  at: fc.integer({ min: NOW - 3 * 86_400_000, max: NOW }),
  lines: fc.array(line, { minLength: 1, maxLength: 5 }),
});
const batch = fc.record({
  store: fc.constantFrom(...STORES),
  txns: fc.array(transaction, { minLength: 1, maxLength: 12 }),
  replay: fc.boolean(),
});

function toRecord(
  store: string,
  t: { n: number; at: number; lines: { sku: string; quantity: number; unit: number }[] },
) {
  const items = t.lines.map((l) => ({
    sku: l.sku,
    quantity: l.quantity,
    unitPrice: l.unit / 100,
    totalPrice: Math.round(l.quantity * l.unit) / 100,
  }));
  const total = items.reduce((s, i) => s + Math.round(i.totalPrice * 100), 0) / 100;
  // The id is derived from the contents, so a re-drawn id never conflicts (409 is tested elsewhere).
  const id = `${store}-${t.n}-${createHash('sha1')
    .update(JSON.stringify([t.at, items]))
    .digest('hex')
    .slice(0, 10)}`;
  return {
    transactionId: id,
    storeId: store,
    timestamp: new Date(t.at).toISOString(),
    items,
    totalAmount: total,
    source: `pos.${store.toLowerCase()}`,
  };
}

async function ingest(store: string, records: unknown[]): Promise<{ status: number }> {
  const valid = records.map((r, i) => {
    const v = validateTransaction(r, i, NOW);
    if (!v.ok) throw new Error(`generator made an invalid record: ${JSON.stringify(v.errors)}`);
    return { ...v.value, i };
  });
  const hash = createHash('sha256').update(JSON.stringify(records)).digest('hex');
  const { rows } = await db.pool.query<{ r: { status: number } }>(
    `select public.ingest_transactions($1, $2, $3::jsonb, '[]'::jsonb) as r`,
    [keys.get(store), hash, JSON.stringify(valid)],
  );
  return rows[0]!.r;
}

/** Rows of `rollup` that differ from the same aggregate recomputed from the facts. */
const MISMATCHES = `
  with hour_facts as (
    select t.store_id, date_trunc('hour', t.occurred_at at time zone 'Asia/Kolkata') at time zone 'Asia/Kolkata' as h,
           sum(t.total_amount) as revenue, sum(i.units) as units, count(*) as n
      from public.transactions t
      join (select transaction_id, sum(quantity) units from public.transaction_items group by 1) i on i.transaction_id = t.id
     group by 1, 2),
  day_facts as (
    select store_id, (h at time zone 'Asia/Kolkata')::date as d, sum(revenue) as revenue, sum(units) as units,
           sum(n) as n
      from hour_facts group by 1, 2),
  cat_facts as (
    select i.store_id, i.business_date, p.category, sum(i.line_total) revenue, sum(i.quantity) units,
           count(distinct i.transaction_id) n
      from public.transaction_items i join public.products p using (sku) group by 1, 2, 3),
  region_facts as (
    select s.region_id, c.business_date, c.category, sum(c.revenue) revenue, sum(c.units) units, sum(c.n) n
      from cat_facts c join public.stores s on s.id = c.store_id group by 1, 2, 3),
  sku_facts as (
    select store_id, sku, business_date, sum(quantity) units, sum(line_total) revenue, count(distinct transaction_id) n
      from public.transaction_items group by 1, 2, 3)
  select 'hour' as grain, count(*) as n from (
    (select store_id, h, revenue, units, n from hour_facts
     except select store_id, hour_start, revenue, units, transaction_count from public.sales_store_hour)
    union all
    (select store_id, hour_start, revenue, units, transaction_count from public.sales_store_hour
     except select store_id, h, revenue, units, n from hour_facts)) d
  union all
  select 'day', count(*) from (
    (select store_id, d, revenue, units, n from day_facts
     except select store_id, business_date, revenue, units, transaction_count from public.sales_store_day)
    union all
    (select store_id, business_date, revenue, units, transaction_count from public.sales_store_day
     except select store_id, d, revenue, units, n from day_facts)) d
  union all
  select 'category', count(*) from (
    (select * from cat_facts except select store_id, business_date, category, revenue, units, transaction_count
       from public.sales_store_day_category)
    union all
    (select store_id, business_date, category, revenue, units, transaction_count from public.sales_store_day_category
     except select * from cat_facts)) d
  union all
  select 'region', count(*) from (
    (select * from region_facts except select region_id, business_date, category, revenue, units, transaction_count
       from public.sales_region_day_category)
    union all
    (select region_id, business_date, category, revenue, units, transaction_count from public.sales_region_day_category
     except select * from region_facts)) d
  union all
  select 'sku', count(*) from (
    (select * from sku_facts except select store_id, sku, business_date, units, revenue, transaction_count
       from public.sales_sku_store_day)
    union all
    (select store_id, sku, business_date, units, revenue, transaction_count from public.sales_sku_store_day
     except select * from sku_facts)) d
  union all
  select 'sale movements', abs((select count(*) from public.inventory_movements where reason = 'SALE')
                              - (select count(*) from public.transaction_items))
  union all
  select 'levels', count(*) from public.inventory_levels l
   where l.quantity <> (select sum(m.quantity) from public.inventory_movements m
                         where m.store_id = l.store_id and m.sku = l.sku)`;

describe('ingest facts and rollups', () => {
  it(`${F}, Property 1: Sales Aggregation Correctness; Property 5: Inventory Level Accuracy; Property 8: Inventory Movement Audit Trail — for any batches and replays`, async () => {
    const sent: { store: string; records: unknown[] }[] = [];
    await fc.assert(
      fc.asyncProperty(batch, async (b) => {
        const records = b.txns.map((t) => toRecord(b.store, t));
        const previous = sent.at(-1);
        const res = await ingest(b.store, records);
        expect(res.status).toBe(200);
        // A replay of an earlier request must change nothing.
        if (b.replay && previous) expect((await ingest(previous.store, previous.records)).status).toBe(200);
        sent.push({ store: b.store, records });
        const { rows } = await db.pool.query<{ grain: string; n: string }>(MISMATCHES);
        expect(rows.filter((r) => Number(r.n) !== 0)).toEqual([]);
      }),
      { numRuns: 100 },
    );
    const ids = await db.pool.query<{ n: string }>(
      `select count(*) - count(distinct (source, external_id)) as n from public.transactions`,
    );
    expect(Number(ids.rows[0]!.n)).toBe(0);
  });
});
