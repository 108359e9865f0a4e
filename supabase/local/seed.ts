// Loads the deterministic demo (shared/demo/) into an empty database: master data, 400 days
// of SKU×store×day rollups, 30 days of raw baskets with the rollups derived from them in
// SQL (so they equal the facts, Property 1), inventory movements and levels (Properties 5,
// 8), thresholds, competitor price histories, low-stock alerts and demo logins.
// One transaction: a failed load leaves the database empty. Bulk rows (millions of SKU-days,
// the baskets) go in with COPY into bare partitions whose indexes are built afterwards
// (seed-copy.ts); the smaller sets use batched `insert … select from unnest(…)`.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { isoDate } from '../../shared/calendar/dates.ts';
import { emitBaskets, historyHours, type Basket } from '../../shared/demo/baskets.ts';
import { DEMO_COMPETITORS, emitCompetitorPrices } from '../../shared/demo/competitors.ts';
import { buildDemoWorld, DEMO_DEFAULTS, type DemoWorld } from '../../shared/demo/demo-world.ts';
import { emitHistory } from '../../shared/demo/history.ts';
import { emitStockPlans } from '../../shared/demo/inventory.ts';
import { demoLogins } from '../../shared/demo/logins.ts';
import { mulberry32 } from '../../shared/forecasting/rng.ts';
import {
  copyCell,
  CopyBuffer,
  copyInto,
  detachForLoad,
  NULL_CELL,
  withBulkTriggersOff,
  type BareTable,
} from './seed-copy.ts';

export interface SeedLogin {
  readonly role: string;
  readonly email: string;
  readonly password: string;
  readonly scope: string;
}

export interface SeedResult {
  readonly loaded: boolean;
  readonly logins: readonly SeedLogin[];
}

export const DEMO_SEED = 20261202;
const IST = 'Asia/Kolkata';

/** Today's IST business date and hour, from the wall clock (the demo ends "now"). */
export function istNow(epochMs: number): { today: string; hourNow: number } {
  const ist = epochMs + 330 * 60_000;
  return {
    today: isoDate(Math.floor(ist / 86_400_000)),
    hourNow: Math.floor((ist % 86_400_000) / 3_600_000),
  };
}

function loginsOf(world: DemoWorld): SeedLogin[] {
  return demoLogins(world).map((l) => ({
    role: l.role,
    email: l.email,
    password: l.password,
    scope: l.storeId !== null ? `store ${l.storeId}` : l.regionId !== null ? `region ${l.regionId}` : 'chain',
  }));
}

export async function seedIfEmpty(pool: pg.Pool): Promise<SeedResult> {
  const world = buildDemoWorld(mulberry32(DEMO_SEED), { ...DEMO_DEFAULTS, ...istNow(Date.now()) });
  const { rows } = await pool.query<{ present: boolean }>(
    `select exists (select 1 from public.stores) as present`,
  );
  if (rows[0]?.present) return { loaded: false, logins: loginsOf(world) };
  await loadDemo(pool, world);
  return { loaded: true, logins: loginsOf(world) };
}

export interface LoadTimings {
  readonly [step: string]: number;
}

