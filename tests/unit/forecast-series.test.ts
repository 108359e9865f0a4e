import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../../shared/forecasting/forecast-series.ts';
import { forecastBatch } from '../../shared/forecasting/batch.ts';
import { forecastHierarchy } from '../../shared/forecasting/hierarchy.ts';
import { EMPTY_CALENDAR } from '../../shared/calendar/festivals.ts';
import { epochDay } from '../../shared/calendar/dates.ts';
import { ForecastInputError } from '../../shared/forecasting/types.ts';
import { generateRetailSeries } from '../support/forecast-series.ts';

const START = '2025-01-01';
const weekly = (days: number, level: number) =>
  Array.from({ length: days }, (_, t) => level * [0.8, 0.9, 1, 1, 1.1, 1.4, 1.3][t % 7]!);

describe('forecastSeries routing', () => {
  it('uses the stated fallback under 12 months of history (Property 10)', () => {
    const r = forecastSeries({ history: weekly(364, 10), startDate: START, region: 'NORTH', horizon: 7 });
    expect(r.model).toBe('FALLBACK');
    expect(r.flags.insufficientHistory).toBe(true);
    // Mean of the same weekday over the last four weeks: the pattern itself.
    expect(r.point.map((v) => +v.toFixed(9))).toEqual(
      weekly(371, 10)
        .slice(364)
        .map((v) => +v.toFixed(9)),
    );
  });

  it('fits ETS with weekly seasonality on a year of a weekly pattern', () => {
    const r = forecastSeries({
      history: weekly(400, 10),
      startDate: START,
      region: 'NORTH',
      horizon: 14,
      calendar: EMPTY_CALENDAR,
    });
    expect(r.flags.insufficientHistory).toBe(false);
    expect(r.model).toMatch(/^ETS\(A,N,[AM]\)$/);
    r.point.forEach((v, h) => expect(v).toBeCloseTo(weekly(414, 10)[400 + h]!, 6));
    expect(r.dates[0]).toBe('2026-02-05');
    expect(r.dates).toHaveLength(14);
  });

  it('forecasts zero with zero-width intervals for a series without demand', () => {
    const r = forecastSeries({ history: Array(400).fill(0), startDate: START, region: 'EAST', horizon: 3 });
    expect(r.model).toBe('ZERO');
    expect([...r.point, ...r.upper95]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('routes intermittent demand to SBA, and to TSB once demand has stopped', () => {
    const sparse = Array.from({ length: 400 }, (_, t) => (t % 5 === 0 ? 2 : 0));
    expect(forecastSeries({ history: sparse, startDate: START, region: 'EAST', horizon: 3 }).model).toBe(
      'SBA',
    );
    const stopped = sparse.map((v, t) => (t >= 370 ? 0 : v));
    const r = forecastSeries({ history: stopped, startDate: START, region: 'EAST', horizon: 3 });
    expect(r.model).toBe('TSB');
    expect(r.point[0]).toBeLessThan(0.4 * 0.95);
  });

  it('counts replaced non-finite and negative values', () => {
    const h = weekly(400, 10);
    h[100] = NaN;
    h[200] = -3;
    h[300] = Infinity;
    const r = forecastSeries({ history: h, startDate: START, region: 'NORTH', horizon: 3 });
    expect(r.flags.replacedValues).toBe(3);
    expect(r.point.every(Number.isFinite)).toBe(true);
  });

  it('rejects a malformed horizon or start date with a specific error', () => {
    const base = { history: [1, 2, 3], startDate: START, region: 'NORTH', horizon: 7 };
    expect(() => forecastSeries({ ...base, horizon: 0 })).toThrow(ForecastInputError);
    expect(() => forecastSeries({ ...base, horizon: 2.5 })).toThrow(/horizon must be an integer/);
    expect(() => forecastSeries({ ...base, startDate: '2025-13-01' })).toThrow(
      /startDate: not a calendar date/,
    );
  });
});

describe('festival effects from the same window a year earlier', () => {
  // History 2025-01-01 .. 2026-11-01 (670 days); Onam 2025 was on 2025-09-05, Onam 2026 is
  // on 2026-08-26 — use a history ending just before Onam 2026 instead.
  const start = '2025-01-01';
  const end = epochDay('2026-08-20');
  const days = end - epochDay(start) + 1;
  const history = Array.from({ length: days }, (_, t) =>
    epochDay(start) + t === epochDay('2025-09-05') ? 30 : 10,
  );

  it('lifts the forecast on this year’s festival day in a region that celebrates it', () => {
    const r = forecastSeries({ history, startDate: start, region: 'SOUTH', horizon: 10 });
    const onam = r.dates.indexOf('2026-08-26');
    expect(r.festivalLift[onam]).toBeGreaterThan(1.5);
    expect(r.point[onam]!).toBeGreaterThan(1.5 * r.point[0]!);
    expect(r.lower95[onam]!).toBeLessThanOrEqual(r.point[onam]!);
  });

  it('does not lift an intermittent series (one slow-seller window is noise)', () => {
    const sparse = history.map((v, t) => (t % 5 === 0 ? v / 5 : 0));
    const r = forecastSeries({ history: sparse, startDate: start, region: 'SOUTH', horizon: 10 });
    expect(r.model).toBe('SBA');
    expect(r.festivalLift.every((l) => l === 1)).toBe(true);
  });

  it('does not lift it in a region that does not', () => {
    const r = forecastSeries({ history, startDate: start, region: 'NORTH', horizon: 10 });
    expect(r.festivalLift.every((l) => l === 1)).toBe(true);
  });
});

describe('batch and hierarchy', () => {
  it('returns an error entry for a bad item without failing the chunk', () => {
    const out = forecastBatch([
      { key: 'a', input: { history: [1, 2], startDate: START, region: 'NORTH', horizon: 7 } },
      { key: 'b', input: { history: [1, 2], startDate: 'nope', region: 'NORTH', horizon: 7 } },
    ]);
    expect(out[0]!.ok).toBe(true);
    expect(out[1]).toMatchObject({ key: 'b', ok: false, error: expect.stringMatching(/startDate/) });
  });

  it('forecasts every store, by recent shares or directly, chosen by backtest', () => {
    const [a, b] = generateRetailSeries({ count: 2, days: 420, seed: 7, endDate: '2026-11-30' });
    const noisy = a!.values;
    const steady = b!.values.map((_, t) => 5 + (t % 7));
    const r = forecastHierarchy({
      stores: [
        { storeId: 's1', history: noisy },
        { storeId: 's2', history: steady },
        { storeId: 's3', history: noisy.slice(-200) },
      ],
      startDate: a!.startDate,
      region: 'WEST',
      horizon: 30,
    });
    expect(r.stores.map((s) => s.storeId)).toEqual(['s1', 's2', 's3']);
    expect(r.stores.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
    for (const s of r.stores) {
      expect(['DIRECT', 'TOP_DOWN']).toContain(s.path);
      expect(s.forecast.point).toHaveLength(30);
      s.forecast.point.forEach((p, i) => {
        expect(s.forecast.lower95[i]!).toBeLessThanOrEqual(p);
        expect(s.forecast.upper95[i]!).toBeGreaterThanOrEqual(p);
      });
    }
    // The steady store is forecast almost exactly by its own model.
    expect(r.stores[1]!.path).toBe('DIRECT');
    // Property 10: the store open for 200 days stays marked on either path.
    expect(r.stores[2]!.forecast.flags.insufficientHistory).toBe(true);
    expect(r.stores[0]!.forecast.flags.insufficientHistory).toBe(false);
    expect(r.region.point).toHaveLength(30);
  });
});
