// What the metrics worker computes for each screen: the synced documents in, the screen's
// view model out. Pure composition of the metrics modules, so the worker and its
// main-thread fallback give identical answers (workers/metrics.worker.ts).
import { previousRange, type DayRange } from './day-range.ts';
import {
  inventoryView,
  unitsSoldByLevel,
  type InventoryView,
  type InventoryViewInput,
} from './inventory-view.ts';
import {
  hourlyCurve,
  hourlyDayTotals,
  istHour,
  revenueUntilHour,
  seriesRows,
  type HourRow,
  type SkuSeries,
} from './sales-sources.ts';
import { growthPercent } from './sales.ts';
import { sameWeekdayLastWeek, salesView, type SalesView } from './sales-view.ts';

export interface HourlyComparison {
  /** Revenue (paise) per IST hour 0..23, today and the same weekday last week. */
  readonly today: readonly number[];
  readonly lastWeek: readonly number[];
  /** Hours of today elapsed (the comparison covers hours 0..hoursElapsed-1). */
  readonly hoursElapsed: number;
  readonly todaySoFarPaise: number;
  readonly lastWeekSoFarPaise: number;
  readonly growth: number | null;
}

export interface SalesScreenData {
  readonly view: SalesView;
  /** Store managers only: the slice has hourly rollups for one store. */
  readonly hourly: HourlyComparison | null;
}

export interface SeriesSalesInput {
  readonly series: readonly (SkuSeries & { readonly store_id?: string })[];
  readonly categoryOf: Readonly<Record<string, string>>;
  readonly hours: readonly HourRow[];
  readonly range: DayRange;
  readonly today: string;
  readonly drill: string | null;
  /** The clock, for "by this hour" (epoch ms). */
  readonly now: number;
}

/** The days a view reads: the range, the period before it, today and a week ago. */
export function viewWindow(range: DayRange, today: string): DayRange {
  const prev = previousRange(range);
  const lastWeek = sameWeekdayLastWeek(today);
  return {
    from: [prev.from, lastWeek].sort()[0] as string,
    to: [range.to, today].sort()[1] as string,
  };
}

export function hourlyComparison(hours: readonly HourRow[], today: string, now: number): HourlyComparison {
  const t = hourlyCurve(hours, today);
  const w = hourlyCurve(hours, sameWeekdayLastWeek(today));
  const hoursElapsed = istHour(now) + 1;
  const todaySoFarPaise = revenueUntilHour(t, hoursElapsed);
  const lastWeekSoFarPaise = revenueUntilHour(w, hoursElapsed);
  return {
    today: t,
    lastWeek: w,
    hoursElapsed,
    todaySoFarPaise,
    lastWeekSoFarPaise,
    growth: growthPercent(todaySoFarPaise, lastWeekSoFarPaise),
  };
}

/** Store manager: categories (and their SKUs) from the SKU series, baskets from the hourly rollup. */
export function salesFromSeries(input: SeriesSalesInput): SalesScreenData {
  const rows = seriesRows(input.series, input.categoryOf, viewWindow(input.range, input.today));
  const view = salesView({
    rows,
    dayTotals: hourlyDayTotals(input.hours),
    range: input.range,
    today: input.today,
    drill: input.drill,
  });
  return { view, hourly: hourlyComparison(input.hours, input.today, input.now) };
}

export interface InventoryScreenInput extends Omit<InventoryViewInput, 'unitsSold'> {
  /** Store managers' SKU series, for the turnover of the last `turnoverDays` days. */
  readonly series?: readonly (SkuSeries & { readonly store_id: string })[];
  readonly today: string;
  readonly turnoverDays: number;
}

export function inventoryScreen(input: InventoryScreenInput): InventoryView {
  const { series, today, turnoverDays, ...rest } = input;
  return inventoryView(
    series === undefined || series.length === 0
      ? rest
      : { ...rest, unitsSold: unitsSoldByLevel(series, today, turnoverDays) },
  );
}
