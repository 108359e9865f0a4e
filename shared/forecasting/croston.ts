// Intermittent-demand forecasters (flat over the horizon):
//   Croston (1972): SES on non-zero sizes z and on inter-demand intervals p; f = z/p.
//   SBA (Syntetos & Boylan 2005): Croston × (1 − α/2), removing Croston's upward bias.
//   TSB (Teunter, Syntetos & Babai 2011): SES on sizes (α) and, every period, on the
//   demand indicator (β); f = prob·z, which decays towards zero when demand stops.
// Smoothing constants are fixed at common literature values rather than fitted: with a
// few non-zero points per year, fitted constants mostly chase noise.
import type { IntermittentModelName } from './types.ts';

export const CROSTON_ALPHA = 0.1;
export const TSB_ALPHA = 0.1;
export const TSB_BETA = 0.1;

export interface IntermittentFit {
  readonly model: IntermittentModelName;
  /** Per-day forecast. */
  readonly rate: number;
  /** Smoothed size of a non-zero demand. */
  readonly size: number;
  /** Probability of a non-zero demand on a day. */
  readonly probability: number;
}

/** Croston or SBA over y[from..to). Returns rate 0 when there is no demand. */
export function croston(
  y: Float64Array,
  from: number,
  to: number,
  sba: boolean,
  alpha = CROSTON_ALPHA,
): IntermittentFit {
  const model = sba ? 'SBA' : 'CROSTON';
  let z = NaN;
  let p = NaN;
  let gap = 0;
  for (let t = from; t < to; t++) {
    gap++;
    const v = y[t]!;
    if (!(v > 0)) continue;
    // Initialise with the first demand and its interval (counted from the window start).
    z = Number.isNaN(z) ? v : z + alpha * (v - z);
    p = Number.isNaN(p) ? gap : p + alpha * (gap - p);
    gap = 0;
  }
  if (Number.isNaN(z)) return { model, rate: 0, size: 0, probability: 0 };
  const rate = (z / p) * (sba ? 1 - alpha / 2 : 1);
  return { model, rate, size: z, probability: 1 / p };
}

/** TSB over y[from..to). */
export function tsb(
  y: Float64Array,
  from: number,
  to: number,
  alpha = TSB_ALPHA,
  beta = TSB_BETA,
): IntermittentFit {
  let z = NaN;
  let prob = NaN;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    const hit = v > 0 ? 1 : 0;
    if (Number.isNaN(prob)) {
      if (!hit) continue;
      // Start at the first demand with the window's demand frequency so far as prior.
      prob = 1 / (t - from + 1);
      z = v;
      continue;
    }
    prob += beta * (hit - prob);
    if (hit) z += alpha * (v - z);
  }
  if (Number.isNaN(z)) return { model: 'TSB', rate: 0, size: 0, probability: 0 };
  return { model: 'TSB', rate: prob * z, size: z, probability: prob };
}
