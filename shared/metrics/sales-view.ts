// The Sales screen's numbers from daily rows of the user's slice (Properties 1, 2, 3):
// totals for the chosen IST day range and the period before it, growth, a breakdown at
// the current drill level, the daily trend, and today vs the same weekday last week.
// Pure and total: rows outside every range are ignored, empty input gives zeros.
import { epochDay, isoDateRange } from '../calendar/dates.ts';
import { dayCount, inDayRange, previousRange, type DayRange } from './day-range.ts';
import { addTotals, averageTransactionValue, growthPercent, type SalesTotals } from './sales.ts';

/** One day of one (level-1 key, level-2 key) cell, money in integer paise. */
export interface DailyRow extends SalesTotals {
  readonly date: string;
  /** First drill level: region, store or category, depending on the role. */
  readonly a: string;
  /** Second drill level: category (or SKU for a store manager). */
  readonly b: string;
}

export interface SalesViewInput {
  readonly rows: readonly DailyRow[];
  /**
   * Whole-scope totals per day where the slice has them (a store's hourly rollup counts each
   * basket once). Without them transactions are summed over categories, which counts a
   * basket once per category it touches: `transactionsExact` says which one the view used.
   */
  readonly dayTotals?: ReadonlyMap<string, SalesTotals>;
  /** The same per first-level key (a regional manager's stores), used when drilled into one. */
  readonly keyDayTotals?: ReadonlyMap<string, ReadonlyMap<string, SalesTotals>>;
  readonly range: DayRange;
  readonly today: string;
  /** The selected first-level key, or null for the top level. */
  readonly drill: string | null;
}

export interface Breakdown {
  readonly key: string;
  readonly totals: SalesTotals;
  readonly previous: SalesTotals;
  /** Share of the level's revenue, 0..1. */
  readonly share: number;
  readonly growth: number | null;
}

export interface SalesView {
  readonly range: DayRange;
  readonly previousRange: DayRange;
  readonly current: SalesTotals;
  readonly previous: SalesTotals;
  readonly atvPaise: number | null;
  readonly previousAtvPaise: number | null;
  readonly transactionsExact: boolean;
  /** The same for the period before: ATV growth is given only when both count alike. */
  readonly previousTransactionsExact: boolean;
  readonly growth: {
    readonly revenue: number | null;
    readonly units: number | null;
    readonly atv: number | null;
  };
  readonly breakdown: readonly Breakdown[];
  readonly daily: readonly { readonly date: string; readonly revenuePaise: number; readonly units: number }[];
  readonly todayVsLastWeek: {
    readonly today: string;
    readonly lastWeek: string;
    readonly todayTotals: SalesTotals;
    readonly lastWeekTotals: SalesTotals;
    readonly growth: number | null;
  };
}

export const ZERO_TOTALS: SalesTotals = { revenuePaise: 0, units: 0, transactions: 0 };

/** The date a week before `iso` (same weekday). */
export function sameWeekdayLastWeek(iso: string): string {
  return isoDateRange(epochDay(iso) - 7, 1)[0] as string;
}

/** The day totals that count baskets once for the current drill level, if the slice has them. */
function exactTotalsOf(input: SalesViewInput): ReadonlyMap<string, SalesTotals> | undefined {
  return input.drill === null ? input.dayTotals : input.keyDayTotals?.get(input.drill);
}

function scopedTotals(rows: readonly DailyRow[], r: DayRange, input: SalesViewInput): SalesTotals {
  let t = ZERO_TOTALS;
  const rowTransactions = new Map<string, number>();
  for (const row of rows)
    if (inDayRange(row.date, r)) {
      t = addTotals(t, row);
      rowTransactions.set(row.date, (rowTransactions.get(row.date) ?? 0) + row.transactions);
    }
  const exact = exactTotalsOf(input);
  if (exact === undefined) return t;
  // Revenue and units from the rows (Property 1); baskets counted once from the day totals,
  // and from the rows on days the day totals lack (history older than the hourly rollup).
  let transactions = 0;
  for (const [date, d] of exact) if (inDayRange(date, r)) transactions += d.transactions;
  for (const [date, n] of rowTransactions) if (!exact.has(date)) transactions += n;
  return { ...t, transactions };
}

