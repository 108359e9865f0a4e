// The worker's pure step: a claimed chunk → the rows complete_forecast_chunk writes.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import {
  ChunkError,
  FORECAST_DAYS,
  forecastChunk,
  parseClaim,
  densify,
  type ChunkSeries,
  type ClaimedChunk,
} from '../../supabase/functions/_shared/forecast-chunk.ts';

const RUN = '2026-11-20';
const weekly = (days: number): number[] =>
  Array.from({ length: days }, (_, t) => 5 + (t % 7 === 5 ? 4 : 0) + (t % 3));

/** The sparse wire form of a dense history (days without sales left out). */
function series(sku: string, startDate: string, history: number[]): ChunkSeries {
  const offsets = history.flatMap((u, i) => (u === 0 ? [] : [i]));
  return { sku, startDate, days: history.length, offsets, units: offsets.map((i) => history[i]!) };
}

function chunk(series: ClaimedChunk['series']): ClaimedChunk {
  return { jobId: 7, attempt: 1, runDate: RUN, storeId: 'S1', region: 'NORTH', series };
}

describe('parseClaim', () => {
  it('reads an empty queue as null', () => {
    expect(parseClaim(null)).toBeNull();
    expect(parseClaim(undefined)).toBeNull();
  });

  it('rejects an answer that is not a chunk, quoting it', () => {
    expect(() => parseClaim({ jobId: '7' })).toThrow(ChunkError);
    expect(() => parseClaim({ jobId: '7' })).toThrow(/unexpected value: \{"jobId":"7"\}/);
  });

  it('accepts a store without a region (nationwide festivals only)', () => {
    const c = parseClaim({ jobId: 1, attempt: 1, runDate: RUN, storeId: 'S1', region: null, series: [] });
    expect(c?.region).toBe('');
  });
});

describe('densify', () => {
  it('fills the days without a sales row with 0', () => {
    expect(densify({ sku: 'A', startDate: RUN, days: 5, offsets: [0, 3], units: [2, 1.5] })).toEqual([
      2, 0, 0, 1.5, 0,
    ]);
    expect(densify({ sku: 'A', startDate: RUN, days: 0, offsets: [], units: [] })).toEqual([]);
  });

  it('rejects offsets outside the history and mismatched arrays, naming the SKU', () => {
    expect(() => densify({ sku: 'A', startDate: RUN, days: 3, offsets: [3], units: [1] })).toThrow(
      new ChunkError('A: history offset 3 is outside 0..2'),
    );
    expect(() => densify({ sku: 'B', startDate: RUN, days: 3, offsets: [0], units: [] })).toThrow(
      /^B: malformed history/,
    );
  });
});

describe('forecastChunk', () => {
  it('forecasts 30 days from the run date with ordered intervals and the model used', () => {
    const [row] = forecastChunk(chunk([series('RICE-1', addDays(RUN, -400), weekly(400))]));
    expect(row).toMatchObject({
      sku: 'RICE-1',
      startDate: RUN,
      insufficientHistory: false,
      historyDays: 400,
    });
    expect(row!.model).not.toBe('FALLBACK');
    for (const k of ['point', 'lower80', 'upper80', 'lower95', 'upper95'] as const) {
      expect(row![k]).toHaveLength(FORECAST_DAYS);
    }
    for (let d = 0; d < FORECAST_DAYS; d++) {
      expect(row!.lower95[d]!).toBeLessThanOrEqual(row!.lower80[d]!);
      expect(row!.upper80[d]!).toBeLessThanOrEqual(row!.upper95[d]!);
      expect(Number.isInteger(row!.point[d]! * 1000)).toBe(true); // rounded to 3 decimals
    }
  });

  it('marks short and empty histories and uses the stated fallback (Property 10)', () => {
    const rows = forecastChunk(chunk([series('A', addDays(RUN, -100), weekly(100)), series('B', RUN, [])]));
    expect(rows.map((r) => [r.sku, r.model, r.insufficientHistory, r.historyDays, r.startDate])).toEqual([
      ['A', 'FALLBACK', true, 100, RUN],
      ['B', 'FALLBACK', true, 0, RUN],
    ]);
  });

  it('fails the whole chunk, naming the series, when the core rejects one', () => {
    const bad = chunk([series('GOOD', RUN, []), series('BAD', 'yesterday', [1, 2])]);
    expect(() => forecastChunk(bad)).toThrow(ChunkError);
    expect(() => forecastChunk(bad)).toThrow(/1 series failed: BAD: startDate/);
  });
});
