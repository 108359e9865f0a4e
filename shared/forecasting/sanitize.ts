// Makes any numeric history usable: non-finite values (missing days, NaN, ±Infinity) are
// imputed with the mean of the same weekday in up to four earlier weeks (0 when there is
// none); negative values (net returns) count as zero sales. Every replacement is counted
// so the result can flag it.
import { SEASON } from './types.ts';

export interface Sanitized {
  readonly y: Float64Array;
  readonly replaced: number;
}

export function sanitize(history: readonly number[]): Sanitized {
  const y = new Float64Array(history.length);
  let replaced = 0;
  for (let t = 0; t < history.length; t++) {
    const v = history[t]!;
    if (typeof v === 'number' && Number.isFinite(v)) {
      y[t] = v < 0 ? 0 : v;
      if (v < 0) replaced++;
      continue;
    }
    replaced++;
    y[t] = sameWeekdayMean(y, t, 4);
  }
  return { y, replaced };
}

/** Mean of y[t−7], y[t−14], … (up to `weeks` values); 0 when t < 7. */
export function sameWeekdayMean(y: Float64Array, t: number, weeks: number): number {
  let sum = 0;
  let count = 0;
  for (let k = 1; k <= weeks && t - k * SEASON >= 0; k++) {
    sum += y[t - k * SEASON]!;
    count++;
  }
  return count > 0 ? sum / count : 0;
}
