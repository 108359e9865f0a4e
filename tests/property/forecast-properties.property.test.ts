// Properties 10–13 of the design as pure properties of shared/forecasting, plus interval
// sanity, scale invariance and totality.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../../shared/forecasting/forecast-series.ts';
import { forecastBatch } from '../../shared/forecasting/batch.ts';
import { accuracyPercent } from '../../shared/forecasting/accuracy.ts';
import { isForecastFresh, FORECAST_MAX_AGE_MS } from '../../shared/forecasting/freshness.ts';
import { MIN_HISTORY_DAYS, type ForecastResult } from '../../shared/forecasting/types.ts';
import { mulberry32 } from '../../shared/forecasting/rng.ts';
import { EMPTY_CALENDAR, INDIA_FESTIVALS } from '../../shared/calendar/festivals.ts';
import { REGION_CODES } from '../../shared/calendar/regions.ts';
import { epochDay, isoDate } from '../../shared/calendar/dates.ts';

const TAG = 'Feature: bharat-retail-market-intelligence';
const RUNS = { numRuns: 100 };

/** Retail-like daily series from a few drawn parameters (deterministic given them). */
const retailSeries = (minDays: number, maxDays: number) =>
  fc
    .record({
      days: fc.integer({ min: minDays, max: maxDays }),
      level: fc.double({ min: 0.05, max: 80, noNaN: true }),
      weekly: fc.array(fc.double({ min: 0.3, max: 1.8, noNaN: true }), { minLength: 7, maxLength: 7 }),
      zeroShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
      seed: fc.integer(),
    })
    .map(({ days, level, weekly, zeroShare, seed }) => {
      const rng = mulberry32(seed);
      return Array.from({ length: days }, (_, t) =>
        rng() < zeroShare ? 0 : Math.round(level * weekly[t % 7]! * (0.5 + rng())),
      );
    });

const region = fc.constantFrom(...REGION_CODES);
const startDate = fc.integer({ min: epochDay('2023-01-01'), max: epochDay('2025-06-30') }).map(isoDate);

function bandsOrdered(r: ForecastResult): boolean {
  return r.point.every(
    (p, i) =>
      0 <= r.lower95[i]! &&
      r.lower95[i]! <= r.lower80[i]! + 1e-9 &&
      r.lower80[i]! <= p + 1e-9 &&
      p <= r.upper80[i]! + 1e-9 &&
      r.upper80[i]! <= r.upper95[i]! + 1e-9,
  );
}

