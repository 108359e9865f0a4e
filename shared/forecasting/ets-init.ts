// Heuristic initial states from the first whole weeks of the fitting window (classical
// decomposition): level = mean, seasonal = weekday mean − level (additive) or ÷ level
// (multiplicative), trend = weekly change of the mean. Initial states are not optimised:
// that keeps the optimiser at 1–4 dimensions, which is what makes 5,000 series/s possible.
import { SEASON } from './types.ts';

const INIT_WEEKS = 4;

/**
 * Writes [l0, b0, s0..s6] for additive (`into`) and multiplicative (`intoMult`) seasonality.
 * Returns false for `intoMult` when multiplicative seasonality is undefined (a weekday
 * with no demand, or no demand at all).
 */
export function initialStates(
  y: Float64Array,
  n: number,
  into: Float64Array,
  intoMult: Float64Array,
): boolean {
  const weeks = Math.max(1, Math.min(INIT_WEEKS, Math.floor(n / SEASON)));
  const days = Math.min(n, weeks * SEASON);
  let total = 0;
  for (let t = 0; t < days; t++) total += y[t]!;
  const level = days > 0 ? total / days : 0;
  let firstWeek = 0;
  let lastWeek = 0;
  for (let j = 0; j < SEASON && j < days; j++) {
    firstWeek += y[j]!;
    lastWeek += y[days - SEASON + j] ?? 0;
  }
  const slope = weeks > 1 ? (lastWeek - firstWeek) / SEASON / (SEASON * (weeks - 1)) : 0;
  into[0] = level;
  into[1] = slope;
  intoMult[0] = level;
  intoMult[1] = 0;
  let multOk = level > 0;
  for (let j = 0; j < SEASON; j++) {
    let sum = 0;
    let count = 0;
    for (let t = j; t < days; t += SEASON) {
      sum += y[t]!;
      count++;
    }
    const mean = count > 0 ? sum / count : level;
    into[2 + j] = mean - level;
    intoMult[2 + j] = level > 0 ? mean / level : 1;
    if (!(mean > 0)) multOk = false;
  }
  return multOk;
}
