// The Forecast screen's view model, from a synced forecast document (migration
// 20261206000510) and, for store managers, the SKU's recent daily sales: the chart's days
// (history, then forecast with 80/95 % bands), festival markers for the region, the 7- and
// 30-day totals with intervals, the freshness flag (Property 13), the short-history note
// (Property 10) and the accuracy figures as the design defines them (Property 12).
// Pure: the clock is a parameter.
import { addDays, epochDay } from '../calendar/dates.ts';
import { festivalOccurrences } from '../calendar/festival-days.ts';
import { INDIA_FESTIVALS, type FestivalCalendar } from '../calendar/festivals.ts';
import { isForecastFresh } from './freshness.ts';
import { Z80, Z95 } from './types.ts';

/** Scored accuracy window as the sync document carries it. */
export interface AccuracyDoc {
  readonly window_days: number;
  readonly window_end: string;
  readonly accuracy_percent: number | null;
  readonly total_accuracy_percent: number | null;
  readonly wape: number | null;
  readonly coverage80?: number | null;
  readonly coverage95?: number | null;
}

export interface StoreShareDoc {
  readonly store_id: string;
  readonly forecast_7d: number;
  readonly forecast_30d: number;
  readonly share: number | null;
  readonly path: string | null;
  readonly model: string;
  readonly insufficient_history: boolean;
}

export interface ForecastDoc {
  readonly id: string;
  readonly kind: 'store' | 'region' | string;
  readonly store_id: string | null;
  readonly region_id: string | null;
  readonly sku: string;
  readonly run_date: string;
  readonly start_date: string;
  readonly generated_at: string;
  readonly model: string;
  readonly path: string | null;
  readonly share: number | null;
  readonly insufficient_history: boolean;
  readonly history_days: number;
  readonly point: readonly number[];
  readonly lower80: readonly number[];
  readonly upper80: readonly number[];
  readonly lower95: readonly number[];
  readonly upper95: readonly number[];
  readonly forecast_7d: number;
  readonly forecast_30d: number;
  readonly store_count: number | null;
  readonly stores: readonly StoreShareDoc[];
  readonly accuracy7: AccuracyDoc | null;
  readonly accuracy30: AccuracyDoc | null;
}

export interface ViewDay {
  readonly date: string;
  /** Units sold (history days), else null. */
  readonly actual: number | null;
  /** Forecast (forecast days), else null. */
  readonly point: number | null;
  readonly lower80: number | null;
  readonly upper80: number | null;
  readonly lower95: number | null;
  readonly upper95: number | null;
  /** Festival names whose main day this is. */
  readonly festivals: readonly string[];
}

export interface TotalInterval {
  readonly days: number;
  readonly point: number;
  readonly lower80: number;
  readonly upper80: number;
  readonly lower95: number;
  readonly upper95: number;
}

export interface FestivalMarker {
  readonly name: string;
  readonly date: string;
  /** Inside the forecast horizon (the forecast carries its year-earlier lift). */
  readonly inForecast: boolean;
}

export interface ForecastView {
  readonly days: readonly ViewDay[];
  /** Index in `days` of the first forecast day. */
  readonly forecastFrom: number;
  readonly totals: readonly [TotalInterval, TotalInterval];
  readonly festivals: readonly FestivalMarker[];
  readonly stale: boolean;
  readonly ageHours: number;
  readonly shortHistory: boolean;
  readonly model: string;
  readonly modelLabel: string;
  readonly path: string | null;
}

export interface ViewInput {
  readonly doc: ForecastDoc;
  /** Daily units sold; history[0] is historyStart. Days on or after the forecast start are ignored. */
  readonly history?: readonly number[];
  readonly historyStart?: string;
  /** History days to show before the forecast. */
  readonly historyDays?: number;
  /** Festival region (the store's region, or the region of a regional document). */
  readonly region: string;
  readonly nowMs: number;
  readonly calendar?: FestivalCalendar;
}

const MODEL_LABELS: Readonly<Record<string, string>> = {
  'ETS(A,N,N)': 'Exponential smoothing (level)',
  'ETS(A,N,A)': 'Exponential smoothing with weekly pattern',
  'ETS(A,Ad,A)': 'Exponential smoothing with damped trend and weekly pattern',
  'ETS(A,N,M)': 'Exponential smoothing with multiplicative weekly pattern',
  CROSTON: 'Croston (intermittent demand)',
  SBA: 'Syntetos–Boylan (intermittent demand)',
  TSB: 'TSB (intermittent, fading demand)',
  SEASONAL_NAIVE: 'Same weekday last week',
  FALLBACK: 'Same-weekday average of the last 4 weeks (under 12 months of history)',
  ZERO: 'No recent demand',
};

