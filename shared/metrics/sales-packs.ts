// Regional and chain sales from packed documents (store_sales, region_sales): the category
// packs give the rows, the '*' packs the whole-day totals that count each basket once, for
// the whole scope and per first-level key (a store or a region drilled into).
import { salesView } from './sales-view.ts';
import { packDayTotals, packRows, type SalesPack } from './sales-sources.ts';
import { viewWindow, type SalesScreenData } from './screens.ts';
import type { DayRange } from './day-range.ts';

export interface PackSalesInput {
  readonly packs: readonly SalesPack[];
  readonly range: DayRange;
  readonly today: string;
  readonly drill: string | null;
}

/** Regional manager (stores → categories) and chain roles (regions → categories). */
export function salesFromPacks(input: PackSalesInput): SalesScreenData {
  const window = viewWindow(input.range, input.today);
  const totals = packDayTotals(input.packs, window);
  const view = salesView({
    rows: packRows(input.packs, window),
    dayTotals: totals.all,
    keyDayTotals: totals.byKey,
    range: input.range,
    today: input.today,
    drill: input.drill,
  });
  return { view, hourly: null };
}
