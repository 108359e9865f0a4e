// JSON schemas of the synced documents (RxDB schema format, also used by the server tests
// to check the pull functions' output). Bump `version` and add a migration strategy in
// web/data/sync-migrations.ts when a shape changes; the server sends the newest shape.

export interface FieldSpec {
  readonly type: string | readonly string[];
  readonly maxLength?: number;
  readonly items?: FieldSpec;
}

export interface DocSchema {
  readonly version: number;
  readonly primaryKey: 'id';
  readonly type: 'object';
  readonly properties: Readonly<Record<string, FieldSpec>>;
  readonly required: readonly string[];
}

const id: FieldSpec = { type: 'string', maxLength: 128 };
const text: FieldSpec = { type: 'string' };
const optText: FieldSpec = { type: ['string', 'null'] };
const num: FieldSpec = { type: 'number' };
const optNum: FieldSpec = { type: ['number', 'null'] };
const numbers: FieldSpec = { type: 'array', items: { type: 'number' } };

function schema(properties: Record<string, FieldSpec>): DocSchema {
  return {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: { id, ...properties },
    required: ['id'],
  };
}

export const SCHEMAS = {
  // Regions, stores and products in one collection (see collections.ts); `kind` says which,
  // `code` is the region id, store id or SKU.
  catalog: schema({
    kind: text,
    code: text,
    name: text,
    region_id: optText,
    tier: optText,
    status: optText,
    city: optText,
    state: optText,
    category: optText,
    subcategory: optText,
    brand: optText,
    unit_price: optNum,
  }),
  inventory_levels: schema({ store_id: text, sku: text, quantity: num, updated_at: text, rev: num }),
  inventory_thresholds: schema({
    store_id: text,
    sku: text,
    reorder_threshold: num,
    overstock_threshold: num,
    updated_at: optText,
    updated_by: optText,
    rev: optNum,
  }),
  alerts: schema({
    type: text,
    severity: text,
    store_id: optText,
    region_id: optText,
    sku: optText,
    title: text,
    message: text,
    details: { type: 'object' },
    status: text,
    created_at: text,
    acknowledged_at: optText,
    resolved_at: optText,
    rev: num,
  }),
  alert_notes: schema({
    alert_id: text,
    action: text,
    note: optText,
    actor_id: optText,
    occurred_at: optText,
  }),
  stock_counts: schema({
    store_id: text,
    sku: text,
    counted_quantity: num,
    counted_at: optText,
    note: optText,
    adjustment: optNum,
    recorded_by: optText,
    recorded_at: optText,
  }),
  sales_series: schema({ store_id: text, sku: text, start_date: text, units: numbers, revenue: numbers }),
  hourly_sales: schema({
    store_id: text,
    hour_start: text,
    revenue: num,
    units: num,
    transaction_count: num,
  }),
  // Regional and chain sales packed per store/region × category, like sales_series: the
  // arrays hold the days from `start_date`; category '*' is the whole-day totals with
  // exact transaction counts (20261206000800).
  store_sales: schema({
    store_id: text,
    category: text,
    start_date: text,
    revenue: numbers,
    units: numbers,
    transactions: numbers,
  }),
  region_sales: schema({
    region_id: text,
    category: text,
    start_date: text,
    revenue: numbers,
    units: numbers,
    transactions: numbers,
  }),
  // Newest forecast per SKU: kind 'store' (store managers, id "store:<store>|<sku>") or
  // 'region' (regional managers, id "region:<region>|<sku>", with each store's totals and
  // share in `stores`). 30 daily values; the first 7 are the 7-day forecast.
  forecasts: schema({
    kind: text,
    store_id: optText,
    region_id: optText,
    sku: text,
    run_date: text,
    start_date: text,
    generated_at: text,
    model: text,
    path: optText,
    share: optNum,
    insufficient_history: { type: 'boolean' },
    history_days: num,
    point: numbers,
    lower80: numbers,
    upper80: numbers,
    lower95: numbers,
    upper95: numbers,
    forecast_7d: num,
    forecast_30d: num,
    store_count: optNum,
    stores: { type: 'array', items: { type: 'object' } },
    accuracy7: { type: ['object', 'null'] },
    accuracy30: { type: ['object', 'null'] },
  }),
  // Latest observation per competitor × SKU in the manager's region, id
  // "<region>|<competitor>|<sku>"; observed_at (ISO) lets the pricing screen flag stale prices.
  competitor_prices: schema({
    region_id: text,
    competitor_id: text,
    competitor_name: optText,
    sku: text,
    price: num,
    observed_at: text,
    source: optText,
  }),
} as const satisfies Record<string, DocSchema>;

export type CollectionName = keyof typeof SCHEMAS;