/** Whether every day of `r` that has sales has its baskets counted once. */
function transactionsExactIn(rows: readonly DailyRow[], r: DayRange, input: SalesViewInput): boolean {
  const exact = exactTotalsOf(input);
  if (exact === undefined) return false;
  return rows.every((row) => !inDayRange(row.date, r) || row.transactions === 0 || exact.has(row.date));
}

function breakdownOf(rows: readonly DailyRow[], cur: DayRange, prev: DayRange, byB: boolean): Breakdown[] {
  const now = new Map<string, SalesTotals>();
  const before = new Map<string, SalesTotals>();
  for (const row of rows) {
    const k = byB ? row.b : row.a;
    if (inDayRange(row.date, cur)) now.set(k, addTotals(now.get(k) ?? ZERO_TOTALS, row));
    else if (inDayRange(row.date, prev)) before.set(k, addTotals(before.get(k) ?? ZERO_TOTALS, row));
  }
  const keys = new Set([...now.keys(), ...before.keys()]);
  const total = [...now.values()].reduce((s, t) => s + t.revenuePaise, 0);
  return [...keys]
    .map((key) => {
      const totals = now.get(key) ?? ZERO_TOTALS;
      const previous = before.get(key) ?? ZERO_TOTALS;
      return {
        key,
        totals,
        previous,
        share: total > 0 ? totals.revenuePaise / total : 0,
        growth: growthPercent(totals.revenuePaise, previous.revenuePaise),
      };
    })
    .sort((x, y) => y.totals.revenuePaise - x.totals.revenuePaise || (x.key < y.key ? -1 : 1));
}

function dailyOf(rows: readonly DailyRow[], r: DayRange): SalesView['daily'] {
  const dates = isoDateRange(epochDay(r.from), dayCount(r));
  const by = new Map<string, { revenuePaise: number; units: number }>(
    dates.map((d) => [d, { revenuePaise: 0, units: 0 }]),
  );
  for (const row of rows) {
    const d = by.get(row.date);
    if (d !== undefined && Number.isFinite(row.revenuePaise) && Number.isFinite(row.units)) {
      d.revenuePaise += row.revenuePaise;
      d.units += row.units;
    }
  }
  return dates.map((date) => ({ date, ...(by.get(date) as { revenuePaise: number; units: number }) }));
}

export function salesView(input: SalesViewInput): SalesView {
  const rows = input.drill === null ? input.rows : input.rows.filter((r) => r.a === input.drill);
  const prev = previousRange(input.range);
  const current = scopedTotals(rows, input.range, input);
  const previous = scopedTotals(rows, prev, input);
  const atv = averageTransactionValue(current);
  const previousAtv = averageTransactionValue(previous);
  const exactNow = transactionsExactIn(rows, input.range, input);
  const exactBefore = transactionsExactIn(rows, prev, input);
  const lastWeek = sameWeekdayLastWeek(input.today);
  const todayTotals = scopedTotals(rows, { from: input.today, to: input.today }, input);
  const lastWeekTotals = scopedTotals(rows, { from: lastWeek, to: lastWeek }, input);
  return {
    range: input.range,
    previousRange: prev,
    current,
    previous,
    atvPaise: atv,
    previousAtvPaise: previousAtv,
    transactionsExact: exactNow,
    previousTransactionsExact: exactBefore,
    growth: {
      revenue: growthPercent(current.revenuePaise, previous.revenuePaise),
      units: growthPercent(current.units, previous.units),
      // Baskets counted once against baskets counted per category would show a jump that
      // is only a change of counting: no growth unless both periods count alike.
      atv:
        atv === null || previousAtv === null || exactNow !== exactBefore
          ? null
          : growthPercent(atv, previousAtv),
    },
    breakdown: breakdownOf(rows, input.range, prev, input.drill !== null),
    daily: dailyOf(rows, input.range),
    todayVsLastWeek: {
      today: input.today,
      lastWeek,
      todayTotals,
      lastWeekTotals,
      growth: growthPercent(todayTotals.revenuePaise, lastWeekTotals.revenuePaise),
    },
  };
}