export async function loadDemo(
  pool: pg.Pool,
  world: DemoWorld,
  log: (line: string) => void = () => {},
): Promise<LoadTimings> {
  const timings: Record<string, number> = {};
  const client = await pool.connect();
  let t = performance.now();
  const step = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    log(`seed: ${name} ${timings[name]} ms`);
    t = now;
  };
  try {
    await client.query('begin');
    await client.query('set local synchronous_commit = off');
    // Rollups aggregate ~1M raw lines in one statement: keep the hash aggregates in memory.
    await client.query("set local work_mem = '256MB'");
    // Index builds of the bare partitions sort in memory rather than in temp files.
    await client.query("set local maintenance_work_mem = '256MB'");
    await loadMasterData(client, world);
    // Fresh tables have no statistics: foreign-key checks of the millions of rows below would
    // plan a sequential scan of products and stores for every row.
    await client.query('analyze public.regions, public.stores, public.products, public.competitors');
    await createPartitions(client, world);
    // The load's partitions are filled bare and indexed afterwards (seed-copy.ts).
    const history = await detachForLoad(client, 'public.sales_sku_store_day');
    const transactions = await detachForLoad(client, 'public.transactions');
    const items = await detachForLoad(client, 'public.transaction_items');
    step('master data');
    await loadHistory(client, world, history);
    step('sku×store×day history');
    await loadBaskets(client, world, transactions, items);
    step('raw baskets');
    await deriveRollups(client, world, history);
    step('rollups from raw');
    await history.restore(client);
    step('sku×store×day indexes');
    await loadInventory(client, world);
    step('inventory');
    await loadCompetitorPrices(client, world);
    step('competitor prices');
    await loadUsers(client, world);
    // The alert query joins levels and thresholds of every SKU×store: plan it on real counts.
    await client.query('analyze public.inventory_levels, public.inventory_thresholds');
    await raiseLowStockAlerts(client);
    step('users and alerts');
    await client.query('commit');
    // Statistics for the tables dashboards read first; autovacuum analyzes the rest.
    await client.query(
      'analyze public.profiles, public.sales_store_hour, public.sales_store_day, public.sales_store_day_category',
    );
    step('commit and analyze');
    return timings;
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}

async function loadMasterData(client: pg.PoolClient, w: DemoWorld): Promise<void> {
  await client.query(`insert into public.regions (id, name) select * from unnest($1::text[], $2::text[])`, [
    w.regions.map((r) => r.id),
    w.regions.map((r) => r.name),
  ]);
  await client.query(
    `insert into public.stores (id, name, region_id, tier, city, state, allow_negative_stock)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])`,
    [
      w.stores.map((s) => s.id),
      w.stores.map((s) => s.name),
      w.stores.map((s) => s.regionId),
      w.stores.map((s) => s.tier),
      w.stores.map((s) => s.city),
      w.stores.map((s) => s.state),
      w.stores.map((s) => s.allowNegativeStock),
    ],
  );
  const p = w.products;
  await client.query(
    `insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price, status)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::text[])`,
    [
      p.map((x) => x.sku),
      p.map((x) => x.name),
      p.map((x) => x.category),
      p.map((x) => x.subcategory),
      p.map((x) => x.brand),
      p.map((x) => x.unitPrice),
      p.map((x) => x.costPrice),
      p.map((x) => x.status),
    ],
  );
  await client.query(
    `insert into public.warehouses (id, name, region_id) select 'DC-' || id, name || ' Distribution Centre', id from public.regions`,
  );
  await client.query(
    `insert into public.competitors (id, name) select * from unnest($1::text[], $2::text[])`,
    [DEMO_COMPETITORS.map((c) => c.id), DEMO_COMPETITORS.map((c) => c.name)],
  );
}

async function createPartitions(client: pg.PoolClient, w: DemoWorld): Promise<void> {
  const rawFrom = isoDate(w.firstRawDay);
  const ahead = isoDate(w.lastDay + 7);
  await client.query(`select private.ensure_partitions('public.transactions', 'day', $1, $2)`, [
    rawFrom,
    ahead,
  ]);
  await client.query(`select private.ensure_partitions('public.transaction_items', 'day', $1, $2)`, [
    rawFrom,
    ahead,
  ]);
  await client.query(`select private.ensure_partitions('public.sales_sku_store_day', 'month', $1, $2)`, [
    isoDate(w.firstDay),
    isoDate(w.lastDay + 62),
  ]);
}

/** COPY into an unpartitioned table with its per-row FK checks and sync stamping replaced (seed-copy.ts). */
const bulkCopy = (
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: CopyBuffer,
): Promise<void> => withBulkTriggersOff(client, table, () => copyInto(client, table, columns, rows));

const HISTORY_COLUMNS = ['store_id', 'sku', 'business_date', 'units', 'revenue', 'transaction_count'];
const CATEGORY_COLUMNS = ['business_date', 'category', 'revenue', 'units', 'transaction_count'];

