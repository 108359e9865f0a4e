// The forecasting entry point: one series in, point forecasts with 80%/95% intervals,
// model name, flags and diagnostics out. Total over the history (empty, constant,
// all-zero, short, non-finite); only malformed parameters (horizon, startDate) throw.
// Routing: < 12 months → FALLBACK (Property 10); no recent demand → ZERO; intermittent or
// lumpy (ADI ≥ 1.32) → SBA/TSB; otherwise the ETS model set chosen by AICc. Festival
// effects are removed from the history before fitting and re-applied to the forecast —
// for ETS series only: a slow seller's year-earlier window is mostly noise (measured on
// the demo chain), and SBA/TSB average over festivals anyway.
import { epochDay, isoDateRange } from '../calendar/dates.ts';
import { INDIA_FESTIVALS } from '../calendar/festivals.ts';
import { classifyDemand, type DemandStats } from './demand-class.ts';
import type { EtsParams } from './ets-filter.ts';
import { etsForecast } from './ets-forecast.ts';
import { fallbackForecast } from './fallback.ts';
import { festivalAdjust } from './festival-effects.ts';
import { chooseIntermittent, intermittentForecast } from './intermittent.ts';
import { toBands } from './intervals.ts';
import { DEFAULT_SEED, mulberry32 } from './rng.ts';
import { sanitize } from './sanitize.ts';
import { seasonalNaive, type BaseForecast } from './seasonal-naive.ts';
import {
  ForecastInputError,
  MAX_HORIZON,
  MIN_HISTORY_DAYS,
  type ForecastInput,
  type ForecastResult,
  type ModelName,
} from './types.ts';

/** Models are fitted on the most recent 26 weeks: recent dynamics matter, older data mostly costs time. */
export const FIT_DAYS = 182;

export function forecastSeries(input: ForecastInput): ForecastResult {
  const startDay = validate(input);
  const { horizon } = input;
  const { y, replaced } = sanitize(input.history);
  const n = y.length;
  // Work in units of a power of two near the series' maximum: squares of huge sales
  // figures cannot overflow, and scaling by 2^k is exact, so forecast(c·y) = c·forecast(y).
  const scale = powerOfTwoScale(y);
  for (let t = 0; t < n; t++) y[t] = y[t]! / scale;
  const dates = isoDateRange(startDay + n, horizon);
  const fest = festivalAdjust(y, startDay, input.region, horizon, input.calendar ?? INDIA_FESTIVALS);
  const from = Math.max(0, n - FIT_DAYS);
  const stats = classifyDemand(fest.cleaned, from, n);
  const model = chooseModel(input.model, n, stats);
  const sparse = model === 'SBA' || model === 'TSB' || model === 'CROSTON' || model === 'ZERO';
  const fitted = fitRoute(
    model,
    y,
    sparse ? y : fest.cleaned,
    from,
    horizon,
    input.rng ?? mulberry32(DEFAULT_SEED),
  );
  const { base } = fitted;
  // The fallback has no year-earlier window to learn festival effects from.
  const lift = model === 'FALLBACK' || sparse ? new Float64Array(horizon).fill(1) : fest.lift;
  return {
    model: fitted.model,
    dates,
    ...toBands(base.point, base.variance, lift, scale, base.multipliers),
    festivalLift: Array.from(lift),
    flags: {
      insufficientHistory: n < MIN_HISTORY_DAYS,
      replacedValues: replaced,
      festivalDaysWithoutHistory: model === 'FALLBACK' ? 0 : fest.withoutHistory,
    },
    diagnostics: {
      historyDays: n,
      demandClass: stats.demandClass,
      adi: stats.adi,
      cv2: stats.cv2,
      // Back in units sold: SSE scales by scale², so AICc shifts by n·log(scale²).
      aicc: fitted.aicc === null ? null : fitted.aicc + (n - from) * 2 * Math.log(scale),
      params:
        'size' in fitted.params ? { ...fitted.params, size: fitted.params['size']! * scale } : fitted.params,
      sigma: base.sigma * scale,
    },
  };
}

type Route = ModelName | 'AUTO_ETS';

interface Fitted {
  readonly model: ModelName;
  readonly base: BaseForecast;
  readonly aicc: number | null;
  readonly params: Record<string, number>;
}

/** Runs the chosen model family on the (scaled, festival-cleaned) series. */
function fitRoute(
  route: Route,
  y: Float64Array,
  cleaned: Float64Array,
  from: number,
  horizon: number,
  rng: () => number,
): Fitted {
  const n = y.length;
  const none = { aicc: null, params: {} };
  if (route === 'FALLBACK') return { model: route, base: fallbackForecast(y, n, horizon), ...none };
  if (route === 'SEASONAL_NAIVE') return { model: route, base: seasonalNaive(cleaned, n, horizon), ...none };
  if (route === 'ZERO') {
    const zeros = new Float64Array(horizon);
    return { model: route, base: { point: zeros, variance: zeros, sigma: 0 }, ...none };
  }
  if (route === 'CROSTON' || route === 'SBA' || route === 'TSB') {
    const r = intermittentForecast(cleaned, from, n, route, horizon);
    return {
      model: route,
      base: r,
      aicc: null,
      params: { size: r.fit.size, probability: r.fit.probability },
    };
  }
  const r = etsForecast(cleaned, from, n, horizon, rng, route === 'AUTO_ETS' ? undefined : route);
  return {
    model: r.fit.spec.name,
    base: r,
    aicc: r.fit.aicc,
    params: paramsOf(r.fit.spec.free, r.fit.params),
  };
}

function chooseModel(forced: ModelName | undefined, n: number, stats: DemandStats): Route {
  // Property 10: never a model forecast from under 12 months, whatever was asked for.
  if (n < MIN_HISTORY_DAYS) return 'FALLBACK';
  if (forced !== undefined) return forced;
  if (stats.demandClass === 'none') return 'ZERO';
  if (stats.demandClass === 'intermittent' || stats.demandClass === 'lumpy') return chooseIntermittent(stats);
  return 'AUTO_ETS';
}

function paramsOf(keys: readonly (keyof EtsParams)[], p: EtsParams): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = p[k];
  return out;
}

function powerOfTwoScale(y: Float64Array): number {
  let max = 0;
  for (let t = 0; t < y.length; t++) if (y[t]! > max) max = y[t]!;
  return max > 0 ? 2 ** Math.floor(Math.log2(max)) : 1;
}

function validate(input: ForecastInput): number {
  const { horizon } = input;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new ForecastInputError(
      `horizon must be an integer from 1 to ${MAX_HORIZON}, got ${String(horizon)}`,
    );
  }
  if (!Array.isArray(input.history)) throw new ForecastInputError('history must be an array of numbers');
  try {
    return epochDay(input.startDate);
  } catch (e) {
    throw new ForecastInputError(`startDate: ${(e as Error).message}`);
  }
}
