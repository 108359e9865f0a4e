// Festival effects, estimated per series from the same festival window a year earlier.
// 1. Every history day inside a festival window of the series' region is replaced by the
//    mean of the same weekday in the four weeks before (already cleaned), so the model
//    fits normal trading.
// 2. A forecast day at offset k from a festival's main day gets the lift observed at
//    offset k of the previous year's occurrence: actual ÷ cleaned baseline, shrunk towards
//    that whole window's lift (a single day of a slow seller is mostly noise), capped to
//    [1/4, 4]. Overlapping festivals: the larger effect wins.
// All ratios are scale-free, so forecast(c·y) = c·forecast(y).
import {
  festivalOccurrences,
  previousOccurrence,
  type FestivalOccurrence,
} from '../calendar/festival-days.ts';
import type { FestivalCalendar } from '../calendar/festivals.ts';
import { sameWeekdayMean } from './sanitize.ts';

const MIN_LIFT = 0.25;
const MAX_LIFT = 4;
/** Weight of the window-level lift, in units of the window's mean baseline. */
const SHRINK = 1;

export interface FestivalAdjustment {
  readonly cleaned: Float64Array;
  readonly lift: Float64Array;
  readonly withoutHistory: number;
}

export function festivalAdjust(
  y: Float64Array,
  startDay: number,
  region: string,
  horizon: number,
  calendar: FestivalCalendar,
): FestivalAdjustment {
  const n = y.length;
  const cleaned = y.slice();
  const lift = new Float64Array(horizon).fill(1);
  if (calendar.length === 0 || n === 0) return { cleaned, lift, withoutHistory: 0 };
  const occs = festivalOccurrences(calendar, region, startDay - 400, startDay + n + horizon);
  const inWindow = new Uint8Array(n);
  for (const o of occs) {
    for (let d = o.day - o.festival.before; d <= o.day + o.festival.after; d++) {
      const t = d - startDay;
      if (t >= 0 && t < n) inWindow[t] = 1;
    }
  }
  for (let t = 0; t < n; t++) {
    if (inWindow[t] && t >= 7) cleaned[t] = sameWeekdayMean(cleaned, t, 4);
  }
  const cv2 = recentCv2(cleaned);
  let withoutHistory = 0;
  const ahead = occs.filter((o) => o.day + o.festival.after >= startDay + n);
  for (let h = 0; h < horizon && ahead.length > 0; h++) {
    const day = startDay + n + h;
    let best = 1;
    let covered = false;
    let found = false;
    for (const o of ahead) {
      const k = day - o.day;
      if (k < -o.festival.before || k > o.festival.after) continue;
      covered = true;
      const l = lastYearLift(y, cleaned, startDay, o, k, cv2);
      if (l === undefined) continue;
      found = true;
      if (Math.abs(Math.log(l)) > Math.abs(Math.log(best))) best = l;
    }
    if (covered && !found) withoutHistory++;
    lift[h] = best;
  }
  return { cleaned, lift, withoutHistory };
}

function lastYearLift(
  y: Float64Array,
  cleaned: Float64Array,
  startDay: number,
  occ: FestivalOccurrence,
  k: number,
  cv2: number,
): number | undefined {
  const prev = previousOccurrence(occ);
  if (prev === undefined) return undefined;
  const from = prev.day - occ.festival.before - startDay;
  const to = prev.day + occ.festival.after - startDay;
  if (from < 7 || to >= y.length) return undefined;
  let sumY = 0;
  let sumB = 0;
  for (let t = from; t <= to; t++) {
    sumY += y[t]!;
    sumB += cleaned[t]!;
  }
  // No demand a year ago: nothing to learn the effect from.
  if (!(sumB > 0)) return undefined;
  // Shrink the window's lift towards 1 by its signal-to-noise (James–Stein style): with
  // daily noise CV², the window mean's relative variance is CV²/days.
  const days = to - from + 1;
  const d = clamp(sumY / sumB) - 1;
  const windowLift = 1 + (d * d * d) / (d * d + cv2 / days + 1e-300);
  const t = prev.day + k - startDay;
  // A single day is noisier still: pull it towards the window by (1 + CV²) mean days.
  const c = ((SHRINK * sumB) / days) * (1 + cv2);
  return clamp((y[t]! + c * windowLift) / (cleaned[t]! + c));
}

/** Squared coefficient of variation of the last 8 weeks of the cleaned series (scale-free). */
function recentCv2(cleaned: Float64Array): number {
  const from = Math.max(0, cleaned.length - 56);
  let sum = 0;
  let sumSq = 0;
  for (let t = from; t < cleaned.length; t++) {
    sum += cleaned[t]!;
    sumSq += cleaned[t]! * cleaned[t]!;
  }
  const n = cleaned.length - from;
  const mean = sum / Math.max(1, n);
  return mean > 0 ? Math.max(0, sumSq / n - mean * mean) / (mean * mean) : 0;
}

function clamp(v: number): number {
  return Math.min(MAX_LIFT, Math.max(MIN_LIFT, v));
}
