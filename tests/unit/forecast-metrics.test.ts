import { describe, expect, it } from 'vitest';
import {
  accuracyPercent,
  isAccuracyBelowThreshold,
  mape,
  totalAccuracyPercent,
} from '../../shared/forecasting/accuracy.ts';
import { coverage, mase, naiveScale, wape } from '../../shared/forecasting/error-metrics.ts';
import { rollingOrigin } from '../../shared/forecasting/backtest.ts';
import { isForecastFresh, staleForecasts, FORECAST_MAX_AGE_MS } from '../../shared/forecasting/freshness.ts';

describe('accuracy = 100 − MAPE (Property 12)', () => {
  it('averages percentage errors over non-zero actuals only', () => {
    // Day 3 has actual 0: left out. MAPE = (10% + 10%) / 2 = 10.
    expect(mape([90, 110, 5], [100, 100, 0])).toBeCloseTo(10, 12);
    expect(accuracyPercent([90, 110, 5], [100, 100, 0])).toBeCloseTo(90, 12);
  });

  it('is null when no actual is non-zero, and may go negative', () => {
    expect(accuracyPercent([1, 2], [0, 0])).toBeNull();
    expect(accuracyPercent([], [])).toBeNull();
    expect(accuracyPercent([30], [10])).toBeCloseTo(-100, 12);
  });

  it('skips non-finite pairs', () => {
    expect(accuracyPercent([NaN, 50], [10, 100])).toBeCloseTo(50, 12);
  });

  it('on horizon totals compares sums', () => {
    expect(totalAccuracyPercent([5, 5, 0], [0, 8, 2])).toBe(100);
  });

  it('raises FORECAST_ACCURACY only for a known accuracy below the threshold', () => {
    expect(isAccuracyBelowThreshold(59.9, 60)).toBe(true);
    expect(isAccuracyBelowThreshold(60, 60)).toBe(false);
    expect(isAccuracyBelowThreshold(null, 60)).toBe(false);
  });
});

describe('WAPE, MASE, coverage', () => {
  it('WAPE = Σ|A − F| / Σ|A|', () => {
    expect(wape([90, 110, 5], [100, 100, 0])).toBeCloseTo(25 / 200, 12);
    expect(wape([1], [0])).toBeNull();
  });

  it('MASE scales by the in-sample seasonal-naive MAE', () => {
    // History of 14 days with every weekly difference = 2 → scale 2; MAE 3 → MASE 1.5.
    const history = [...Array(7).fill(1), ...Array(7).fill(3)];
    expect(naiveScale(history)).toBe(2);
    expect(mase([4, 6], [1, 3], history)).toBe(1.5);
    expect(mase([1], [1], Array(14).fill(5))).toBeNull();
  });

  it('coverage counts actuals inside inclusive bounds', () => {
    expect(coverage([0, 1, 2], [1, 2, 3], [1, 5, 2])).toBeCloseTo(2 / 3, 12);
  });
});

describe('rolling-origin backtest', () => {
  it('cuts non-overlapping folds ending at the last day', () => {
    const y = Array.from({ length: 20 }, (_, i) => i);
    const folds = rollingOrigin(y, { origins: 3, horizon: 5 }, (h) => h.length);
    expect(folds.map((f) => f.origin)).toEqual([5, 10, 15]);
    expect(folds[2]!.actual).toEqual([15, 16, 17, 18, 19]);
    expect(folds[0]!.forecast).toBe(5);
  });

  it('skips origins before the start of the history', () => {
    expect(rollingOrigin([1, 2, 3], { origins: 2, horizon: 2 }, () => 0).map((f) => f.origin)).toEqual([1]);
  });
});

describe('forecast freshness (Property 13)', () => {
  const now = 1_800_000_000_000;
  it('is fresh up to exactly 24 hours old', () => {
    expect(isForecastFresh(now - FORECAST_MAX_AGE_MS, now)).toBe(true);
    expect(isForecastFresh(now - FORECAST_MAX_AGE_MS - 1, now)).toBe(false);
  });
  it('treats future or non-finite timestamps as stale', () => {
    expect(isForecastFresh(now + 1, now)).toBe(false);
    expect(isForecastFresh(NaN, now)).toBe(false);
    expect(staleForecasts([{ generatedAtMs: now }, { generatedAtMs: 0 }], now)).toEqual([
      { generatedAtMs: 0 },
    ]);
  });
});
