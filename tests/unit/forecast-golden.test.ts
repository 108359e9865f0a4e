// Golden tests: small series whose answers were computed by hand (working in comments).
import { describe, expect, it } from 'vitest';
import { etsClass1Variance, etsFilter, etsPoint } from '../../shared/forecasting/ets-filter.ts';
import { croston, tsb } from '../../shared/forecasting/croston.ts';
import { seasonalNaive } from '../../shared/forecasting/seasonal-naive.ts';
import { classifyDemand } from '../../shared/forecasting/demand-class.ts';
import { NelderMead } from '../../shared/forecasting/nelder-mead.ts';
import { fillFastNormals, inverseNormal, mulberry32 } from '../../shared/forecasting/rng.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('simple exponential smoothing, ETS(A,N,N) with fixed alpha', () => {
  // y = 10, 12, 11, 13; l0 = 10; α = 0.5
  // e: 0, 2, 0, 2 → l: 10, 11, 11, 12; SSE = 8; forecast 12 flat.
  const p = { alpha: 0.5, beta: 0, gamma: 0, phi: 1 };
  const init = f64([10, 0, 0, 0, 0, 0, 0, 0, 0]);
  const state = new Float64Array(9);

  it('filters to the hand-computed level and SSE', () => {
    expect(etsFilter(f64([10, 12, 11, 13]), 4, 'N', 'N', p, init, state)).toBe(8);
    expect(state[0]).toBe(12);
    const out = new Float64Array(3);
    etsPoint(4, 'N', 'N', p, state, out);
    expect(Array.from(out)).toEqual([12, 12, 12]);
  });

  it('has the class-1 variance σ²(1 + (h−1)α²)', () => {
    // σ² = 4: 4, 4·1.25, 4·1.5
    const v = new Float64Array(3);
    etsClass1Variance('N', 'N', p, 4, v);
    expect(Array.from(v)).toEqual([4, 5, 6]);
  });
});

describe('additive weekly seasonality, ETS(A,N,A)', () => {
  it('forecasts level + seasonal state of the matching weekday', () => {
    // A perfect weekly pattern with matching initial states: every error is 0, so the
    // state never moves and the forecast repeats the pattern from position n mod 7.
    const pattern = [1, 2, 3, 4, 5, 6, 7];
    const y = f64([...pattern, ...pattern].map((s) => 10 + s));
    const init = f64([10, 0, ...pattern]);
    const state = new Float64Array(9);
    const p = { alpha: 0.3, beta: 0, gamma: 0.1, phi: 1 };
    expect(etsFilter(y, 14, 'N', 'A', p, init, state)).toBe(0);
    const out = new Float64Array(9);
    etsPoint(14, 'N', 'A', p, state, out);
    expect(Array.from(out)).toEqual([11, 12, 13, 14, 15, 16, 17, 11, 12]);
  });

  it('adds γ to the variance coefficient once per season', () => {
    // c_j = α + γ·[j mod 7 = 0]; α = 0.1, γ = 0.2, σ² = 1:
    // h = 1..7: 1 + (h−1)·0.01; h = 8: 1 + 6·0.01 + 0.3² = 1.15
    const v = new Float64Array(8);
    etsClass1Variance('N', 'A', { alpha: 0.1, beta: 0, gamma: 0.2, phi: 1 }, 1, v);
    expect(v[0]).toBeCloseTo(1, 12);
    expect(v[6]).toBeCloseTo(1.06, 12);
    expect(v[7]).toBeCloseTo(1.15, 12);
  });
});

