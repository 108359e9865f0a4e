// Top-down disaggregation of a region×SKU forecast to its stores by recent shares
// ("proportions of historical averages", Gross & Sohl 1990, over a recent window so new
// trading patterns count). A store's units given the region total T are modelled as a
// binomial thinning of T, so Var(store) = share²·Var(T) + share·(1 − share)·E[T]: the
// store's interval is wider than a plain scaled copy of the region's.
import { toBands } from './intervals.ts';
import type { ForecastResult } from './types.ts';
import { Z95 } from './types.ts';

/**
 * Days over which a store's share is measured. A slow seller sells a handful of units in
 * four weeks, so a 28-day share is mostly noise: on 200 of the demo chain's region×SKU
 * groups (803 store series) the top-down stores' 28-day WAPE was 19.2% with 28 days and
 * 17.3% with 91 (synthetic groups: 12.1% → 11.4%); 182 days gained little more. A quarter
 * keeps the gain and still follows a store whose share moves. `npx tsx bench/forecast.ts
 * --source demo --hierarchy-groups 200`.
 */
export const SHARE_WINDOW_DAYS = 91;

/**
 * Share of each store in the region's units over the last `window` days (histories aligned
 * at their last day). No sales in the window → shares over the whole history; none at
 * all → equal shares. Always sums to 1 (for at least one store).
 */
export function recentShares(histories: readonly Float64Array[], window = SHARE_WINDOW_DAYS): number[] {
  const sums = (w: number) =>
    histories.map((h) => {
      let s = 0;
      for (let t = Math.max(0, h.length - w); t < h.length; t++) s += h[t]!;
      return s;
    });
  for (const w of [window, Infinity]) {
    const s = sums(w);
    const total = s.reduce((a, b) => a + b, 0);
    if (total > 0) return s.map((v) => v / total);
  }
  return histories.map(() => 1 / histories.length);
}

/** The region forecast scaled to one store, with thinning variance added. */
export function disaggregate(region: ForecastResult, share: number): ForecastResult {
  const h = region.point.length;
  const raw = new Float64Array(h);
  const variance = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    const total = region.point[i]!;
    // The region's 95% half-width recovers its sd (after the festival lift, which is kept).
    const sd = Math.max(0, region.upper95[i]! - total) / Z95;
    raw[i] = share * total;
    variance[i] = share * share * sd * sd + share * (1 - share) * total;
  }
  const bands = toBands(raw, variance, new Float64Array(h).fill(1));
  return {
    ...region,
    ...bands,
    diagnostics: { ...region.diagnostics, params: { ...region.diagnostics.params, share } },
  };
}
