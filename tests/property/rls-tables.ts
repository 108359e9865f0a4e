// Per table: the key each probe returns, a no-op update, the world's rows and the
// candidate rows an insert probe tries — each with the attributes the access rules use.
import type { AccessRow, ScopedTable, Viewer } from '../../shared/domain/access-rules.ts';
import { canAccess } from '../../shared/domain/access-rules.ts';
import { uuid, type World } from './rls-world.ts';

export interface SpecRow {
  readonly key: string;
  readonly access: AccessRow;
  /** Column list and one VALUES tuple, e.g. `(id, name) values ('RA', 'A')`; null when derived. */
  readonly insert: string | null;
}
export interface TableSpec {
  readonly table: ScopedTable;
  readonly keySql: string;
  /** Constants only: an update that reads columns is also filtered by SELECT policies. */
  readonly updateSet: string;
  rows(w: World): SpecRow[];
  candidates(w: World, v: Viewer): SpecRow[];
}

const q = (s: string | null): string => (s === null ? 'null' : `'${s.replace(/'/g, "''")}'`);
const stores = (w: World): string[] => [...w.storeRegion.keys()];
const DAY = "'2026-11-30'";
const perStore = (w: World, f: (s: string, i: number) => SpecRow): SpecRow[] => stores(w).map(f);
const perRegion = (w: World, f: (r: string) => SpecRow): SpecRow[] => w.regions.map(f);

function alertAccess(w: World, i: number): AccessRow {
  const a = w.alerts[i];
  return { storeId: a?.storeId ?? null, regionId: a?.regionId ?? null, alertType: a?.type ?? '' };
}

