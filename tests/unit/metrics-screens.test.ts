// Examples for the dashboards' pure metrics where a property would restate the code: IST
// hours and days of the hourly rollup, custom-range messages, and the metrics client's
// main-thread fallback giving the same answers as the pure functions.
import { describe, expect, it } from 'vitest';
import { checkCustomRange, presetRange } from '../../shared/metrics/day-range.ts';
import { hourlyCurve, hourlyDayTotals, istHour } from '../../shared/metrics/sales-sources.ts';
import { hourlyComparison, inventoryScreen, viewWindow } from '../../shared/metrics/screens.ts';
import { salesFromPacks } from '../../shared/metrics/sales-packs.ts';
import { createMetricsClient } from '../../web/workers-client/metrics.client.ts';

const hours = [
  { hour_start: '2026-12-02T18:30:00+00:00', revenue: 10.5, units: 1, transaction_count: 1 }, // 00:00 IST 3 Dec
  { hour_start: '2026-12-03T03:30:00Z', revenue: 100, units: 3, transaction_count: 4 }, // 09:00 IST
  { hour_start: '2026-12-03T18:29:00Z', revenue: 7, units: 1, transaction_count: 1 }, // 23:59 IST
  { hour_start: '2026-12-03T18:30:00Z', revenue: 99, units: 1, transaction_count: 1 }, // 00:00 IST 4 Dec
  { hour_start: 'not a time', revenue: 1, units: 1, transaction_count: 1 },
];

describe('hourly rollup in IST', () => {
  it('puts each hour on its IST business day and hour', () => {
    expect(istHour(Date.parse('2026-12-03T03:30:00Z'))).toBe(9);
    expect(istHour(Date.parse('2026-12-02T18:30:00Z'))).toBe(0);
    const days = hourlyDayTotals(hours);
    expect(days.get('2026-12-03')).toEqual({ revenuePaise: 11_750, units: 5, transactions: 6 });
    expect(days.get('2026-12-04')).toEqual({ revenuePaise: 9_900, units: 1, transactions: 1 });
    const curve = hourlyCurve(hours, '2026-12-03');
    expect(curve[0]).toBe(1_050);
    expect(curve[9]).toBe(10_000);
    expect(curve[23]).toBe(700);
    expect(curve.reduce((a, b) => a + b, 0)).toBe(11_750);
  });

  it('compares today with the same weekday last week up to this hour', () => {
    const c = hourlyComparison(
      [
        { hour_start: '2026-12-03T03:30:00Z', revenue: 150, units: 1, transaction_count: 1 },
        { hour_start: '2026-11-26T03:30:00Z', revenue: 100, units: 1, transaction_count: 1 },
        { hour_start: '2026-11-26T12:30:00Z', revenue: 900, units: 1, transaction_count: 1 },
      ],
      '2026-12-03',
      Date.parse('2026-12-03T04:10:00Z'), // 09:40 IST: hours 0..9 count
    );
    expect(c.hoursElapsed).toBe(10);
    expect([c.todaySoFarPaise, c.lastWeekSoFarPaise, c.growth]).toEqual([15_000, 10_000, 50]);
  });
});

describe('date ranges', () => {
  it('reads the range, the period before it, today and a week ago', () => {
    expect(viewWindow(presetRange('7d', '2026-12-03'), '2026-12-03')).toEqual({
      from: '2026-11-20',
      to: '2026-12-03',
    });
    expect(viewWindow(presetRange('today', '2026-12-03'), '2026-12-03')).toEqual({
      from: '2026-11-26',
      to: '2026-12-03',
    });
  });

  it('says what is wrong with a custom range', () => {
    const check = (f: string, t: string) => checkCustomRange(f, t, '2026-09-05', '2026-12-03');
    expect(check('2026-11-01', '2026-11-07')).toEqual({
      ok: true,
      range: { from: '2026-11-01', to: '2026-11-07' },
    });
    expect(check('', '2026-11-07')).toEqual({
      ok: false,
      message: 'Start date is missing or not a date (use YYYY-MM-DD).',
    });
    expect(check('2026-02-30', '2026-11-07')).toEqual({
      ok: false,
      message: 'Start date 2026-02-30 is not a calendar date.',
    });
    expect(check('2026-11-08', '2026-11-07')).toEqual({
      ok: false,
      message: 'Start date must be on or before the end date.',
    });
    expect(check('2026-11-01', '2026-12-04')).toEqual({
      ok: false,
      message: 'End date cannot be after today (2026-12-03).',
    });
    expect(check('2026-09-04', '2026-11-07')).toEqual({
      ok: false,
      message: 'This device keeps sales from 2026-09-05 on: pick a later start date.',
    });
  });
});

describe('average transaction value across a change of basket counting', () => {
  // A region's packs: one category, and the '*' whole-day pack with baskets counted once,
  // which only the last 7 days have (older history has per-category counts only).
  const days = 14;
  const pack = (category: string, transactions: (i: number) => number) => ({
    key: 'NORTH',
    category,
    start_date: '2026-11-20',
    revenue: Array.from({ length: days }, () => 1000),
    units: Array.from({ length: days }, () => 10),
    transactions: Array.from({ length: days }, (_, i) => transactions(i)),
  });
  const packs = [pack('Staples', () => 10), pack('*', (i) => (i >= 7 ? 4 : 0))];

  it('gives no ATV growth when this period counts baskets once and the one before per category', () => {
    const { view } = salesFromPacks({
      packs,
      range: { from: '2026-11-27', to: '2026-12-03' },
      today: '2026-12-03',
      drill: null,
    });
    expect(view.transactionsExact).toBe(true);
    expect(view.previousTransactionsExact).toBe(false);
    expect(view.atvPaise).toBe(25_000); // ₹1,000 over 4 baskets a day
    expect(view.previousAtvPaise).toBe(10_000); // per category basket: not comparable
    expect(view.growth.atv).toBeNull();
    expect(view.growth.revenue).toBe(0);
  });

  it('compares ATV when both periods count baskets once', () => {
    const { view } = salesFromPacks({
      packs: [pack('Staples', () => 10), pack('*', () => 4)],
      range: { from: '2026-11-27', to: '2026-12-03' },
      today: '2026-12-03',
      drill: null,
    });
    expect(view.previousTransactionsExact).toBe(true);
    expect(view.growth.atv).toBe(0);
  });
});

describe('metrics client', () => {
  it('falls back to the main thread without Worker and answers like the pure functions', async () => {
    const client = createMetricsClient();
    expect(client.inWorker).toBe(false);
    const input = {
      packs: [
        {
          key: 'NORTH',
          category: 'Dairy',
          start_date: '2026-12-02',
          revenue: [0, 12.34],
          units: [0, 2],
          transactions: [0, 1],
        },
        {
          key: 'NORTH',
          category: '*',
          start_date: '2026-12-02',
          revenue: [0, 12.34],
          units: [0, 2],
          transactions: [0, 1],
        },
      ],
      range: presetRange('7d', '2026-12-03'),
      today: '2026-12-03',
      drill: null,
    };
    expect(await client.salesFromPacks(input)).toEqual(salesFromPacks(input));
    const inv = {
      levels: [{ store_id: 'S1', sku: 'A', quantity: 3 }],
      thresholds: [],
      products: {},
      today: '2026-12-03',
      turnoverDays: 30,
      filter: { status: 'ALL' as const, category: 'ALL', search: '', store: 'ALL' },
      limit: 10,
    };
    expect(await client.inventoryScreen(inv)).toEqual(inventoryScreen(inv));
    client.dispose();
  });
});