describe('forecasting properties', () => {
  it(`${TAG}, Property 10: Forecast Historical Data Requirement`, () => {
    fc.assert(
      fc.property(retailSeries(0, 450), startDate, region, (history, start, reg) => {
        const r = forecastSeries({ history, startDate: start, region: reg, horizon: 7 });
        // A model forecast only from ≥ 12 months; younger series are marked and use FALLBACK.
        expect(r.flags.insufficientHistory).toBe(history.length < MIN_HISTORY_DAYS);
        expect(r.model === 'FALLBACK').toBe(history.length < MIN_HISTORY_DAYS);
        expect(r.diagnostics.historyDays).toBe(history.length);
      }),
      RUNS,
    );
  });

  it(`${TAG}, Property 11: Forecast Generation Completeness`, () => {
    const item = fc.record({
      sku: fc.string(),
      store: fc.string(),
      region,
      history: retailSeries(0, 420),
      start: startDate,
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 5 }), (items) => {
        for (const horizon of [7, 30]) {
          const out = forecastBatch(
            items.map((it, i) => ({
              key: i,
              input: { history: it.history, startDate: it.start, region: it.region, horizon },
            })),
          );
          expect(out.map((o) => o.key)).toEqual(items.map((_, i) => i));
          for (const o of out) {
            if (!o.ok) throw new Error(o.error);
            expect(o.result.point).toHaveLength(horizon);
            expect([...o.result.point, ...o.result.upper95].every(Number.isFinite)).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it(`${TAG}, Property 11: Forecast Generation Completeness (region-specific festival variation)`, () => {
    const regional = INDIA_FESTIVALS.filter((f) => f.regions !== 'ALL');
    fc.assert(
      fc.property(
        fc.constantFrom(...regional),
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: 2, max: 3.5, noNaN: true }),
        (festival, level, spike) => {
          // A flat series with a spike on last year's main day, forecast over this year's.
          const main = epochDay(festival.dates[2026]!);
          const last = epochDay(festival.dates[2025]!);
          const start = main - 420;
          const history = Array.from({ length: 415 }, (_, t) => (start + t === last ? level * spike : level));
          const celebrates = festival.regions as readonly string[];
          const other = REGION_CODES.find((r) => !celebrates.includes(r))!;
          const at = (reg: string) =>
            forecastSeries({ history, startDate: isoDate(start), region: reg, horizon: 10 }).festivalLift[
              main - (start + 415)
            ]!;
          expect(at(celebrates[0]!)).toBeGreaterThan(1);
          // Only nationwide festivals can touch the other region on that day.
          expect(at(other)).toBeLessThanOrEqual(at(celebrates[0]!));
        },
      ),
      RUNS,
    );
  });

  it(`${TAG}, Property 12: Forecast Accuracy Calculation`, () => {
    const value = fc.oneof(fc.constant(0), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { maxLength: 60 }), (pairs) => {
        const forecast = pairs.map(([f]) => f);
        const actual = pairs.map(([, a]) => a);
        const used = pairs.filter(([, a]) => a !== 0);
        const expected =
          used.length === 0
            ? null
            : 100 - (used.reduce((s, [f, a]) => s + Math.abs((a - f) / a), 0) / used.length) * 100;
        const got = accuracyPercent(forecast, actual);
        if (expected === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(expected, 6);
      }),
      RUNS,
    );
  });

  it(`${TAG}, Property 13: Daily Forecast Updates`, () => {
    const t = fc.integer({ min: 0, max: 4_000_000_000_000 });
    fc.assert(
      fc.property(t, t, (generatedAt, now) => {
        const age = now - generatedAt;
        expect(isForecastFresh(generatedAt, now)).toBe(age >= 0 && age <= FORECAST_MAX_AGE_MS);
      }),
      RUNS,
    );
  });

  it(`${TAG}: prediction intervals contain the point forecast and widen with the horizon`, () => {
    fc.assert(
      fc.property(retailSeries(365, 430), startDate, (history, start) => {
        const r = forecastSeries({
          history,
          startDate: start,
          region: 'NORTH',
          horizon: 30,
          calendar: EMPTY_CALENDAR,
        });
        expect(bandsOrdered(r)).toBe(true);
        const width = (i: number) => r.upper95[i]! - r.lower95[i]!;
        const unclamped = (i: number) => r.lower95[i]! > 0;
        for (let i = 7; i < 30; i++) {
          // Same weekday a week later is never more certain (lower bounds clamped at 0 aside).
          if (unclamped(i) && unclamped(i - 7))
            expect(width(i)).toBeGreaterThanOrEqual(width(i - 7) * (1 - 1e-9));
        }
        if (!r.model.endsWith(',M)')) {
          // Additive models: the half-width itself never shrinks (where the point forecast
          // was not clamped at 0: a negative raw point is shown as 0, which narrows the
          // distance to the upper bound without the interval changing).
          for (let i = 1; i < 30; i++) {
            if (r.point[i]! <= 0 || r.point[i - 1]! <= 0) continue;
            expect(r.upper95[i]! - r.point[i]!).toBeGreaterThanOrEqual(
              r.upper95[i - 1]! - r.point[i - 1]! - 1e-9 * (1 + r.upper95[i]!),
            );
          }
        }
      }),
      RUNS,
    );
  });

  it(`${TAG}: forecasts are invariant to scaling, forecast(k·y) = k·forecast(y)`, () => {
    fc.assert(
      fc.property(
        retailSeries(300, 420),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        startDate,
        region,
        (history, k, start, reg) => {
          const input = { startDate: start, region: reg, horizon: 14 };
          const a = forecastSeries({ ...input, history });
          const b = forecastSeries({ ...input, history: history.map((v) => v * k) });
          expect(b.model).toBe(a.model);
          for (const key of ['point', 'lower80', 'upper80', 'lower95', 'upper95'] as const) {
            a[key].forEach((v, i) =>
              expect(Math.abs(b[key][i]! - k * v)).toBeLessThanOrEqual(1e-6 * (1 + k * Math.abs(v))),
            );
          }
        },
      ),
      RUNS,
    );
  });

  it(`${TAG}: totality — empty, constant, all-zero, short and non-finite histories give finite results`, () => {
    const wild = fc.oneof(
      fc.double(), // includes NaN, ±Infinity, -0 and huge values
      fc.constantFrom(0, 1, NaN, Infinity, -Infinity, -5, 1e300),
    );
    const history = fc.oneof(
      fc.array(wild, { maxLength: 40 }),
      fc.array(wild, { minLength: 365, maxLength: 400 }),
      fc
        .tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 420 }))
        .map(([v, n]) => Array(n).fill(v)),
    );
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 40 }), region, (h, horizon, reg) => {
        const r = forecastSeries({ history: h, startDate: '2025-01-01', region: reg, horizon });
        for (const key of ['point', 'lower80', 'upper80', 'lower95', 'upper95', 'festivalLift'] as const) {
          expect(r[key]).toHaveLength(horizon);
          expect(r[key].every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
        }
        expect(bandsOrdered(r)).toBe(true);
      }),
      RUNS,
    );
  });
});
