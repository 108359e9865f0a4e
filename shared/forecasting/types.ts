// Public types of the forecasting core. Everything here is plain data (JSON-able), so the
// edge function, the comlink worker and the screen pass results along unchanged.
import type { FestivalCalendar } from '../calendar/festivals.ts';

export type EtsModelName = 'ETS(A,N,N)' | 'ETS(A,N,A)' | 'ETS(A,Ad,A)' | 'ETS(A,N,M)';
export type IntermittentModelName = 'CROSTON' | 'SBA' | 'TSB';
/** FALLBACK: under 12 months of history (Property 10); ZERO: no demand at all. */
export type ModelName = EtsModelName | IntermittentModelName | 'SEASONAL_NAIVE' | 'FALLBACK' | 'ZERO';

/** Syntetos–Boylan demand classes. */
export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'none';

export interface ForecastInput {
  /** Daily units sold; history[0] is the business day `startDate`. Non-finite = missing. */
  readonly history: readonly number[];
  /** ISO date (IST business day) of history[0]. */
  readonly startDate: string;
  /** Region code for festival effects; unknown codes get nationwide festivals only. */
  readonly region: string;
  /** Days to forecast after the last history day, 1..366. */
  readonly horizon: number;
  /** Defaults to INDIA_FESTIVALS. */
  readonly calendar?: FestivalCalendar;
  /** Uniform [0,1) source for simulated intervals; defaults to a fixed-seed generator. */
  readonly rng?: () => number;
  /** Force a model family (what-if, tests); default chooses automatically. */
  readonly model?: ModelName;
}

export interface ForecastFlags {
  /** Property 10: under MIN_HISTORY_DAYS of history; the FALLBACK model was used. */
  readonly insufficientHistory: boolean;
  /** Count of non-finite or negative history values that were replaced. */
  readonly replacedValues: number;
  /** Festival days in the horizon whose year-earlier window is not in the history. */
  readonly festivalDaysWithoutHistory: number;
}

export interface ForecastDiagnostics {
  readonly historyDays: number;
  readonly demandClass: DemandClass;
  readonly adi: number;
  readonly cv2: number;
  /** AICc of the chosen ETS model (null for other models). */
  readonly aicc: number | null;
  /** Smoothing parameters of the chosen model (alpha, beta, gamma, phi as applicable). */
  readonly params: Readonly<Record<string, number>>;
  /** One-step residual standard deviation. */
  readonly sigma: number;
}

export interface ForecastResult {
  readonly model: ModelName;
  /** ISO dates of the forecast days. */
  readonly dates: readonly string[];
  readonly point: readonly number[];
  readonly lower80: readonly number[];
  readonly upper80: readonly number[];
  readonly lower95: readonly number[];
  readonly upper95: readonly number[];
  /** Festival multiplier applied per forecast day (1 = none). */
  readonly festivalLift: readonly number[];
  readonly flags: ForecastFlags;
  readonly diagnostics: ForecastDiagnostics;
}

/** Property 10: a forecast needs at least 12 months of history. */
export const MIN_HISTORY_DAYS = 365;
export const SEASON = 7;
export const MAX_HORIZON = 366;
/** Standard normal quantiles for central 80% and 95% intervals. */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

export class ForecastInputError extends Error {
  override name = 'ForecastInputError';
}