async function loadHistory(client: pg.PoolClient, w: DemoWorld, bare: BareTable): Promise<void> {
  const days = w.firstRawDay - w.firstDay;
  const dayIso = Array.from({ length: days }, (_, d) => isoDate(w.firstDay + d));
  const dayBuffer = dayIso.map((d) => bare.partitionOf(d).buffer);
  const categoryNames: string[] = [];
  for (const p of w.products) categoryNames[p.categoryIndex] = p.category;
  const C = categoryNames.length;
  const categoryOf = new Map(w.products.map((p) => [p.sku, p.categoryIndex]));
  // Store and region category rollups of the history days are summed here as the rows are
  // made (paise, exact) rather than re-read from millions of rows in SQL. Only SKU rollups
  // exist that far back, so a category's transaction_count is the sum of its SKUs' counts.
  // Accumulators: [(day × C + category) × 3 + (0 paise | 1 units | 2 count)].
  const perRegion = w.regions.map(() => new Float64Array(days * C * 3));
  const storeCategories = new CopyBuffer();
  // The hourly rollup of the history days too, with baskets counted once (historyHours),
  // as ingestion keeps it in production: otherwise "average transaction value" would
  // compare baskets counted once against baskets counted per category across the raw
  // window's edge.
  const storeHours = new CopyBuffer();
  for (const store of w.stores) {
    const acc = new Float64Array(days * C * 3);
    emitHistory(
      w,
      (r) => {
        const d = r.day - w.firstDay;
        dayBuffer[d]?.add(
          `${r.storeId}\t${r.sku}\t${dayIso[d]}\t${r.units}\t${r.revenue.toFixed(2)}\t${r.transactionCount}`,
        );
        const k = (d * C + (categoryOf.get(r.sku) ?? 0)) * 3;
        acc[k] = (acc[k] ?? 0) + Math.round(r.revenue * 100);
        acc[k + 1] = (acc[k + 1] ?? 0) + r.units;
        acc[k + 2] = (acc[k + 2] ?? 0) + r.transactionCount;
      },
      [store],
    );
    addCategoryRows(storeCategories, store.id, acc, dayIso, categoryNames);
    for (let d = 0; d < days; d++) {
      let paise = 0;
      let units = 0;
      for (let c = 0; c < C; c++) {
        paise += acc[(d * C + c) * 3] ?? 0;
        units += acc[(d * C + c) * 3 + 1] ?? 0;
      }
      for (const h of historyHours(w.firstDay + d, paise, units))
        storeHours.add(
          `${store.id}\t${new Date(h.hourStart).toISOString()}\t${money(h.paise)}\t${h.units}\t${h.baskets}`,
        );
    }
    const region = perRegion[store.regionIndex];
    if (region) for (let k = 0; k < acc.length; k++) region[k] = (region[k] ?? 0) + (acc[k] ?? 0);
  }
  await bare.copy(client, HISTORY_COLUMNS);
  await bulkCopy(
    client,
    'public.sales_store_day_category',
    ['store_id', ...CATEGORY_COLUMNS],
    storeCategories,
  );
  await bulkCopy(
    client,
    'public.sales_store_hour',
    ['store_id', 'hour_start', 'revenue', 'units', 'transaction_count'],
    storeHours,
  );
  const regionCategories = new CopyBuffer();
  w.regions.forEach((r, i) => addCategoryRows(regionCategories, r.id, perRegion[i], dayIso, categoryNames));
  await bulkCopy(
    client,
    'public.sales_region_day_category',
    ['region_id', ...CATEGORY_COLUMNS],
    regionCategories,
  );
}

