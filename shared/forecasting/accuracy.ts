// Property 12: accuracy = 100 − MAPE, exactly as the design defines it:
//   MAPE = mean over days of |actual − forecast| / |actual| × 100.
// Zero actuals: the percentage error is undefined there (division by zero), so those days
// are left out of the mean, as are days where either value is not finite. When no day is
// left (all actuals zero, or no data) the accuracy is null ("n/a"), never 0 or 100.
// The result is not clamped: on noisy daily series MAPE above 100% gives a negative
// accuracy, which is why WAPE, MASE and accuracy on horizon totals sit beside it.

export function mape(forecast: readonly number[], actual: readonly number[]): number | null {
  let sum = 0;
  let count = 0;
  const n = Math.min(forecast.length, actual.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const f = forecast[i]!;
    if (a === 0 || !Number.isFinite(a) || !Number.isFinite(f)) continue;
    sum += Math.abs((a - f) / a);
    count++;
  }
  return count === 0 ? null : (sum / count) * 100;
}

export function accuracyPercent(forecast: readonly number[], actual: readonly number[]): number | null {
  const m = mape(forecast, actual);
  return m === null ? null : 100 - m;
}

/** Accuracy on horizon totals (e.g. the 7-day sum): the headline the anchors recommend. */
export function totalAccuracyPercent(forecast: readonly number[], actual: readonly number[]): number | null {
  return accuracyPercent([sumFinite(forecast)], [sumFinite(actual)]);
}

/** FORECAST_ACCURACY alert condition: accuracy known and below the configured threshold. */
export function isAccuracyBelowThreshold(accuracy: number | null, threshold: number): boolean {
  return accuracy !== null && accuracy < threshold;
}

export function sumFinite(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) if (Number.isFinite(x)) s += x;
  return s;
}
