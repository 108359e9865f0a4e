import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../../shared/forecasting/forecast-series.ts';
import { disaggregate, recentShares } from '../../shared/forecasting/disaggregate.ts';
import { mulberry32 } from '../../shared/forecasting/rng.ts';
import { EMPTY_CALENDAR } from '../../shared/calendar/festivals.ts';
import { Z95, type ForecastResult } from '../../shared/forecasting/types.ts';

/** Multiplicative weekly pattern with noise proportional to the level. */
function multiplicativeSeries(seed: number): number[] {
  const rng = mulberry32(seed);
  const shape = [0.5, 0.6, 0.8, 1, 1.2, 1.9, 2];
  return Array.from({ length: 400 }, (_, t) =>
    Math.round((40 + t / 20) * shape[t % 7]! * (0.9 + 0.2 * rng())),
  );
}

describe('simulated intervals for multiplicative seasonality', () => {
  const input = {
    history: multiplicativeSeries(3),
    startDate: '2025-01-01',
    region: 'NORTH',
    horizon: 28,
    calendar: EMPTY_CALENDAR,
    model: 'ETS(A,N,M)' as const,
  };

  it('are reproducible with the same injected seed and differ with another', () => {
    const a = forecastSeries({ ...input, rng: mulberry32(1) });
    const b = forecastSeries({ ...input, rng: mulberry32(1) });
    const c = forecastSeries({ ...input, rng: mulberry32(2) });
    expect(a.model).toBe('ETS(A,N,M)');
    expect(b.upper95).toEqual(a.upper95);
    expect(c.upper95).not.toEqual(a.upper95);
    expect(c.point).toEqual(a.point);
  });

  it('never narrow for the same weekday a week later', () => {
    const r = forecastSeries({ ...input, rng: mulberry32(5) });
    const w = (i: number) => r.upper95[i]! - r.lower95[i]!;
    for (let i = 7; i < 28; i++) expect(w(i)).toBeGreaterThanOrEqual(w(i - 7));
  });
});

describe('top-down disaggregation', () => {
  const region = {
    point: [100],
    upper95: [100 + Z95 * 10],
    lower95: [100 - Z95 * 10],
    upper80: [0],
    lower80: [0],
  } as unknown as ForecastResult;

  it('adds binomial-thinning variance: Var = share²·Var(T) + share(1 − share)·E[T]', () => {
    // share ¼, E[T] = 100, sd(T) = 10: Var = 6.25 + 18.75 = 25, sd 5.
    const r = disaggregate({ ...region, diagnostics: { params: {} } } as unknown as ForecastResult, 0.25);
    expect(r.point[0]).toBeCloseTo(25, 9);
    expect(r.upper95[0]).toBeCloseTo(25 + Z95 * 5, 9);
    expect(r.lower95[0]).toBeCloseTo(25 - Z95 * 5, 9);
  });

  it('shares come from the last 91 days, then all history, then equal', () => {
    const a = Float64Array.from([...Array(30).fill(9), ...Array(91).fill(1)]);
    const b = Float64Array.from(Array(121).fill(3));
    expect(recentShares([a, b])).toEqual([0.25, 0.75]);
    expect(recentShares([Float64Array.from([4, 0]), Float64Array.from([0, 0])], 1)).toEqual([1, 0]);
    expect(recentShares([new Float64Array(3), new Float64Array(3)])).toEqual([0.5, 0.5]);
  });
});
