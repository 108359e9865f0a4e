// The Sales screen's pure metrics over generated slices: totals equal the rows they cover
// (Property 1), IST day ranges are inclusive and exact (Property 2), growth is
// ((current − previous) / previous) × 100 against the period just before (Property 3),
// and the SKU series unpack to the same sums as their arrays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, isoDate } from '../../shared/calendar/dates.ts';
import {
  dayCount,
  inDayRange,
  presetRange,
  previousRange,
  type DayRange,
} from '../../shared/metrics/day-range.ts';
import { seriesRows, type SkuSeries } from '../../shared/metrics/sales-sources.ts';
import { salesView, type DailyRow } from '../../shared/metrics/sales-view.ts';

const F = 'Feature: bharat-retail-market-intelligence';
const BASE = epochDay('2026-09-01');
const day = fc.integer({ min: 0, max: 120 }).map((d) => isoDate(BASE + d));
const row = fc.record({
  date: day,
  a: fc.constantFrom('NORTH', 'SOUTH', 'EAST'),
  b: fc.constantFrom('Staples', 'Dairy', 'Snacks'),
  revenuePaise: fc.integer({ min: 0, max: 50_000_000 }),
  units: fc.integer({ min: 0, max: 5_000 }),
  transactions: fc.integer({ min: 0, max: 900 }),
}) satisfies fc.Arbitrary<DailyRow>;
const range = fc
  .tuple(fc.integer({ min: 30, max: 120 }), fc.integer({ min: 1, max: 31 }))
  .map(([end, n]): DayRange => ({ from: isoDate(BASE + end - n + 1), to: isoDate(BASE + end) }));

const sum = (rows: readonly DailyRow[], k: 'revenuePaise' | 'units' | 'transactions') =>
  rows.reduce((s, r) => s + r[k], 0);

describe('sales view', () => {
  it(`${F}, Property 2: Date Range Filtering Accuracy — inclusive IST business days, nothing in range left out`, () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), range, (rows, r) => {
        const v = salesView({ rows, range: r, today: r.to, drill: null });
        const inside = rows.filter((x) => x.date >= r.from && x.date <= r.to);
        expect(v.current.revenuePaise).toBe(sum(inside, 'revenuePaise'));
        expect(v.current.units).toBe(sum(inside, 'units'));
        // Each day of the range appears once in the trend, and only those days.
        expect(v.daily.map((d) => d.date)).toEqual(
          Array.from({ length: dayCount(r) }, (_, i) => isoDate(epochDay(r.from) + i)),
        );
        expect(v.daily.reduce((s, d) => s + d.revenuePaise, 0)).toBe(v.current.revenuePaise);
        for (const x of rows) expect(inDayRange(x.date, r)).toBe(x.date >= r.from && x.date <= r.to);
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 2: Date Range Filtering Accuracy — presets end today and the previous period adjoins`, () => {
    fc.assert(
      fc.property(day, fc.constantFrom('today' as const, '7d' as const, '30d' as const), (today, p) => {
        const r = presetRange(p, today);
        expect(r.to).toBe(today);
        expect(dayCount(r)).toBe({ today: 1, '7d': 7, '30d': 30 }[p]);
        const prev = previousRange(r);
        expect(dayCount(prev)).toBe(dayCount(r));
        expect(epochDay(prev.to) + 1).toBe(epochDay(r.from));
      }),
    );
  });

  it(`${F}, Property 1: Sales Aggregation Correctness — the breakdown adds up to the totals at every level`, () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 80 }),
        range,
        fc.option(fc.constantFrom('NORTH', 'SOUTH')),
        (rows, r, drill) => {
          const v = salesView({ rows, range: r, today: r.to, drill });
          const rev = v.breakdown.reduce((s, b) => s + b.totals.revenuePaise, 0);
          expect(rev).toBe(v.current.revenuePaise);
          expect(v.breakdown.reduce((s, b) => s + b.previous.revenuePaise, 0)).toBe(v.previous.revenuePaise);
          if (v.current.revenuePaise > 0)
            expect(v.breakdown.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 3: Period-Over-Period Growth Calculation — against the period of the same length just before`, () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), range, (rows, r) => {
        const v = salesView({ rows, range: r, today: r.to, drill: null });
        const prev = previousRange(r);
        const before = sum(
          rows.filter((x) => inDayRange(x.date, prev)),
          'revenuePaise',
        );
        expect(v.previous.revenuePaise).toBe(before);
        if (before === 0) expect(v.growth.revenue).toBeNull();
        else expect(v.growth.revenue).toBeCloseTo(((v.current.revenuePaise - before) / before) * 100, 9);
        const lastWeek = isoDate(epochDay(r.to) - 7);
        const lw = sum(
          rows.filter((x) => x.date === lastWeek),
          'revenuePaise',
        );
        const td = sum(
          rows.filter((x) => x.date === r.to),
          'revenuePaise',
        );
        expect(v.todayVsLastWeek.growth).toEqual(lw === 0 ? null : ((td - lw) / lw) * 100);
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 1: Sales Aggregation Correctness — SKU series unpack to their array sums within the window`, () => {
    const series = fc.record({
      sku: fc.constantFrom('A', 'B', 'C', 'D'),
      start_date: fc.integer({ min: 0, max: 30 }).map((d) => isoDate(BASE + d)),
      units: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 90 }),
      revenue: fc.array(
        fc.integer({ min: 0, max: 99_999 }).map((p) => p / 100),
        { minLength: 90, maxLength: 90 },
      ),
    }) satisfies fc.Arbitrary<SkuSeries>;
    fc.assert(
      fc.property(fc.uniqueArray(series, { selector: (s) => s.sku }), range, (all, r) => {
        const rows = seriesRows(all, { A: 'Staples', B: 'Staples', C: 'Dairy' }, r);
        let units = 0;
        let paise = 0;
        for (const s of all) {
          const start = epochDay(s.start_date);
          for (let i = 0; i < Math.min(s.units.length, s.revenue.length); i++) {
            if (!inDayRange(isoDate(start + i), r)) continue;
            units += s.units[i] ?? 0;
            paise += Math.round((s.revenue[i] ?? 0) * 100);
          }
        }
        expect(rows.reduce((t, x) => t + x.units, 0)).toBe(units);
        expect(rows.reduce((t, x) => t + x.revenuePaise, 0)).toBe(paise);
        expect(rows.every((x) => inDayRange(x.date, r))).toBe(true);
        expect(rows.filter((x) => x.b === 'D').every((x) => x.a === 'Uncategorised')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
