// The Inventory screen's numbers from the synced slice: status of every SKU×store
// (Property 4's rule, stockStatus), filters, category totals (Property 9) and an
// approximate turnover (Property 6).
//
// Turnover approximation: the device holds each SKU's daily units sold (sales_series) but
// only the *current* stock level, not daily levels. We use the current level as the
// average inventory of the last `turnoverDays` days: turnover ≈ units sold in those days
// / current level. It is exact when stock is replenished to a steady level, reads high
// just before a delivery and low just after; the server's movement history (online) is
// what an exact figure needs.
import { epochDay } from '../calendar/dates.ts';
import { stockStatus, turnoverRatio, type StockStatus } from './inventory.ts';

export interface LevelDoc {
  readonly store_id: string;
  readonly sku: string;
  readonly quantity: number;
}

export interface ThresholdDoc {
  readonly store_id: string;
  readonly sku: string;
  readonly reorder_threshold: number;
  readonly overstock_threshold: number;
}

export interface ProductInfo {
  readonly name: string;
  readonly category: string;
  readonly unitPricePaise: number;
}

export type StatusFilter = 'ALL' | StockStatus;

export interface InventoryFilter {
  readonly status: StatusFilter;
  /** A category name, or 'ALL'. */
  readonly category: string;
  /** Matches SKU code or product name, case-insensitive; empty matches all. */
  readonly search: string;
  /** A store id, or 'ALL' (a regional manager's region). */
  readonly store: string;
}

export interface InventoryViewInput {
  readonly levels: readonly LevelDoc[];
  readonly thresholds: readonly ThresholdDoc[];
  readonly products: Readonly<Record<string, ProductInfo>>;
  /** Units sold per `store|sku` over the turnover window (store managers' sales_series). */
  readonly unitsSold?: Readonly<Record<string, number>>;
  readonly filter: InventoryFilter;
  /** At most this many rows are returned (the list pages; counts cover all). */
  readonly limit: number;
}

export interface InventoryRow {
  readonly id: string;
  readonly storeId: string;
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly level: number;
  readonly status: StockStatus;
  readonly threshold: { readonly reorder: number; readonly overstock: number } | null;
  readonly turnover: number | null;
}

export interface CategoryTotal {
  readonly category: string;
  readonly skuCount: number;
  readonly units: number;
  readonly valuePaise: number;
}

export interface InventoryView {
  readonly rows: readonly InventoryRow[];
  readonly matching: number;
  /** Per status, of the rows that pass every filter except the status filter. */
  readonly counts: Readonly<Record<StockStatus, number>>;
  /** Property 9, for the chosen location (store filter only). */
  readonly categoryTotals: readonly CategoryTotal[];
  readonly categories: readonly string[];
}

const STATUS_ORDER: Record<StockStatus, number> = { LOW: 0, OVERSTOCK: 1, OK: 2 };
const UNKNOWN: ProductInfo = { name: '', category: 'Uncategorised', unitPricePaise: 0 };
const NO_THRESHOLD = { reorderThreshold: 0, overstockThreshold: 0 };

export const levelId = (storeId: string, sku: string): string => `${storeId}|${sku}`;

function rowOf(
  l: LevelDoc,
  t: ThresholdDoc | undefined,
  p: ProductInfo,
  sold: number | undefined,
): InventoryRow {
  const level = Number.isFinite(l.quantity) ? l.quantity : 0;
  const threshold =
    t === undefined ? null : { reorder: t.reorder_threshold, overstock: t.overstock_threshold };
  return {
    id: levelId(l.store_id, l.sku),
    storeId: l.store_id,
    sku: l.sku,
    name: p.name || l.sku,
    category: p.category,
    level,
    // Without a threshold only an empty shelf is LOW.
    status: stockStatus(
      level,
      threshold === null
        ? NO_THRESHOLD
        : { reorderThreshold: threshold.reorder, overstockThreshold: threshold.overstock },
    ),
    threshold,
    turnover: sold === undefined ? null : turnoverRatio(sold, level),
  };
}

export function inventoryView(input: InventoryViewInput): InventoryView {
  const thresholds = new Map(input.thresholds.map((t) => [levelId(t.store_id, t.sku), t]));
  const f = input.filter;
  const needle = f.search.trim().toLowerCase();
  const counts: Record<StockStatus, number> = { OK: 0, LOW: 0, OVERSTOCK: 0 };
  const totals = new Map<string, { skuCount: number; units: number; valuePaise: number }>();
  const matching: InventoryRow[] = [];
  for (const l of input.levels) {
    if (f.store !== 'ALL' && l.store_id !== f.store) continue;
    const p = input.products[l.sku] ?? UNKNOWN;
    const id = levelId(l.store_id, l.sku);
    const row = rowOf(l, thresholds.get(id), p, input.unitsSold?.[id]);
    const t = totals.get(row.category) ?? { skuCount: 0, units: 0, valuePaise: 0 };
    totals.set(row.category, {
      skuCount: t.skuCount + 1,
      units: t.units + row.level,
      valuePaise: t.valuePaise + Math.round(row.level * p.unitPricePaise),
    });
    if (f.category !== 'ALL' && row.category !== f.category) continue;
    if (needle !== '' && !row.sku.toLowerCase().includes(needle) && !row.name.toLowerCase().includes(needle))
      continue;
    counts[row.status]++;
    if (f.status === 'ALL' || row.status === f.status) matching.push(row);
  }
  matching.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
  const categoryTotals = [...totals]
    .map(([category, t]) => ({ category, ...t }))
    .sort((a, b) => a.category.localeCompare(b.category));
  return {
    rows: matching.slice(0, Math.max(0, input.limit)),
    matching: matching.length,
    counts,
    categoryTotals,
    categories: categoryTotals.map((c) => c.category),
  };
}

/** Units sold per `store|sku` over the `days` days ending on `today` (IST business dates). */
export function unitsSoldByLevel(
  series: readonly {
    readonly store_id: string;
    readonly sku: string;
    readonly start_date: string;
    readonly units: readonly number[];
  }[],
  today: string,
  days: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  const end = epochDay(today);
  for (const s of series) {
    const start = epochDay(s.start_date.slice(0, 10));
    let sum = 0;
    for (let i = Math.max(0, end - days + 1 - start); i <= Math.min(s.units.length - 1, end - start); i++) {
      const u = s.units[i] ?? 0;
      if (Number.isFinite(u)) sum += u;
    }
    out[levelId(s.store_id, s.sku)] = sum;
  }
  return out;
}
