// Interval multipliers. By default the Gaussian ±z. When enough standardised one-step
// errors exist, their own 2.5/10/90/97.5% quantiles replace z: retail counts are
// right-skewed and heavy-tailed, and a symmetric Gaussian band under-covers the upper
// tail (the variance growth with the horizon still comes from the model). Each multiplier
// is at least as wide as the Gaussian one, so the empirical shape can only widen a band.
import { Z80, Z95 } from './types.ts';

export interface Multipliers {
  readonly lo95: number;
  readonly lo80: number;
  readonly hi80: number;
  readonly hi95: number;
}

export const GAUSSIAN: Multipliers = { lo95: -Z95, lo80: -Z80, hi80: Z80, hi95: Z95 };
export const MIN_RESIDUALS = 50;

/** Multipliers from standardised errors z[0..n) (sorted in place). */
export function empiricalMultipliers(z: Float64Array): Multipliers {
  if (z.length < MIN_RESIDUALS) return GAUSSIAN;
  z.sort();
  return {
    lo95: Math.min(-Z95, quantileSorted(z, 0.025)),
    lo80: Math.min(-Z80, quantileSorted(z, 0.1)),
    hi80: Math.max(Z80, quantileSorted(z, 0.9)),
    hi95: Math.max(Z95, quantileSorted(z, 0.975)),
  };
}

/** Linear-interpolation quantile (Hyndman & Fan type 7) of sorted data. */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
