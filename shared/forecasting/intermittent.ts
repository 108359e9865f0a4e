// Forecast for intermittent and lumpy series (Syntetos–Boylan routing): SBA by default, as
// SBC (2005) found it beats Croston outside the smooth quadrant; TSB when demand seems to
// have stopped (no sale for more than twice the usual interval plus a week), because only
// TSB decays towards zero for an item going obsolete.
// Croston-type methods have no stochastic model (R's croston gives no intervals), so the
// variance is the empirical daily variance of the window, grown like a local-level model
// with the same smoothing constant: Var(h) = s²·(1 + (h−1)·α²), and the band's shape comes
// from the window's empirical quantiles (see quantiles.ts).
import { croston, tsb, CROSTON_ALPHA, type IntermittentFit } from './croston.ts';
import type { DemandStats } from './demand-class.ts';
import type { BaseForecast } from './seasonal-naive.ts';
import { empiricalMultipliers, GAUSSIAN } from './quantiles.ts';
import type { IntermittentModelName } from './types.ts';

export function chooseIntermittent(stats: DemandStats): IntermittentModelName {
  return stats.sinceLast > 2 * stats.adi + 7 ? 'TSB' : 'SBA';
}

export function intermittentForecast(
  y: Float64Array,
  from: number,
  to: number,
  model: IntermittentModelName,
  horizon: number,
): BaseForecast & { readonly fit: IntermittentFit } {
  const fit = model === 'TSB' ? tsb(y, from, to) : croston(y, from, to, model === 'SBA');
  let sum = 0;
  let sumSq = 0;
  for (let t = from; t < to; t++) {
    sum += y[t]!;
    sumSq += y[t]! * y[t]!;
  }
  const days = Math.max(1, to - from);
  const mean = sum / days;
  const s2 = Math.max(0, sumSq / days - mean * mean);
  const point = new Float64Array(horizon).fill(fit.rate);
  const variance = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) variance[h] = s2 * (1 + h * CROSTON_ALPHA * CROSTON_ALPHA);
  // The shape of the daily distribution (mostly zeros, occasional large baskets) comes from
  // the window itself, standardised: z = (y − mean) / s.
  const sd = Math.sqrt(s2);
  const z = new Float64Array(to - from);
  if (sd > 0) for (let t = from; t < to; t++) z[t - from] = (y[t]! - mean) / sd;
  return { point, variance, sigma: sd, fit, multipliers: sd > 0 ? empiricalMultipliers(z) : GAUSSIAN };
}
