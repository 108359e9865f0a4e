// The Inventory screen's pure metrics: category totals are the sums of their SKUs' levels
// at the location (Property 9), the status filter partitions the rows, turnover follows
// Property 6 with today's level standing in for the average, and a threshold typed,
// saved and read back is the same threshold (Property 7).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, isoDate } from '../../shared/calendar/dates.ts';
import { stockStatus } from '../../shared/metrics/inventory.ts';
import {
  inventoryView,
  unitsSoldByLevel,
  type InventoryFilter,
  type LevelDoc,
  type ThresholdDoc,
} from '../../shared/metrics/inventory-view.ts';
import {
  checkThresholds,
  thresholdDoc,
  thresholdText,
  thresholdValuesOf,
} from '../../shared/metrics/thresholds.ts';

const F = 'Feature: bharat-retail-market-intelligence';
const SKUS = ['RICE-1', 'ATTA-5', 'MILK-1', 'CURD-1', 'SOAP-2'];
const PRODUCTS = {
  'RICE-1': { name: 'Basmati rice', category: 'Staples', unitPricePaise: 12_000 },
  'ATTA-5': { name: 'Atta 5 kg', category: 'Staples', unitPricePaise: 26_000 },
  'MILK-1': { name: 'Milk 1 L', category: 'Dairy', unitPricePaise: 6_600 },
  'CURD-1': { name: 'Curd', category: 'Dairy', unitPricePaise: 4_000 },
};
const level = fc.record({
  store_id: fc.constantFrom('S1', 'S2'),
  sku: fc.constantFrom(...SKUS),
  quantity: fc.integer({ min: -5, max: 500 }),
}) satisfies fc.Arbitrary<LevelDoc>;
const levels = fc.uniqueArray(level, { selector: (l) => `${l.store_id}|${l.sku}`, maxLength: 10 });
const threshold = fc
  .record({
    store_id: fc.constantFrom('S1', 'S2'),
    sku: fc.constantFrom(...SKUS),
    r: fc.integer({ min: 0, max: 100 }),
    gap: fc.integer({ min: 1, max: 300 }),
  })
  .map((t): ThresholdDoc => ({
    store_id: t.store_id,
    sku: t.sku,
    reorder_threshold: t.r,
    overstock_threshold: t.r + t.gap,
  }));
const filter = fc.record({
  status: fc.constantFrom('ALL' as const, 'LOW' as const, 'OK' as const, 'OVERSTOCK' as const),
  category: fc.constantFrom('ALL', 'Staples', 'Dairy', 'Uncategorised'),
  search: fc.constantFrom('', 'rice', 'ATTA', 'zzz'),
  store: fc.constantFrom('ALL', 'S1', 'S2'),
}) satisfies fc.Arbitrary<InventoryFilter>;