export function modelLabel(model: string): string {
  return MODEL_LABELS[model] ?? model;
}

/**
 * Interval of the first `days` days' total. The synced document has daily bands only; their
 * half-widths give each day's standard deviation, and the total's is taken as if daily
 * errors were independent (narrower than adding the bounds, which assumes they move
 * together). Clamped at 0 like the daily bands.
 */
export function totalInterval(
  doc: Pick<ForecastDoc, 'point' | 'upper80' | 'upper95'>,
  days: number,
): TotalInterval {
  const n = Math.min(days, doc.point.length);
  let point = 0;
  let var80 = 0;
  let var95 = 0;
  for (let i = 0; i < n; i++) {
    const p = doc.point[i] ?? 0;
    point += p;
    var80 += (Math.max(0, (doc.upper80[i] ?? p) - p) / Z80) ** 2;
    var95 += (Math.max(0, (doc.upper95[i] ?? p) - p) / Z95) ** 2;
  }
  const sd80 = Math.sqrt(var80);
  const sd95 = Math.sqrt(var95);
  return {
    days: n,
    point,
    lower80: Math.max(0, point - Z80 * sd80),
    upper80: point + Z80 * sd80,
    lower95: Math.max(0, point - Z95 * sd95),
    upper95: point + Z95 * sd95,
  };
}

export function forecastView(input: ViewInput): ForecastView {
  const { doc } = input;
  const start = doc.start_date;
  const horizon = doc.point.length;
  const shown = Math.max(0, input.historyDays ?? 56);
  const history = input.history ?? [];
  const historyStart = input.historyStart ?? start;
  // history index of the day before the forecast starts
  const lastHistory = epochDay(start) - 1 - epochDay(historyStart);
  const historyCount = input.history === undefined ? 0 : Math.max(0, Math.min(shown, lastHistory + 1));
  const firstDate = addDays(start, -historyCount);
  const calendar = input.calendar ?? INDIA_FESTIVALS;
  const fromDay = epochDay(firstDate);
  const toDay = epochDay(start) + horizon;
  const occurrences = festivalOccurrences(calendar, input.region, fromDay, toDay).filter(
    (o) => o.day >= fromDay && o.day < toDay,
  );
  const festivalsOn = new Map<number, string[]>();
  for (const o of occurrences) festivalsOn.set(o.day, [...(festivalsOn.get(o.day) ?? []), o.festival.name]);

  const days: ViewDay[] = [];
  for (let i = 0; i < historyCount + horizon; i++) {
    const date = addDays(firstDate, i);
    const festivals = festivalsOn.get(fromDay + i) ?? [];
    if (i < historyCount) {
      const v = history[lastHistory - historyCount + 1 + i];
      const actual = v === undefined || !Number.isFinite(v) ? null : v;
      days.push({
        date,
        actual,
        point: null,
        lower80: null,
        upper80: null,
        lower95: null,
        upper95: null,
        festivals,
      });
    } else {
      const h = i - historyCount;
      days.push({
        date,
        actual: null,
        point: doc.point[h] ?? null,
        lower80: doc.lower80[h] ?? null,
        upper80: doc.upper80[h] ?? null,
        lower95: doc.lower95[h] ?? null,
        upper95: doc.upper95[h] ?? null,
        festivals,
      });
    }
  }
  const generated = Date.parse(doc.generated_at);
  const startDay = epochDay(start);
  return {
    days,
    forecastFrom: historyCount,
    totals: [totalInterval(doc, 7), totalInterval(doc, 30)],
    festivals: occurrences
      .map((o) => ({
        name: o.festival.name,
        date: addDays(start, o.day - startDay),
        inForecast: o.day >= startDay,
      }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    stale: !isForecastFresh(generated, input.nowMs),
    ageHours: Number.isFinite(generated) ? Math.max(0, (input.nowMs - generated) / 3_600_000) : Infinity,
    shortHistory: doc.insufficient_history,
    model: doc.model,
    modelLabel: modelLabel(doc.model),
    path: doc.path,
  };
}

/** "62.3%" or "n/a" (no day with a non-zero actual, Property 12). */
export function formatAccuracy(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(1)}%`;
}
