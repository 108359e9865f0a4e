import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateBatch } from '../../shared/ingest/batch.ts';
import {
  validateCompetitorPrice,
  validateInventoryUpdate,
  validateTransaction,
} from '../../shared/ingest/records.ts';

const F = 'Feature: bharat-retail-market-intelligence';
const NOW = Date.parse('2026-12-03T10:00:00+05:30');
const id = fc.stringMatching(/^[A-Z][A-Z0-9-]{2,15}$/);
const paise = fc.integer({ min: 1, max: 500_000 });
const iso = fc.integer({ min: NOW - 30 * 86_400_000, max: NOW }).map((t) => new Date(t).toISOString());

/** Valid transactions, built so totals match exactly. */
const transaction = fc
  .record({
    transactionId: id,
    storeId: id,
    timestamp: iso,
    lines: fc.array(fc.record({ sku: id, quantity: fc.integer({ min: 1, max: 12 }), unit: paise }), {
      minLength: 1,
      maxLength: 8,
    }),
    customerId: fc.option(id, { nil: undefined }),
  })
  .map(({ lines, customerId, ...t }) => {
    const items = lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unit / 100,
      totalPrice: (l.quantity * l.unit) / 100,
    }));
    const total = lines.reduce((s, l) => s + l.quantity * l.unit, 0) / 100;
    return { ...t, items, totalAmount: total, source: 'pos', ...(customerId ? { customerId } : {}) };
  });

/** Ways to break a valid transaction, each with the field it must be reported under. */
const breakages: readonly [string, (t: Record<string, unknown>) => void][] = [
  ['transactionId', (t) => delete t['transactionId']],
  ['storeId', (t) => (t['storeId'] = 42)],
  ['timestamp', (t) => (t['timestamp'] = '03/12/2026 10:00')],
  ['timestamp', (t) => (t['timestamp'] = '2099-01-01T00:00:00Z')],
  ['items', (t) => (t['items'] = [])],
  ['items[0].quantity', (t) => ((t['items'] as Record<string, unknown>[])[0]!['quantity'] = -1)],
  ['items[0].unitPrice', (t) => ((t['items'] as Record<string, unknown>[])[0]!['unitPrice'] = 'ten')],
  ['items[0].sku', (t) => ((t['items'] as Record<string, unknown>[])[0]!['sku'] = '')],
  ['totalAmount', (t) => (t['totalAmount'] = (t['totalAmount'] as number) + 5)],
  ['source', (t) => delete t['source']],
];

describe('ingestion validation', () => {
  it(`${F}, Property 39: API Input Validation — valid records pass, each breakage is reported on its field`, () => {
    fc.assert(
      fc.property(transaction, fc.integer({ min: 0, max: breakages.length - 1 }), (t, b) => {
        expect(validateTransaction(t, 0, NOW)).toMatchObject({ ok: true });
        const broken = structuredClone(t) as Record<string, unknown>;
        const [field, breakIt] = breakages[b]!;
        breakIt(broken);
        const r = validateTransaction(broken, 3, NOW);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.errors.map((e) => e.field)).toContain(field);
          for (const e of r.errors) {
            expect(e.index).toBe(3);
            expect(e.message.length).toBeGreaterThan(5);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it(`${F}, Property 39: API Input Validation — a mixed batch keeps valid records and names every invalid one`, () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(transaction, fc.boolean()), { minLength: 1, maxLength: 40 }), (rows) => {
        const body = rows.map(([t, bad]) => (bad ? { ...t, totalAmount: 'lots' } : t));
        const r = validateBatch(body, validateTransaction, NOW);
        if ('code' in r) throw new Error(r.message);
        const badIdx = rows.flatMap(([, bad], i) => (bad ? [i] : []));
        expect(r.invalid.map((x) => x.index)).toEqual(badIdx);
        expect(r.valid.map((x) => x.index)).toEqual(rows.flatMap(([, bad], i) => (bad ? [] : [i])));
        expect(new Set(r.errors.map((e) => e.index))).toEqual(new Set(badIdx));
      }),
      { numRuns: 100 },
    );
  });

  it('normalises money to paise and time to epoch ms', () => {
    const r = validateTransaction(
      {
        transactionId: 'T-1',
        storeId: 'S-001',
        timestamp: '2026-12-03T09:30:00+05:30',
        items: [{ sku: 'RICE-5KG', quantity: 2, unitPrice: 349.5, totalPrice: 699 }],
        totalAmount: 699,
        source: 'pos',
      },
      0,
      NOW,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        transactionId: 'T-1',
        storeId: 'S-001',
        at: Date.parse('2026-12-03T04:00:00Z'),
        items: [{ sku: 'RICE-5KG', quantity: 2, unitPricePaise: 34950, totalPricePaise: 69900 }],
        totalAmountPaise: 69900,
        customerId: undefined,
        paymentMethod: 'CASH',
        source: 'pos',
      },
    });
  });

  it('rejects empty and oversized batches and non-object records', () => {
    expect(validateBatch([], validateTransaction, NOW)).toMatchObject({ code: 'EMPTY_BATCH' });
    expect(validateBatch(new Array(1001).fill({}), validateTransaction, NOW)).toMatchObject({
      code: 'BATCH_TOO_LARGE',
    });
    const r = validateBatch([null, 'x'], validateInventoryUpdate, NOW);
    expect('invalid' in r && r.invalid.map((i) => i.errors[0]?.message)).toEqual([
      'record must be an object, got null',
      'record must be an object, got string "x"',
    ]);
  });

  it('validates inventory updates and competitor prices field by field', () => {
    const inv = validateInventoryUpdate({ sku: 'A', storeId: 'S', quantity: -3, timestamp: 'now' }, 0, NOW);
    expect(!inv.ok && inv.errors.map((e) => e.field)).toEqual(['quantity', 'timestamp', 'source']);
    const price = validateCompetitorPrice(
      { sku: 'A', competitorId: 'DMART', price: 0, timestamp: '2026-12-03T03:00:00Z', source: 'feed' },
      0,
      NOW,
    );
    expect(!price.ok && price.errors).toEqual([
      { index: 0, field: 'price', message: 'must be greater than 0' },
    ]);
  });
});
