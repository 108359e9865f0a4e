// Turns one claimed forecast chunk (from claim_forecast_chunk) into the rows that
// complete_forecast_chunk writes, with the shared forecasting core. Pure: no I/O, no clock.
// A chunk is all-or-nothing: one series the core rejects fails the whole chunk (it is
// retried, then alerted), so a run never silently misses a SKU×store.
import { forecastBatch } from '../../../shared/forecasting/batch.ts';
import type { ForecastResult } from '../../../shared/forecasting/types.ts';

/** Days written per series: the 30-day forecast; its first 7 days are the 7-day one. */
export const FORECAST_DAYS = 30;

/** One series as claim_forecast_chunk sends it: sparse, days without sales are 0. */
export interface ChunkSeries {
  readonly sku: string;
  /** First history day (the first day the SKU sold at the store). */
  readonly startDate: string;
  /** History length in days, ending the day before the run date. */
  readonly days: number;
  /** Days (from startDate) with sales, and the units sold on them. */
  readonly offsets: readonly number[];
  readonly units: readonly number[];
}

export interface ClaimedChunk {
  readonly jobId: number;
  readonly attempt: number;
  readonly runDate: string;
  readonly storeId: string;
  readonly region: string;
  readonly series: readonly ChunkSeries[];
}

export interface ForecastRow {
  readonly sku: string;
  readonly startDate: string;
  readonly model: string;
  readonly insufficientHistory: boolean;
  readonly historyDays: number;
  readonly point: number[];
  readonly lower80: number[];
  readonly upper80: number[];
  readonly lower95: number[];
  readonly upper95: number[];
}

export class ChunkError extends Error {
  override name = 'ChunkError';
}

/** Validates the RPC's answer: a claimed chunk, or null when the queue is empty. */
export function parseClaim(value: unknown): ClaimedChunk | null {
  if (value === null || value === undefined) return null;
  const c = value as Partial<ClaimedChunk>;
  if (
    typeof c.jobId !== 'number' ||
    typeof c.attempt !== 'number' ||
    typeof c.runDate !== 'string' ||
    typeof c.storeId !== 'string' ||
    !Array.isArray(c.series)
  ) {
    throw new ChunkError(
      `claim_forecast_chunk returned an unexpected value: ${JSON.stringify(value).slice(0, 200)}`,
    );
  }
  return { ...c, region: typeof c.region === 'string' ? c.region : '' } as ClaimedChunk;
}

// Three decimals of a unit are far below any forecast's uncertainty and keep the
// chunk's write payload small.
const round3 = (xs: readonly number[]): number[] => xs.map((x) => Math.round(x * 1000) / 1000);

function toRow(sku: string, r: ForecastResult): ForecastRow {
  return {
    sku,
    startDate: r.dates[0]!,
    model: r.model,
    insufficientHistory: r.flags.insufficientHistory,
    historyDays: r.diagnostics.historyDays,
    point: round3(r.point),
    lower80: round3(r.lower80),
    upper80: round3(r.upper80),
    lower95: round3(r.lower95),
    upper95: round3(r.upper95),
  };
}

/** The dense daily history of a sparse series; malformed input raises, naming the SKU. */
export function densify(s: ChunkSeries): number[] {
  if (!Number.isInteger(s.days) || s.days < 0 || s.offsets.length !== s.units.length) {
    throw new ChunkError(
      `${s.sku}: malformed history (days ${String(s.days)}, ${s.offsets.length} offsets, ${s.units.length} values)`,
    );
  }
  const history = new Array<number>(s.days).fill(0);
  s.offsets.forEach((offset, i) => {
    if (!Number.isInteger(offset) || offset < 0 || offset >= s.days) {
      throw new ChunkError(`${s.sku}: history offset ${String(offset)} is outside 0..${s.days - 1}`);
    }
    // numeric arrives as a JSON number; a non-number becomes NaN, which the core treats as missing
    history[offset] = Number(s.units[i]);
  });
  return history;
}

export function forecastChunk(chunk: ClaimedChunk): ForecastRow[] {
  const outcomes = forecastBatch(
    chunk.series.map((s) => ({
      key: s.sku,
      input: { history: densify(s), startDate: s.startDate, region: chunk.region, horizon: FORECAST_DAYS },
    })),
  );
  const errors = outcomes.flatMap((o) => (o.ok ? [] : [`${o.key}: ${o.error}`]));
  if (errors.length > 0) {
    throw new ChunkError(`${errors.length} series failed: ${errors.slice(0, 3).join('; ')}`);
  }
  return outcomes.flatMap((o) => (o.ok ? [toRow(o.key, o.result)] : []));
}
