// Property 10 fallback. A model forecast needs ≥ 12 months of history; a younger series
// (new store or SKU) gets the mean of the same weekday over its last four weeks, marked
// `insufficientHistory`. Intervals use the rule's own one-step errors, widened slowly with
// the horizon (variance × (1 + h/28)) because the level may drift.
import { sameWeekdayMean } from './sanitize.ts';
import type { BaseForecast } from './seasonal-naive.ts';
import { SEASON } from './types.ts';

const WEEKS = 4;

export function fallbackForecast(y: Float64Array, n: number, horizon: number): BaseForecast {
  const point = new Float64Array(horizon);
  const variance = new Float64Array(horizon);
  let total = 0;
  for (let t = 0; t < n; t++) total += y[t]!;
  const mean = n > 0 ? total / n : 0;
  let ss = 0;
  let count = 0;
  for (let t = SEASON; t < n; t++) {
    const e = y[t]! - sameWeekdayMean(y, t, WEEKS);
    ss += e * e;
    count++;
  }
  // With under a week of data there are no residuals: assume a coefficient of variation of 1.
  const sigma2 = count > 0 ? ss / count : mean * mean;
  for (let h = 0; h < horizon; h++) {
    point[h] = n >= SEASON ? sameWeekdayMean(y, n + (h % SEASON), WEEKS) : mean;
    variance[h] = sigma2 * (1 + (h + 1) / 28);
  }
  return { point, variance, sigma: Math.sqrt(sigma2) };
}
