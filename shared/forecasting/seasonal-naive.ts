// Seasonal-naive baseline (m = 7): tomorrow sells what the same weekday sold last week.
// Its error is a seasonal random walk, so Var(h) = σ²·⌈h/7⌉ with σ² the mean squared
// weekly difference.
import type { Multipliers } from './quantiles.ts';
import { SEASON } from './types.ts';

export interface BaseForecast {
  readonly point: Float64Array;
  readonly variance: Float64Array;
  readonly sigma: number;
  /** Interval multipliers; Gaussian when absent. */
  readonly multipliers?: Multipliers;
}

export function seasonalNaive(y: Float64Array, n: number, horizon: number): BaseForecast {
  const point = new Float64Array(horizon);
  const variance = new Float64Array(horizon);
  let ss = 0;
  let count = 0;
  for (let t = SEASON; t < n; t++) {
    const d = y[t]! - y[t - SEASON]!;
    ss += d * d;
    count++;
  }
  const sigma2 = count > 0 ? ss / count : 0;
  for (let h = 0; h < horizon; h++) {
    // Shorter than a week: repeat what there is.
    const src = n >= SEASON ? n - SEASON + (h % SEASON) : n > 0 ? h % n : -1;
    point[h] = src >= 0 ? y[src]! : 0;
    variance[h] = sigma2 * (Math.floor(h / SEASON) + 1);
  }
  return { point, variance, sigma: Math.sqrt(sigma2) };
}