describe('inventory view', () => {
  it(`${F}, Property 9: Inventory Aggregation by Category — per category and location, the sum of its SKUs' levels`, () => {
    fc.assert(
      fc.property(levels, fc.array(threshold, { maxLength: 6 }), filter, (ls, ts, f) => {
        const v = inventoryView({ levels: ls, thresholds: ts, products: PRODUCTS, filter: f, limit: 100 });
        const here = ls.filter((l) => f.store === 'ALL' || l.store_id === f.store);
        for (const c of v.categoryTotals) {
          const of = here.filter(
            (l) => (PRODUCTS[l.sku as keyof typeof PRODUCTS]?.category ?? 'Uncategorised') === c.category,
          );
          expect(c.units).toBe(of.reduce((s, l) => s + l.quantity, 0));
          expect(c.skuCount).toBe(of.length);
        }
        expect(v.categoryTotals.reduce((s, c) => s + c.skuCount, 0)).toBe(here.length);
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 4: Threshold-Based Alert Generation — status per row and the status filter partition the matches`, () => {
    fc.assert(
      fc.property(levels, fc.array(threshold, { maxLength: 6 }), filter, (ls, ts, f) => {
        const all = inventoryView({
          levels: ls,
          thresholds: ts,
          products: PRODUCTS,
          filter: { ...f, status: 'ALL' },
          limit: 100,
        });
        expect(all.matching).toBe(all.counts.LOW + all.counts.OK + all.counts.OVERSTOCK);
        for (const row of all.rows) {
          const t = ts.findLast((x) => x.store_id === row.storeId && x.sku === row.sku);
          const expected = t
            ? stockStatus(row.level, {
                reorderThreshold: t.reorder_threshold,
                overstockThreshold: t.overstock_threshold,
              })
            : row.level <= 0
              ? 'LOW'
              : 'OK';
          expect(row.status).toBe(expected);
        }
        const only = inventoryView({ levels: ls, thresholds: ts, products: PRODUCTS, filter: f, limit: 100 });
        expect(only.rows.every((r) => f.status === 'ALL' || r.status === f.status)).toBe(true);
        expect(only.matching).toBe(f.status === 'ALL' ? all.matching : all.counts[f.status]);
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 6: Turnover Ratio Calculation — units sold in the window / today's level`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 90 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 400 }),
        (units, days, qty) => {
          const start = '2026-09-05';
          const today = isoDate(epochDay(start) + units.length - 1);
          const sold = unitsSoldByLevel(
            [{ store_id: 'S1', sku: 'RICE-1', start_date: start, units }],
            today,
            days,
          );
          const expectedSold = units.slice(Math.max(0, units.length - days)).reduce((a, b) => a + b, 0);
          expect(sold['S1|RICE-1']).toBe(expectedSold);
          const v = inventoryView({
            levels: [{ store_id: 'S1', sku: 'RICE-1', quantity: qty }],
            thresholds: [],
            products: PRODUCTS,
            unitsSold: sold,
            filter: { status: 'ALL', category: 'ALL', search: '', store: 'ALL' },
            limit: 10,
          });
          expect(v.rows[0]?.turnover).toEqual(qty > 0 ? expectedSold / qty : null);
        },
      ),
    );
  });

  it(`${F}, Property 7: Configuration Persistence Round-Trip — a valid threshold typed, saved and read back is unchanged`, () => {
    const qty = fc.integer({ min: 0, max: 99_999_999 }).map((n) => n / 1000);
    fc.assert(
      fc.property(
        qty,
        qty,
        fc.constantFrom('S1', 'ST-0001'),
        fc.constantFrom('RICE-1', 'ATTA-5'),
        (x, y, store, sku) => {
          fc.pre(x !== y);
          const [reorder, overstock] = x < y ? [x, y] : [y, x];
          const checked = checkThresholds(thresholdText(reorder), thresholdText(overstock));
          expect(checked).toEqual({ ok: true, value: { reorder, overstock } });
          if (!checked.ok) return;
          const doc = thresholdDoc(store, sku, checked.value, { rev: 7, updated_by: 'u' });
          const stored = JSON.parse(JSON.stringify(doc)) as typeof doc;
          expect(thresholdValuesOf(stored)).toEqual({ reorder, overstock });
          expect(stored).toMatchObject({ id: `${store}|${sku}`, store_id: store, sku, rev: 7 });
          // Read back into the editor and saved again: still the same.
          const again = checkThresholds(
            thresholdText(stored.reorder_threshold),
            thresholdText(stored.overstock_threshold),
          );
          expect(again).toEqual(checked);
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 7: Configuration Persistence Round-Trip — invalid thresholds are refused with a message, never saved`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, b) => {
        const c = checkThresholds(String(a), String(b));
        if (b > a) expect(c.ok).toBe(true);
        else
          expect(c).toEqual({
            ok: false,
            errors: { overstock: `Overstock level must be above the reorder level (${a}).` },
          });
      }),
    );
    expect(checkThresholds('-1', '5')).toEqual({
      ok: false,
      errors: { reorder: 'Reorder level cannot be negative.' },
    });
    expect(checkThresholds('', 'abc')).toEqual({
      ok: false,
      errors: {
        reorder: 'Reorder level is required.',
        overstock: 'Overstock level must be a number, e.g. 12 or 12.5.',
      },
    });
    expect(checkThresholds('1.2345', '9')).toEqual({
      ok: false,
      errors: { reorder: 'Reorder level can have at most 3 decimals.' },
    });
  });
});
