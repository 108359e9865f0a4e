// Scale-aware error measures that stay defined on intermittent demand.
// WAPE = Σ|A − F| / Σ|A| (null when Σ|A| = 0). MASE = MAE / in-sample MAE of the
// seasonal-naive (m = 7) forecast (Hyndman & Koehler 2006; null when that is 0).
// Coverage = share of actuals inside [lower, upper], bounds inclusive.
// Non-finite pairs are skipped everywhere.
import { SEASON } from './types.ts';

export function wape(forecast: readonly number[], actual: readonly number[]): number | null {
  let err = 0;
  let den = 0;
  const n = Math.min(forecast.length, actual.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const f = forecast[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(f)) continue;
    err += Math.abs(a - f);
    den += Math.abs(a);
  }
  return den === 0 ? null : err / den;
}

/** Mean absolute seasonal difference of the history: MASE's denominator. */
export function naiveScale(history: readonly number[], m = SEASON): number | null {
  let sum = 0;
  let count = 0;
  for (let t = m; t < history.length; t++) {
    const d = history[t]! - history[t - m]!;
    if (!Number.isFinite(d)) continue;
    sum += Math.abs(d);
    count++;
  }
  return count === 0 || sum === 0 ? null : sum / count;
}

export function mase(
  forecast: readonly number[],
  actual: readonly number[],
  history: readonly number[],
  m = SEASON,
): number | null {
  const scale = naiveScale(history, m);
  const mae = meanAbsError(forecast, actual);
  return scale === null || mae === null ? null : mae / scale;
}

export function meanAbsError(forecast: readonly number[], actual: readonly number[]): number | null {
  let sum = 0;
  let count = 0;
  const n = Math.min(forecast.length, actual.length);
  for (let i = 0; i < n; i++) {
    const d = actual[i]! - forecast[i]!;
    if (!Number.isFinite(d)) continue;
    sum += Math.abs(d);
    count++;
  }
  return count === 0 ? null : sum / count;
}

export function coverage(
  lower: readonly number[],
  upper: readonly number[],
  actual: readonly number[],
): number | null {
  let inside = 0;
  let count = 0;
  const n = Math.min(lower.length, upper.length, actual.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    if (!Number.isFinite(a)) continue;
    count++;
    if (a >= lower[i]! && a <= upper[i]!) inside++;
  }
  return count === 0 ? null : inside / count;
}
