import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  growthPercent,
  inRange,
  salesBy,
  totalSales,
  type SaleFact,
  type SalesDimension,
} from '../../shared/metrics/sales.ts';

const F = 'Feature: bharat-retail-market-intelligence';
const fact = fc.record({
  at: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
  storeId: fc.constantFrom('S1', 'S2', 'S3', 'S4'),
  regionId: fc.constantFrom('NORTH', 'SOUTH'),
  category: fc.constantFrom('Staples', 'Dairy', 'Snacks'),
  revenuePaise: fc.integer({ min: 0, max: 10_000_000 }),
  units: fc.integer({ min: 0, max: 500 }),
  transactions: fc.integer({ min: 0, max: 50 }),
}) satisfies fc.Arbitrary<SaleFact>;

describe('sales metrics', () => {
  it(`${F}, Property 1: Sales Aggregation Correctness`, () => {
    fc.assert(
      fc.property(
        fc.array(fact),
        fc.constantFrom<SalesDimension>('storeId', 'regionId', 'category'),
        (facts, dim) => {
          const total = totalSales(facts);
          const grouped = [...salesBy(facts, dim).values()];
          expect(totalSales(grouped)).toEqual(total);
          expect(total.revenuePaise).toBe(facts.reduce((s, f) => s + f.revenuePaise, 0));
          for (const [k, t] of salesBy(facts, dim)) {
            expect(t.units).toBe(facts.filter((f) => f[dim] === k).reduce((s, f) => s + f.units, 0));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 2: Date Range Filtering Accuracy`, () => {
    fc.assert(
      fc.property(
        fc.array(fact),
        fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
        fc.integer({ min: 0, max: 90 * 86_400_000 }),
        (facts, from, span) => {
          const range = { from, to: from + span };
          const got = inRange(facts, range);
          expect(got.every((f) => f.at >= range.from && f.at < range.to)).toBe(true);
          const excluded = facts.filter((f) => !got.includes(f));
          expect(excluded.every((f) => f.at < range.from || f.at >= range.to)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 3: Period-Over-Period Growth Calculation`, () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e9, max: 1e9 }),
        fc.double({ noNaN: true, min: -1e9, max: 1e9 }),
        (cur, prev) => {
          const g = growthPercent(cur, prev);
          if (prev === 0) expect(g).toBeNull();
          else expect(g).toBeCloseTo(((cur - prev) / prev) * 100, 6);
        },
      ),
      { numRuns: 200 },
    );
    expect(growthPercent(Number.NaN, 1)).toBeNull();
    expect(growthPercent(150, 100)).toBe(50);
  });
});
