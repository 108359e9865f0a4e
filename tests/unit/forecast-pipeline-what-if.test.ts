// On-device what-if (issue 9 item 5): the shared core's forecast with a planned promotion
// applied, through the client's main-thread fallback (Node has no module Worker).
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { forecastSeries } from '../../shared/forecasting/forecast-series.ts';
import { createForecastClient } from '../../web/workers-client/forecast.client.ts';
import { forecastWhatIf, WhatIfError } from '../../shared/forecasting/what-if.ts';

const START = '2025-10-16';
const history = Array.from({ length: 400 }, (_, t) => 8 + (t % 7 === 5 ? 5 : 0) + (t % 4));
const first = addDays(START, 400);
const base = { history, startDate: START, region: 'NORTH', horizon: 14 };

describe('forecastWhatIf', () => {
  it('is the nightly forecast when no promotion is planned', () => {
    const r = forecastWhatIf(base);
    expect(r.baseline).toEqual(forecastSeries(base));
    expect(r.scenario.point).toEqual(r.baseline.point);
    expect(r).toMatchObject({ promotionDays: [], extraUnits: 0 });
  });

  it('scales the promotion days, point and intervals alike, and counts the extra units', () => {
    const promotion = { from: addDays(first, 2), to: addDays(first, 4), upliftPercent: 50 };
    const r = forecastWhatIf({ ...base, promotion });
    expect(r.promotionDays).toEqual([2, 3, 4]);
    for (let d = 0; d < 14; d++) {
      const f = d >= 2 && d <= 4 ? 1.5 : 1;
      expect(r.scenario.point[d]).toBeCloseTo(r.baseline.point[d]! * f, 9);
      expect(r.scenario.upper95[d]).toBeCloseTo(r.baseline.upper95[d]! * f, 9);
      expect(r.scenario.lower80[d]).toBeCloseTo(r.baseline.lower80[d]! * f, 9);
    }
    const promoUnits = [2, 3, 4].reduce((s, d) => s + r.baseline.point[d]!, 0);
    expect(r.extraUnits).toBeCloseTo(0.5 * promoUnits, 9);
  });

  it('rejects an impossible promotion with a specific message', () => {
    expect(() =>
      forecastWhatIf({ ...base, promotion: { from: first, to: first, upliftPercent: -150 } }),
    ).toThrow(new WhatIfError('promotion.upliftPercent must be a number from -100 to 1000, got -150'));
    expect(() =>
      forecastWhatIf({ ...base, promotion: { from: addDays(first, 3), to: first, upliftPercent: 10 } }),
    ).toThrow(/is before promotion.from/);
    expect(() =>
      forecastWhatIf({ ...base, promotion: { from: 'soon', to: first, upliftPercent: 10 } }),
    ).toThrow(/^promotion dates: /);
  });
});

describe('createForecastClient', () => {
  it('falls back to the main thread without module workers and answers the same', async () => {
    const client = createForecastClient();
    expect(client.inWorker).toBe(false);
    const promotion = { from: first, to: addDays(first, 1), upliftPercent: 20 };
    await expect(client.forecastWhatIf({ ...base, promotion })).resolves.toEqual(
      forecastWhatIf({ ...base, promotion }),
    );
    client.dispose();
  });
});