/** One row per day×category that sold (units > 0: every emitted SKU-day sells ≥ 1 unit). */
function addCategoryRows(
  out: CopyBuffer,
  id: string,
  acc: Float64Array | undefined,
  dayIso: readonly string[],
  categoryNames: readonly string[],
): void {
  if (!acc) return;
  const C = categoryNames.length;
  for (let d = 0; d < dayIso.length; d++) {
    for (let c = 0; c < C; c++) {
      const k = (d * C + c) * 3;
      const units = acc[k + 1] ?? 0;
      if (units <= 0) continue;
      const paise = acc[k] ?? 0;
      out.add(
        `${id}\t${dayIso[d]}\t${copyCell(categoryNames[c] ?? '')}\t${(paise / 100).toFixed(2)}\t${units}\t${acc[k + 2]}`,
      );
    }
  }
}

/** Pseudonymous customer id: not the loyalty id, and stable across loads. */
const customerId = (loyaltyId: string): string => {
  const h = createHash('md5').update(`brmi-customer:${loyaltyId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

const money = (paise: number): string => (paise / 100).toFixed(2);

async function loadBaskets(
  client: pg.PoolClient,
  w: DemoWorld,
  transactions: BareTable,
  items: BareTable,
): Promise<void> {
  const customers = new Map<string, { store: string; day: number }>();
  const dayIso = new Map<number, string>();
  for (const store of w.stores) {
    emitBaskets(
      w,
      (b: Basket) => {
        if (b.lines.length === 0) return;
        let day = dayIso.get(b.day);
        if (day === undefined) dayIso.set(b.day, (day = isoDate(b.day)));
        if (b.loyaltyId !== null && !customers.has(b.loyaltyId))
          customers.set(b.loyaltyId, { store: b.storeId, day: b.day });
        const customer = b.loyaltyId === null ? NULL_CELL : customerId(b.loyaltyId);
        transactions
          .partitionOf(day)
          .buffer.add(
            `${b.id}\t${day}\t${b.storeId}\tpos:${b.storeId}\t${copyCell(b.externalId)}\t${new Date(b.occurredAt).toISOString()}\t${customer}\t${money(b.total)}\t${b.lines.length}\t${b.paymentMethod}`,
          );
        const lines = items.partitionOf(day).buffer;
        let n = 0;
        for (const l of b.lines) {
          lines.add(
            `${day}\t${b.id}\t${++n}\t${b.storeId}\t${l.sku}\t${l.quantity}\t${money(l.unitPrice)}\t${money(l.discount)}\t${money(l.lineTotal)}`,
          );
        }
      },
      [store],
    );
  }
  await transactions.copy(client, [
    'id',
    'business_date',
    'store_id',
    'source',
    'external_id',
    'occurred_at',
    'customer_id',
    'total_amount',
    'item_count',
    'payment_method',
  ]);
  await items.copy(client, [
    'business_date',
    'transaction_id',
    'line_no',
    'store_id',
    'sku',
    'quantity',
    'unit_price',
    'discount',
    'line_total',
  ]);
  await transactions.restore(client);
  await items.restore(client);
  // Property 34: only a salted hash of the loyalty id is stored; the id itself never is.
  await client.query(
    `insert into public.customers (id, loyalty_hash, home_store_id, first_seen_on)
     select id, extensions.digest('brmi-loyalty:' || l, 'sha256'), s, '1970-01-01'::date + d
       from unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) as t(id, l, s, d)`,
    [
      [...customers.keys()].map(customerId),
      [...customers.keys()],
      [...customers.values()].map((c) => c.store),
      [...customers.values()].map((c) => c.day),
    ],
  );
}

async function deriveRollups(client: pg.PoolClient, w: DemoWorld, history: BareTable): Promise<void> {
  const rawFrom = isoDate(w.firstRawDay);
  // SKU×store×day of the raw window, straight into the (still bare) monthly partitions.
  for (const p of history.partitions) {
    if (p.to <= rawFrom) continue;
    await client.query(
      `insert into ${p.name} (store_id, sku, business_date, units, revenue, transaction_count)
       select store_id, sku, business_date, sum(quantity), sum(line_total), count(distinct transaction_id)
         from public.transaction_items
        where business_date >= $1::date and business_date < $2::date
        group by store_id, sku, business_date`,
      [p.from, p.to],
    );
  }
  await client.query(
    `insert into public.sales_store_hour (store_id, hour_start, revenue, units, transaction_count)
     select t.store_id, date_trunc('hour', t.occurred_at at time zone '${IST}') at time zone '${IST}',
            sum(t.total_amount), sum(i.units), count(*)
       from public.transactions t
       join (select business_date, transaction_id, sum(quantity) as units from public.transaction_items group by 1, 2) i
         on i.business_date = t.business_date and i.transaction_id = t.id
      group by 1, 2`,
  );
  // Whole-day totals of every day's hours (history and raw window), as ingestion keeps them.
  await client.query(
    `insert into public.sales_store_day (store_id, business_date, revenue, units, transaction_count)
     select store_id, (hour_start at time zone '${IST}')::date, sum(revenue), sum(units), sum(transaction_count)
       from public.sales_store_hour
      group by 1, 2`,
  );
  // Raw window only: the history days' category rollups were loaded with the history.
  await client.query(
    `insert into public.sales_store_day_category (store_id, business_date, category, revenue, units, transaction_count)
     select i.store_id, i.business_date, p.category, sum(i.line_total), sum(i.quantity), count(distinct i.transaction_id)
       from public.transaction_items i join public.products p using (sku)
      group by 1, 2, 3`,
  );
  await client.query(
    `insert into public.sales_region_day_category (region_id, business_date, category, revenue, units, transaction_count)
     select s.region_id, c.business_date, c.category, sum(c.revenue), sum(c.units), sum(c.transaction_count)
       from public.sales_store_day_category c join public.stores s on s.id = c.store_id
      where c.business_date >= $1::date
      group by 1, 2, 3`,
    [rawFrom],
  );
}

async function loadInventory(client: pg.PoolClient, w: DemoWorld): Promise<void> {
  const plans: [string, string, number, number, number][] = [];
  const receipts: [string, string, number, number][] = [];
  emitStockPlans(w, (p) => {
    plans.push([p.storeId, p.sku, p.opening, p.reorderThreshold, p.overstockThreshold]);
    for (const [day, qty] of p.receipts) receipts.push([p.storeId, p.sku, day, qty]);
  });
  await client.query(
    `create temp table demo_plans (store_id text, sku text, opening numeric, reorder numeric, overstock numeric) on commit drop`,
  );
  await client.query(
    `create temp table demo_receipts (store_id text, sku text, day int, qty numeric) on commit drop`,
  );
  await client.query(
    `insert into demo_plans select * from unnest($1::text[], $2::text[], $3::numeric[], $4::numeric[], $5::numeric[])`,
    [
      plans.map((p) => p[0]),
      plans.map((p) => p[1]),
      plans.map((p) => p[2]),
      plans.map((p) => p[3]),
      plans.map((p) => p[4]),
    ],
  );
  await client.query(
    `insert into demo_receipts select * from unnest($1::text[], $2::text[], $3::int[], $4::numeric[])`,
    [
      receipts.map((r) => r[0]),
      receipts.map((r) => r[1]),
      receipts.map((r) => r[2]),
      receipts.map((r) => r[3]),
    ],
  );
  // Temp tables are never auto-analyzed: without statistics the planner guesses a few rows
  // and joins the per-SKU sums by nested loop (tens of thousands squared).
  await client.query('analyze demo_plans, demo_receipts');
  // One statement, so the level trigger sees the whole window at once; the opening count is
  // topped up where the window's sales exceed opening stock plus receipts. The level trigger
  // stays on; only the per-row foreign-key checks are replaced by one check afterwards.
  await withBulkTriggersOff(client, 'public.inventory_movements', () =>
    client.query(
      `with sales as (
       select store_id, sku, business_date, sum(quantity) as q from public.transaction_items group by 1, 2, 3),
     sold as (select store_id, sku, sum(q) as q from sales group by 1, 2),
     received as (select store_id, sku, sum(qty) as q from demo_receipts group by 1, 2)
     insert into public.inventory_movements (store_id, sku, quantity, reason, source, reference, occurred_at)
     select p.store_id, p.sku, p.opening + greatest(0, coalesce(s.q, 0) - p.opening - coalesce(r.q, 0)), 'OPENING', 'demo', 'opening count',
            ($1::date)::timestamp at time zone '${IST}' + interval '7 hours'
       from demo_plans p left join sold s using (store_id, sku) left join received r using (store_id, sku)
     union all
     select store_id, sku, qty, 'RECEIPT', 'wms', 'GRN-' || store_id || '-' || day,
            ('1970-01-01'::date + day)::timestamp at time zone '${IST}' + interval '9 hours'
       from demo_receipts
     union all
     select store_id, sku, -q, 'SALE', 'pos', 'daily sales', business_date::timestamp at time zone '${IST}' + interval '22 hours'
       from sales`,
      [isoDate(w.firstRawDay)],
    ),
  );
  await client.query(
    `insert into public.inventory_thresholds (store_id, sku, reorder_threshold, overstock_threshold)
     select store_id, sku, reorder, overstock from demo_plans`,
  );
}

async function loadCompetitorPrices(client: pg.PoolClient, w: DemoWorld): Promise<void> {
  const rows = new CopyBuffer();
  // Observed at 10:00 IST.
  emitCompetitorPrices(w, 150, (o) =>
    rows.add(
      `${o.competitorId}\t${o.sku}\t${o.regionId}\t${isoDate(o.day)} 10:00:00+05:30\t${o.price.toFixed(2)}\tprice-feed`,
    ),
  );
  await bulkCopy(
    client,
    'public.competitor_prices',
    ['competitor_id', 'sku', 'region_id', 'observed_at', 'price', 'source'],
    rows,
  );
}

async function loadUsers(client: pg.PoolClient, w: DemoWorld): Promise<void> {
  const logins = demoLogins(w);
  const { rows } = await client.query<{ id: string }>(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                             raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', e,
            extensions.crypt(pw, extensions.gen_salt('bf')), now(),
            '{"provider": "email", "providers": ["email"]}'::jsonb, jsonb_build_object('first_name', f, 'last_name', l), now(), now()
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality as t(e, pw, f, l, n)
      order by n
     returning id`,
    [
      logins.map((l) => l.email),
      logins.map((l) => l.password),
      logins.map((l) => l.firstName),
      logins.map((l) => l.lastName),
    ],
  );
  const ids = rows.map((r) => r.id);
  if ((await client.query(`select to_regclass('auth.identities') is not null as present`)).rows[0]?.present) {
    await client.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
       select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true), 'email', now(), now()
         from auth.users u where u.id = any ($1::uuid[])`,
      [ids],
    );
  }
  await client.query(
    `insert into public.profiles (user_id, email, first_name, last_name, role, store_id, region_id)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      ids,
      logins.map((l) => l.email),
      logins.map((l) => l.firstName),
      logins.map((l) => l.lastName),
      logins.map((l) => l.role),
      logins.map((l) => l.storeId),
      logins.map((l) => l.regionId),
    ],
  );
}

async function raiseLowStockAlerts(client: pg.PoolClient): Promise<void> {
  await client.query(
    `with low as (
       select l.store_id, s.region_id, l.sku, l.quantity, t.reorder_threshold
         from public.inventory_levels l
         join public.inventory_thresholds t using (store_id, sku)
         join public.stores s on s.id = l.store_id
        where l.quantity <= t.reorder_threshold),
     raised as (
       insert into public.alerts (type, severity, store_id, region_id, sku, title, message, details, dedupe_key)
       select 'LOW_STOCK', case when quantity = 0 then 'CRITICAL' else 'HIGH' end, store_id, region_id, sku,
              'Low stock: ' || sku, format('%s units left at %s (reorder at %s)', quantity, store_id, reorder_threshold),
              jsonb_build_object('quantity', quantity, 'reorderThreshold', reorder_threshold),
              'LOW_STOCK:' || store_id || ':' || sku || ':demo'
         from low
       returning id)
     insert into public.alert_history (alert_id, action, to_status) select id, 'CREATED', 'NEW' from raised`,
  );
}
