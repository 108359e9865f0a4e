import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageLevel,
  levelKey,
  levelsByCategory,
  levelsFromMovements,
  stockStatus,
  turnoverRatio,
} from '../../shared/metrics/inventory.ts';
import { isStale, priceDifference, STALE_AFTER_MS } from '../../shared/metrics/pricing.ts';

const F = 'Feature: bharat-retail-market-intelligence';
const movement = fc.record({
  sku: fc.constantFrom('RICE-5KG', 'ATTA-10KG', 'MILK-1L'),
  locationId: fc.constantFrom('S1', 'S2', 'W1'),
  delta: fc.integer({ min: -100, max: 500 }),
});

describe('inventory and pricing metrics', () => {
  it(`${F}, Property 5: Inventory Level Accuracy`, () => {
    fc.assert(
      fc.property(fc.array(movement), (ms) => {
        const levels = levelsFromMovements(ms);
        for (const m of ms) {
          const expected = ms
            .filter((x) => x.sku === m.sku && x.locationId === m.locationId)
            .reduce((s, x) => s + x.delta, 0);
          expect(levels.get(levelKey(m.sku, m.locationId))).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 8: Inventory Movement Audit Trail`, () => {
    // Applying movements one by one (the running level) ends where the sum of the trail ends.
    fc.assert(
      fc.property(fc.array(movement), (ms) => {
        const running = new Map<string, number>();
        for (const m of ms)
          running.set(
            levelKey(m.sku, m.locationId),
            (running.get(levelKey(m.sku, m.locationId)) ?? 0) + m.delta,
          );
        expect(levelsFromMovements(ms)).toEqual(running);
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 4: Threshold-Based Alert Generation`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 1000 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 1000 }),
        (level, reorder, over) => {
          const s = stockStatus(level, { reorderThreshold: reorder, overstockThreshold: over });
          if (level <= reorder) expect(s).toBe('LOW');
          else if (over > 0 && level >= over) expect(s).toBe('OVERSTOCK');
          else expect(s).toBe('OK');
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 6: Turnover Ratio Calculation`, () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.array(fc.nat(5_000), { maxLength: 31 }), (sold, daily) => {
        const avg = averageLevel(daily);
        const r = turnoverRatio(sold, avg);
        if (avg <= 0) expect(r).toBeNull();
        else expect(r).toBeCloseTo(sold / avg, 9);
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 9: Inventory Aggregation by Category`, () => {
    const row = fc.record({
      category: fc.constantFrom('Staples', 'Dairy', 'Snacks'),
      level: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(row), (rows) => {
        const by = levelsByCategory(rows);
        for (const [cat, sum] of by)
          expect(sum).toBe(rows.filter((r) => r.category === cat).reduce((s, r) => s + r.level, 0));
        expect([...by.values()].reduce((a, b) => a + b, 0)).toBe(rows.reduce((s, r) => s + r.level, 0));
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 14: Price Difference Calculation`, () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), (ours, theirs) => {
        expect(priceDifference(ours, theirs)).toBe(ours - theirs);
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 16: Stale Data Identification`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * STALE_AFTER_MS }),
        fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
        (age, now) => {
          expect(isStale(now - age, now)).toBe(age > STALE_AFTER_MS);
        },
      ),
      { numRuns: 200 },
    );
  });
});
