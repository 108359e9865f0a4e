// Turns the synced sales documents into the daily rows of sales-view.ts and the hourly
// curve. Money arrives in rupees (numeric columns as JSON numbers) and leaves in integer
// paise, so every sum after this point is exact (Property 1).
import { epochDay, istBusinessDate, isoDateRange } from '../calendar/dates.ts';
import { toPaise } from './money.ts';
import type { DayRange } from './day-range.ts';
import type { DailyRow } from './sales-view.ts';
import type { SalesTotals } from './sales.ts';

/** A sales_series document: one SKU's last days, `units[i]` is the day `start_date + i`. */
export interface SkuSeries {
  readonly sku: string;
  readonly start_date: string;
  readonly units: readonly number[];
  readonly revenue: readonly number[];
}

/** An hourly_sales document: `hour_start` is an ISO timestamp. */
export interface HourRow {
  readonly hour_start: string;
  readonly revenue: number;
  readonly units: number;
  readonly transaction_count: number;
}

const num = (n: number): number => (Number.isFinite(n) ? n : 0);

/**
 * Rows (category, SKU) for the days of `window` only: a store holds ~600 SKU series of
 * 90 days, and a screen never needs more than the chosen range and the one before it.
 * SKUs missing from `categoryOf` (not yet in the catalog) fall under "Uncategorised".
 */
export function seriesRows(
  series: readonly SkuSeries[],
  categoryOf: Readonly<Record<string, string>>,
  window: DayRange,
): DailyRow[] {
  const out: DailyRow[] = [];
  const lo = epochDay(window.from);
  const hi = epochDay(window.to);
  for (const s of series) {
    const start = epochDay(s.start_date.slice(0, 10));
    const first = Math.max(0, lo - start);
    const last = Math.min(s.units.length, s.revenue.length, hi - start + 1);
    if (last <= first) continue;
    const dates = isoDateRange(start + first, last - first);
    const category = categoryOf[s.sku] ?? 'Uncategorised';
    for (let i = first; i < last; i++) {
      const units = num(s.units[i] ?? 0);
      const revenuePaise = toPaise(s.revenue[i] ?? 0);
      if (units === 0 && revenuePaise === 0) continue;
      out.push({
        date: dates[i - first] as string,
        a: category,
        b: s.sku,
        revenuePaise,
        units,
        transactions: 0,
      });
    }
  }
  return out;
}

/** Whole-store totals per IST business day from the hourly rollup (each basket once). */
export function hourlyDayTotals(hours: readonly HourRow[]): Map<string, SalesTotals> {
  const out = new Map<string, SalesTotals>();
  for (const h of hours) {
    const at = Date.parse(h.hour_start);
    if (!Number.isFinite(at)) continue;
    const date = istBusinessDate(at);
    const t = out.get(date) ?? { revenuePaise: 0, units: 0, transactions: 0 };
    out.set(date, {
      revenuePaise: t.revenuePaise + toPaise(h.revenue),
      units: t.units + num(h.units),
      transactions: t.transactions + num(h.transaction_count),
    });
  }
  return out;
}

const IST_OFFSET_MS = 330 * 60_000;

/** IST hour of day (0..23) of an instant. */
export function istHour(epochMs: number): number {
  return Math.floor(((epochMs + IST_OFFSET_MS) % 86_400_000) / 3_600_000);
}

/** Revenue in paise for each IST hour (0..23) of one business day. */
export function hourlyCurve(hours: readonly HourRow[], date: string): number[] {
  const out = Array.from({ length: 24 }, () => 0);
  for (const h of hours) {
    const at = Date.parse(h.hour_start);
    if (!Number.isFinite(at) || istBusinessDate(at) !== date) continue;
    const i = istHour(at);
    out[i] = (out[i] as number) + toPaise(h.revenue);
  }
  return out;
}

/** Sum of the first `hours` hours of a curve: "by this time of day". */
export function revenueUntilHour(curve: readonly number[], hours: number): number {
  return curve.slice(0, Math.max(0, Math.min(24, hours))).reduce((a, b) => a + b, 0);
}

/**
 * A store_sales or region_sales document (`key` is its store_id or region_id): one
 * category's days from `start_date`, or with category '*' the whole-day totals, whose
 * transaction counts count each basket once.
 */
export interface SalesPack {
  readonly key: string;
  readonly category: string;
  readonly start_date: string;
  readonly revenue: readonly number[];
  readonly units: readonly number[];
  readonly transactions: readonly number[];
}

/** The category of the whole-day packs. */
export const ALL_CATEGORIES = '*';

/** Each day of `window` a pack covers, with its index into the arrays. */
function packDays(p: SalesPack, window: DayRange): { date: string; i: number }[] {
  const start = epochDay(p.start_date.slice(0, 10));
  const first = Math.max(0, epochDay(window.from) - start);
  const last = Math.min(
    p.revenue.length,
    p.units.length,
    p.transactions.length,
    epochDay(window.to) - start + 1,
  );
  if (last <= first) return [];
  return isoDateRange(start + first, last - first).map((date, k) => ({ date, i: first + k }));
}

/**
 * (key, category) rows of the category packs for the days of `window` only (a region's
 * packs hold 90 days; a view needs its range and the one before). Empty days are skipped.
 */
export function packRows(packs: readonly SalesPack[], window: DayRange): DailyRow[] {
  const out: DailyRow[] = [];
  for (const p of packs) {
    if (p.category === ALL_CATEGORIES) continue;
    for (const { date, i } of packDays(p, window)) {
      const revenuePaise = toPaise(p.revenue[i] ?? 0);
      const units = num(p.units[i] ?? 0);
      const transactions = num(p.transactions[i] ?? 0);
      if (revenuePaise === 0 && units === 0 && transactions === 0) continue;
      out.push({ date, a: p.key, b: p.category, revenuePaise, units, transactions });
    }
  }
  return out;
}

/**
 * Whole-day totals from the '*' packs, per key and summed over keys, for the days of
 * `window` that have baskets (days without any, e.g. history older than the hourly
 * rollup, are left out so the view falls back to the category rows there).
 */
export function packDayTotals(
  packs: readonly SalesPack[],
  window: DayRange,
): { all: Map<string, SalesTotals>; byKey: Map<string, Map<string, SalesTotals>> } {
  const all = new Map<string, SalesTotals>();
  const byKey = new Map<string, Map<string, SalesTotals>>();
  for (const p of packs) {
    if (p.category !== ALL_CATEGORIES) continue;
    const mine = byKey.get(p.key) ?? new Map<string, SalesTotals>();
    byKey.set(p.key, mine);
    for (const { date, i } of packDays(p, window)) {
      const transactions = num(p.transactions[i] ?? 0);
      if (transactions === 0) continue;
      const t: SalesTotals = {
        revenuePaise: toPaise(p.revenue[i] ?? 0),
        units: num(p.units[i] ?? 0),
        transactions,
      };
      const before = mine.get(date) ?? { revenuePaise: 0, units: 0, transactions: 0 };
      mine.set(date, {
        revenuePaise: before.revenuePaise + t.revenuePaise,
        units: before.units + t.units,
        transactions: before.transactions + t.transactions,
      });
      const sum = all.get(date) ?? { revenuePaise: 0, units: 0, transactions: 0 };
      all.set(date, {
        revenuePaise: sum.revenuePaise + t.revenuePaise,
        units: sum.units + t.units,
        transactions: sum.transactions + t.transactions,
      });
    }
  }
  return { all, byKey };
}