export const TABLE_SPECS: readonly TableSpec[] = [
  {
    table: 'regions',
    keySql: 'id',
    updateSet: "updated_at = '2026-01-01'",
    rows: (w) =>
      w.regions.map((r) => ({
        key: r,
        access: { regionId: r },
        insert: `(id, name) values (${q(r)}, ${q(`Region ${r}`)})`,
      })),
    candidates: () => [
      { key: 'RZ', access: { regionId: 'RZ' }, insert: `(id, name) values ('RZ', 'Region RZ')` },
    ],
  },
  {
    table: 'stores',
    keySql: 'id',
    updateSet: "updated_at = '2026-01-01'",
    rows: (w) =>
      perStore(w, (s) => ({
        key: s,
        access: { storeId: s },
        insert: `(id, name, region_id, tier, city, state) values (${q(s)}, ${q(s)}, ${q(w.storeRegion.get(s) ?? '')}, 'TIER_2', 'Pune', 'Maharashtra')`,
      })),
    candidates: () => [
      {
        key: 'SZ',
        access: { storeId: 'SZ' },
        insert: `(id, name, region_id, tier, city, state) values ('SZ', 'SZ', 'RA', 'RURAL', 'Nashik', 'Maharashtra')`,
      },
    ],
  },
  {
    table: 'products',
    keySql: 'sku',
    updateSet: "updated_at = '2026-01-01'",
    rows: () =>
      ['P1', 'P2'].map((p) => ({
        key: p,
        access: {},
        insert: `(sku, name, category, subcategory, brand, unit_price, cost_price) values (${q(p)}, 'Atta 5kg', 'Staples', 'Flour', 'Aashirvaad', 250, 210)`,
      })),
    candidates: () => [
      {
        key: 'PZ',
        access: {},
        insert: `(sku, name, category, subcategory, brand, unit_price, cost_price) values ('PZ', 'Rice', 'Staples', 'Rice', 'India Gate', 90, 70)`,
      },
    ],
  },
  {
    table: 'warehouses',
    keySql: 'id',
    updateSet: "created_at = '2026-01-01'",
    rows: (w) =>
      perRegion(w, (r) => ({
        key: `W-${r}`,
        access: {},
        insert: `(id, name, region_id) values (${q(`W-${r}`)}, 'DC', ${q(r)})`,
      })),
    candidates: () => [
      { key: 'W-Z', access: {}, insert: `(id, name, region_id) values ('W-Z', 'DC', 'RA')` },
    ],
  },
  {
    table: 'competitors',
    keySql: 'id',
    updateSet: "created_at = '2026-01-01'",
    rows: () => [{ key: 'C1', access: {}, insert: `(id, name) values ('C1', 'DMart')` }],
    candidates: () => [{ key: 'CZ', access: {}, insert: `(id, name) values ('CZ', 'Reliance Smart')` }],
  },
  {
    table: 'profiles',
    keySql: 'user_id::text',
    updateSet: "first_name = 'x'",
    rows: (w) =>
      w.users
        .filter((u) => u.token !== 'noProfile')
        .map((u) => ({
          key: u.id,
          access: { userId: u.id },
          insert: `(user_id, email, role, store_id, region_id, status) values (${q(u.id)}, ${q(`${u.id}@t.in`)}, ${q(u.role)}, ${q(u.storeId)}, ${q(u.regionId)}, ${q(u.active ? 'ACTIVE' : 'INACTIVE')})`,
        })),
    candidates: () => [
      {
        key: uuid(99),
        access: { userId: uuid(99) },
        insert: `(user_id, email, role) values (${q(uuid(99))}, 'new@t.in', 'EXECUTIVE')`,
      },
    ],
  },
  {
    table: 'devices',
    keySql: 'name',
    updateSet: 'last_used_at = null',
    rows: (w) =>
      perStore(w, (s, i) => ({
        key: `D-${s}`,
        access: { storeId: s },
        insert: `(name, kind, store_id, source, key_prefix, key_hash) values (${q(`D-${s}`)}, 'POS', ${q(s)}, 'pos', 'abcd', decode(md5('${i}') || md5('${i}'), 'hex'))`,
      })),
    candidates: () => [
      {
        key: 'D-new',
        access: {},
        insert: `(name, kind, source, key_prefix, key_hash) values ('D-new', 'ERP', 'erp', 'wxyz', decode(md5('new') || md5('new'), 'hex'))`,
      },
    ],
  },
  {
    table: 'customers',
    keySql: 'id::text',
    updateSet: "first_seen_on = '2026-01-01'",
    rows: (w) =>
      perStore(w, (s, i) => ({
        key: uuid(1000 + i),
        access: { storeId: s },
        insert: `(id, loyalty_hash, home_store_id, first_seen_on) values (${q(uuid(1000 + i))}, decode(md5('c${i}') || md5('c${i}'), 'hex'), ${q(s)}, ${DAY})`,
      })),
    candidates: (w) =>
      perStore(w, (s, i) => ({
        key: uuid(5000 + i),
        access: { storeId: s },
        insert: `(id, loyalty_hash, home_store_id, first_seen_on) values (${q(uuid(5000 + i))}, decode(md5('n${i}') || md5('n${i}'), 'hex'), ${q(s)}, ${DAY})`,
      })),
  },
  {
    table: 'transactions',
    keySql: 'external_id',
    updateSet: "payment_method = 'CASH'",
    rows: (w) =>
      perStore(w, (s, i) => ({
        key: `T-${s}`,
        access: { storeId: s },
        insert: `(id, business_date, store_id, source, external_id, occurred_at, total_amount, item_count, payment_method) values (${q(uuid(2000 + i))}, ${DAY}, ${q(s)}, 'pos', ${q(`T-${s}`)}, '2026-11-30 10:00+05:30', 250, 1, 'UPI')`,
      })),
    candidates: (w) =>
      perStore(w, (s) => ({
        key: `TN-${s}`,
        access: { storeId: s },
        insert: `(business_date, store_id, source, external_id, occurred_at, total_amount, item_count, payment_method) values (${DAY}, ${q(s)}, 'pos', ${q(`TN-${s}`)}, '2026-11-30 11:00+05:30', 90, 1, 'CASH')`,
      })),
  },
  {
    table: 'transaction_items',
    keySql: "transaction_id::text || '/' || line_no",
    updateSet: 'discount = 0',
    rows: (w) =>
      perStore(w, (s, i) => ({
        key: `${uuid(2000 + i)}/1`,
        access: { storeId: s },
        insert: `(business_date, transaction_id, line_no, store_id, sku, quantity, unit_price, line_total) values (${DAY}, ${q(uuid(2000 + i))}, 1, ${q(s)}, 'P1', 1, 250, 250)`,
      })),
    candidates: (w) =>
      perStore(w, (s, i) => ({
        key: `${uuid(2000 + i)}/2`,
        access: { storeId: s },
        insert: `(business_date, transaction_id, line_no, store_id, sku, quantity, unit_price, line_total) values (${DAY}, ${q(uuid(2000 + i))}, 2, ${q(s)}, 'P2', 1, 250, 250)`,
      })),
  },
  {
    table: 'inventory_movements',
    keySql: 'reference',
    updateSet: "source = 'x'",
    rows: (w) =>
      perStore(w, (s) => ({
        key: `M-${s}`,
        access: { storeId: s },
        insert: `(store_id, sku, quantity, reason, source, reference) values (${q(s)}, 'P1', 20, 'OPENING', 'seed', ${q(`M-${s}`)})`,
      })),
    candidates: (w) =>
      perStore(w, (s) => ({
        key: `MN-${s}`,
        access: { storeId: s },
        insert: `(store_id, sku, quantity, reason, source, reference) values (${q(s)}, 'P1', 5, 'RECEIPT', 'app', ${q(`MN-${s}`)})`,
      })),
  },
  {
    table: 'inventory_levels',
    keySql: "store_id || '/' || sku",
    updateSet: "updated_at = '2026-01-01'",
    rows: (w) => perStore(w, (s) => ({ key: `${s}/P1`, access: { storeId: s }, insert: null })),
    candidates: (w) =>
      perStore(w, (s) => ({
        key: `${s}/P2`,
        access: { storeId: s },
        insert: `(store_id, sku, quantity) values (${q(s)}, 'P2', 3)`,
      })),
  },
  {
    table: 'competitor_prices',
    keySql: "competitor_id || '/' || sku || '/' || region_id",
    updateSet: "source = 'x'",
    rows: (w) =>
      perRegion(w, (r) => ({
        key: `C1/P1/${r}`,
        access: { regionId: r },
        insert: `(competitor_id, sku, region_id, observed_at, price, source) values ('C1', 'P1', ${q(r)}, '2026-11-29 09:00+00', 245, 'feed')`,
      })),
    candidates: (w) =>
      perRegion(w, (r) => ({
        key: `C1/P2/${r}`,
        access: { regionId: r },
        insert: `(competitor_id, sku, region_id, observed_at, price, source) values ('C1', 'P2', ${q(r)}, '2026-11-29 09:00+00', 80, 'feed')`,
      })),
  },
  {
    table: 'sales_store_hour',
    keySql: "store_id || '/' || extract(hour from hour_start at time zone 'UTC')::int",
    updateSet: 'revenue = 0',
    rows: (w) =>
      perStore(w, (s) => ({
        key: `${s}/10`,
        access: { storeId: s },
        insert: `(store_id, hour_start, revenue, units, transaction_count) values (${q(s)}, '2026-11-30 10:00+00', 250, 1, 1)`,
      })),
    candidates: (w) =>
      perStore(w, (s) => ({
        key: `${s}/11`,
        access: { storeId: s },
        insert: `(store_id, hour_start, revenue, units, transaction_count) values (${q(s)}, '2026-11-30 11:00+00', 90, 1, 1)`,
      })),
  },
  {
    table: 'sales_store_day',
    keySql: "store_id || '/' || business_date::text",
    updateSet: 'revenue = 0',
    rows: (w) =>
      perStore(w, (s) => ({
        key: `${s}/2026-11-30`,
        access: { storeId: s },
        insert: `(store_id, business_date, revenue, units, transaction_count) values (${q(s)}, ${DAY}, 250, 1, 1)`,
      })),
    candidates: (w) =>
      perStore(w, (s) => ({
        key: `${s}/2026-11-29`,
        access: { storeId: s },
        insert: `(store_id, business_date, revenue, units, transaction_count) values (${q(s)}, date '2026-11-29', 90, 1, 1)`,
      })),
  },
  {
    table: 'sales_store_day_category',
    keySql: "store_id || '/' || category",
    updateSet: 'revenue = 0',
    rows: (w) =>
      perStore(w, (s) => ({
        key: `${s}/Staples`,
        access: { storeId: s },
        insert: `(store_id, business_date, category, revenue, units, transaction_count) values (${q(s)}, ${DAY}, 'Staples', 250, 1, 1)`,
      })),
    candidates: (w) =>
      perStore(w, (s) => ({
        key: `${s}/Dairy`,
        access: { storeId: s },
        insert: `(store_id, business_date, category, revenue, units, transaction_count) values (${q(s)}, ${DAY}, 'Dairy', 60, 1, 1)`,
      })),
  },
  {
    table: 'sales_region_day_category',
    keySql: "region_id || '/' || category",
    updateSet: 'revenue = 0',
    rows: (w) =>
      perRegion(w, (r) => ({
        key: `${r}/Staples`,
        access: { regionId: r },
        insert: `(region_id, business_date, category, revenue, units, transaction_count) values (${q(r)}, ${DAY}, 'Staples', 250, 1, 1)`,
      })),
    candidates: (w) =>
      perRegion(w, (r) => ({
        key: `${r}/Dairy`,
        access: { regionId: r },
        insert: `(region_id, business_date, category, revenue, units, transaction_count) values (${q(r)}, ${DAY}, 'Dairy', 60, 1, 1)`,
      })),
  },
  {
    table: 'sales_sku_store_day',
    keySql: "store_id || '/' || sku",
    updateSet: 'revenue = 0',
    rows: (w) =>
      perStore(w, (s) => ({
        key: `${s}/P1`,
        access: { storeId: s },
        insert: `(store_id, sku, business_date, units, revenue, transaction_count) values (${q(s)}, 'P1', ${DAY}, 1, 250, 1)`,
      })),
    candidates: (w) =>
      perStore(w, (s) => ({
        key: `${s}/P2`,
        access: { storeId: s },
        insert: `(store_id, sku, business_date, units, revenue, transaction_count) values (${q(s)}, 'P2', ${DAY}, 1, 250, 1)`,
      })),
  },
  {
    table: 'inventory_thresholds',
    keySql: "store_id || '/' || sku",
    updateSet: "updated_at = '2026-01-01'",
    rows: (w) =>
      perStore(w, (s) => ({
        key: `${s}/P1`,
        access: { storeId: s },
        insert: `(store_id, sku, reorder_threshold, overstock_threshold) values (${q(s)}, 'P1', 5, 50)`,
      })),
    candidates: (w) =>
      perStore(w, (s) => ({
        key: `${s}/P2`,
        access: { storeId: s },
        insert: `(store_id, sku, reorder_threshold, overstock_threshold) values (${q(s)}, 'P2', 5, 50)`,
      })),
  },
  {
    table: 'alert_configurations',
    keySql: 'id::text',
    updateSet: 'enabled = false',
    rows: (w) =>
      w.users.map((u, i) => ({
        key: uuid(3000 + i),
        access: { userId: u.id },
        insert: `(id, user_id, alert_type) values (${q(uuid(3000 + i))}, ${q(u.id)}, 'LOW_STOCK')`,
      })),
    candidates: (w) =>
      w.users.map((u, i) => ({
        key: uuid(6000 + i),
        access: { userId: u.id },
        insert: `(id, user_id, alert_type) values (${q(uuid(6000 + i))}, ${q(u.id)}, 'SALES')`,
      })),
  },
  {
    table: 'alerts',
    keySql: 'title',
    updateSet: "status = 'ACKNOWLEDGED'",
    rows: (w) =>
      w.alerts.map((a, i) => ({
        key: a.title,
        access: alertAccess(w, i),
        insert: `(id, type, severity, store_id, region_id, title, message) values (${q(uuid(4000 + i))}, ${q(a.type)}, 'HIGH', ${q(a.storeId)}, ${q(a.regionId)}, ${q(a.title)}, 'm')`,
      })),
    candidates: (w) => [
      {
        key: 'alert-new',
        access: {
          storeId: stores(w)[0] ?? null,
          regionId: w.storeRegion.get(stores(w)[0] ?? '') ?? null,
          alertType: 'LOW_STOCK',
        },
        insert: `(type, severity, store_id, region_id, title, message) values ('LOW_STOCK', 'LOW', ${q(stores(w)[0] ?? null)}, ${q(w.storeRegion.get(stores(w)[0] ?? '') ?? null)}, 'alert-new', 'm')`,
      },
    ],
  },
  {
    table: 'alert_history',
    keySql: 'note',
    updateSet: "note = 'x'",
    rows: (w) =>
      w.alerts.map((_, i) => ({
        key: `h-${i}`,
        access: {},
        insert: `(alert_id, action, to_status, note, actor_id) values (${q(uuid(4000 + i))}, 'CREATED', 'NEW', ${q(`h-${i}`)}, null)`,
      })),
    candidates: (w, v) =>
      w.alerts.flatMap((_, i) => {
        const parentVisible = canAccess(v, 'alerts', 'select', alertAccess(w, i));
        return [v.userId, uuid(99)].map((actor, j) => ({
          key: `hn-${i}-${j}`,
          access: { parentVisible, userId: actor },
          insert: `(alert_id, action, note, actor_id) values (${q(uuid(4000 + i))}, 'NOTE', ${q(`hn-${i}-${j}`)}, ${q(actor)})`,
        }));
      }),
  },
  {
    table: 'audit_log',
    keySql: 'action',
    updateSet: "details = '{}'",
    rows: () => [
      { key: 'a-1', access: {}, insert: `(action, resource, outcome) values ('a-1', 'stores', 'ALLOWED')` },
    ],
    candidates: () => [
      {
        key: 'a-new',
        access: {},
        insert: `(action, resource, outcome) values ('a-new', 'stores', 'DENIED')`,
      },
    ],
  },
  {
    table: 'ingestion_dead_letters',
    keySql: 'reason',
    updateSet: "errors = '[]'",
    rows: () => [
      {
        key: 'd-1',
        access: {},
        insert: `(kind, source, raw, reason) values ('TRANSACTION', 'pos', '{}', 'd-1')`,
      },
    ],
    candidates: () => [
      {
        key: 'd-new',
        access: {},
        insert: `(kind, source, raw, reason) values ('TRANSACTION', 'pos', '{}', 'd-new')`,
      },
    ],
  },
];

/** Rows the viewer should reach, with the alert_history parent visibility resolved per viewer. */
export function rowAccess(spec: TableSpec, w: World, v: Viewer, row: SpecRow, index: number): AccessRow {
  if (spec.table !== 'alert_history') return row.access;
  return { parentVisible: canAccess(v, 'alerts', 'select', alertAccess(w, index)) };
}