describe('Croston, SBA and TSB on a known intermittent series', () => {
  // y = 0,0,3,0,0,0,2,0,4 with α = β = 0.1
  const y = f64([0, 0, 3, 0, 0, 0, 2, 0, 4]);

  it('Croston: sizes 3 → 2.9 → 3.01, intervals 3 → 3.1 → 2.99', () => {
    const fit = croston(y, 0, y.length, false);
    expect(fit.size).toBeCloseTo(3.01, 12);
    expect(fit.rate).toBeCloseTo(3.01 / 2.99, 12);
  });

  it('SBA: Croston × (1 − α/2)', () => {
    expect(croston(y, 0, y.length, true).rate).toBeCloseTo((3.01 / 2.99) * 0.95, 12);
  });

  it('TSB: probability 1/3 → 0.3 → 0.27 → 0.243 → 0.3187 → 0.28683 → 0.358147', () => {
    const fit = tsb(y, 0, y.length);
    expect(fit.probability).toBeCloseTo(0.358147, 6);
    expect(fit.rate).toBeCloseTo(0.358147 * 3.01, 6);
  });

  it('has no demand and a zero rate on an all-zero series', () => {
    expect(croston(f64([0, 0, 0]), 0, 3, true).rate).toBe(0);
    expect(tsb(f64([0, 0, 0]), 0, 3).rate).toBe(0);
  });
});

describe('seasonal naive', () => {
  it('repeats the last week, with a seasonal-random-walk variance', () => {
    // Weekly differences are all +1 → σ² = 1; Var(h) = ⌈h/7⌉.
    const y = f64([1, 2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6, 7, 8]);
    const f = seasonalNaive(y, 14, 9);
    expect(Array.from(f.point)).toEqual([2, 3, 4, 5, 6, 7, 8, 2, 3]);
    expect(Array.from(f.variance)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2]);
  });

  it('repeats what there is when shorter than a week, and 0 when empty', () => {
    expect(Array.from(seasonalNaive(f64([4, 6]), 2, 3).point)).toEqual([4, 6, 4]);
    expect(Array.from(seasonalNaive(f64([]), 0, 2).point)).toEqual([0, 0]);
  });
});

describe('Syntetos–Boylan classification', () => {
  it('computes ADI and CV² of non-zero sizes', () => {
    // 8 days, 4 non-zero (2, 4, 2, 4): ADI = 2, mean 3, variance 1 → CV² = 1/9.
    const s = classifyDemand(f64([2, 0, 4, 0, 2, 0, 4, 0]), 0, 8);
    expect(s.adi).toBe(2);
    expect(s.cv2).toBeCloseTo(1 / 9, 12);
    expect(s.demandClass).toBe('intermittent');
    expect(s.sinceLast).toBe(1);
  });

  it('classifies the four quadrants and no demand', () => {
    expect(classifyDemand(f64([5, 5, 6, 5]), 0, 4).demandClass).toBe('smooth');
    expect(classifyDemand(f64([1, 9, 1, 9]), 0, 4).demandClass).toBe('erratic');
    expect(classifyDemand(f64([1, 0, 0, 20]), 0, 4).demandClass).toBe('lumpy');
    expect(classifyDemand(f64([0, 0]), 0, 2).demandClass).toBe('none');
  });
});

describe('Nelder–Mead', () => {
  it('finds the minimum of a convex quadratic', () => {
    const nm = new NelderMead(2);
    const out = new Float64Array(2);
    const f = (x: Float64Array) => (x[0]! - 1) ** 2 + 3 * (x[1]! + 2) ** 2;
    const v = nm.minimize(f, f64([0, 0]), f64([0.5, 0.5]), out, { maxEvals: 400, tol: 1e-14 });
    expect(out[0]).toBeCloseTo(1, 4);
    expect(out[1]).toBeCloseTo(-2, 4);
    expect(v).toBeLessThan(1e-8);
  });
});

describe('seeded normals for simulated intervals', () => {
  it('inverts the normal CDF to 1e-8', () => {
    expect(inverseNormal(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(inverseNormal(0.9)).toBeCloseTo(1.2815515655446004, 8);
    expect(inverseNormal(0.01)).toBeCloseTo(-2.3263478740408408, 8);
  });

  it('draws reproducible fast normals with mean 0, variance 1 and 95% inside ±1.96', () => {
    const z = new Float64Array(200_000);
    fillFastNormals(mulberry32(11), z);
    const again = new Float64Array(10);
    fillFastNormals(mulberry32(11), again);
    expect(Array.from(again)).toEqual(Array.from(z.subarray(0, 10)));
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + b * b, 0) / z.length;
    const inside = z.filter((v) => Math.abs(v) < 1.96).length / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.01);
    expect(Math.abs(inside - 0.95)).toBeLessThan(0.003);
  });
});
