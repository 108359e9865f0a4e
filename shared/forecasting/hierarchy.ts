// Hierarchy for one region×SKU: a forecast of the regional total disaggregated to stores
// by recent shares (TOP_DOWN), or each store's own forecast (DIRECT), chosen per store by
// a one-fold backtest over the last 28 days: the path with the smaller absolute error
// wins (ties go to DIRECT). Only high-volume series (≥ `directMinDailyUnits` a day over
// the last 28 days) are candidates for DIRECT: a slow seller's own history is mostly noise,
// the regional pattern scaled by its share is the better guess, and skipping its backtest
// halves the cost of the long tail. Region-specific variation (Property 11) enters twice: the
// region's festival calendar, and effects estimated on the regional series, which is far
// less noisy than any one store's.
// Store histories are aligned at their last day; `startDate` is the first day of the
// longest one. Stores that opened later simply have shorter histories.
import { epochDay, isoDate } from '../calendar/dates.ts';
import { rollingOrigin } from './backtest.ts';
import { disaggregate, recentShares } from './disaggregate.ts';
import { forecastSeries } from './forecast-series.ts';
import { sanitize } from './sanitize.ts';
import { ForecastInputError, MIN_HISTORY_DAYS, type ForecastInput, type ForecastResult } from './types.ts';

export const SELECTION_HOLDOUT_DAYS = 28;
/** Mean daily units over the last 28 days from which a store series may take the DIRECT path. */
export const DIRECT_MIN_DAILY_UNITS = 1;

export interface StoreSeries {
  readonly storeId: string;
  readonly history: readonly number[];
}

export interface HierarchyInput extends Omit<ForecastInput, 'history'> {
  readonly stores: readonly StoreSeries[];
  /** Defaults to DIRECT_MIN_DAILY_UNITS; 0 lets every store series compete for DIRECT. */
  readonly directMinDailyUnits?: number;
}

export type HierarchyPath = 'DIRECT' | 'TOP_DOWN';

export interface StoreForecast {
  readonly storeId: string;
  readonly path: HierarchyPath;
  readonly share: number;
  readonly forecast: ForecastResult;
}

export interface HierarchyResult {
  readonly region: ForecastResult;
  readonly stores: readonly StoreForecast[];
}

export function forecastHierarchy(input: HierarchyInput): HierarchyResult {
  const { stores, directMinDailyUnits: _gate, ...rest } = input;
  if (stores.length === 0) throw new ForecastInputError('stores must not be empty');
  const cleaned = stores.map((s) => sanitize(s.history).y);
  const length = Math.max(...cleaned.map((y) => y.length));
  const regional = regionTotal(cleaned, length);
  const startDay = parseStart(input.startDate);
  const storeInput = (i: number, history: readonly number[], horizon: number): ForecastInput => ({
    ...rest,
    horizon,
    history,
    startDate: isoDate(startDay + length - cleaned[i]!.length),
  });
  const paths = choosePaths(regional, cleaned, input, storeInput);
  const region = forecastSeries({ ...rest, history: regional });
  const shares = recentShares(cleaned);
  return {
    region,
    stores: stores.map((s, i) => {
      const path = paths[i]!;
      const share = shares[i]!;
      const forecast =
        path === 'DIRECT'
          ? forecastSeries(storeInput(i, s.history, input.horizon))
          : ownHistory(disaggregate(region, share), cleaned[i]!.length);
      return { storeId: s.storeId, path, share, forecast };
    }),
  };
}

/**
 * A top-down forecast rests on the region's history, but its flags describe the store's
 * own: a store open under 12 months stays marked (Property 10), whichever path it takes.
 */
function ownHistory(f: ForecastResult, days: number): ForecastResult {
  return {
    ...f,
    flags: { ...f.flags, insufficientHistory: days < MIN_HISTORY_DAYS },
    diagnostics: { ...f.diagnostics, historyDays: days },
  };
}

function regionTotal(cleaned: readonly Float64Array[], length: number): number[] {
  const total = new Array<number>(length).fill(0);
  for (const y of cleaned) {
    const offset = length - y.length;
    for (let t = 0; t < y.length; t++) total[offset + t]! += y[t]!;
  }
  return total;
}

function choosePaths(
  regional: readonly number[],
  cleaned: readonly Float64Array[],
  input: HierarchyInput,
  storeInput: (i: number, history: readonly number[], horizon: number) => ForecastInput,
): HierarchyPath[] {
  const H = SELECTION_HOLDOUT_DAYS;
  // Without a year of history before the holdout neither path is a model forecast.
  if (regional.length < MIN_HISTORY_DAYS + H) return cleaned.map(() => 'DIRECT');
  const gate = input.directMinDailyUnits ?? DIRECT_MIN_DAILY_UNITS;
  const highVolume = cleaned.map((y) => recentMean(y, H) >= gate);
  if (!highVolume.some(Boolean)) return cleaned.map(() => 'TOP_DOWN');
  const origin = regional.length - H;
  const [regionFold] = rollingOrigin(regional, { origins: 1, horizon: H }, (history, horizon) =>
    forecastSeries({ ...input, history, horizon }),
  );
  const shares = recentShares(cleaned.map((y) => y.subarray(0, Math.max(0, y.length - H))));
  return cleaned.map((y, i) => {
    const past = Array.from(y.subarray(0, Math.max(0, y.length - H)));
    const actual = y.subarray(Math.max(0, y.length - H));
    if (!highVolume[i]) return 'TOP_DOWN';
    if (past.length === 0 || origin <= 0) return 'DIRECT';
    const direct = forecastSeries(storeInput(i, past, H)).point;
    const topDown = regionFold!.forecast.point;
    let errDirect = 0;
    let errTopDown = 0;
    for (let t = 0; t < actual.length; t++) {
      errDirect += Math.abs(actual[t]! - direct[t]!);
      errTopDown += Math.abs(actual[t]! - shares[i]! * topDown[t]!);
    }
    return errTopDown < errDirect ? 'TOP_DOWN' : 'DIRECT';
  });
}

function recentMean(y: Float64Array, days: number): number {
  if (y.length === 0) return 0;
  let sum = 0;
  for (let t = Math.max(0, y.length - days); t < y.length; t++) sum += y[t]!;
  return sum / Math.min(days, y.length);
}

function parseStart(iso: string): number {
  try {
    return epochDay(iso);
  } catch (e) {
    throw new ForecastInputError(`startDate: ${(e as Error).message}`);
  }
}
