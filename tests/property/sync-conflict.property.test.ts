// The conflict rule every device applies (shared/sync/conflict.ts), for any documents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConflict, retryDelayMs, sameDocument } from '../../shared/sync/conflict.ts';

const doc = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.startsWith('_')),
  fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.array(fc.integer(), { maxLength: 4 })),
  { maxKeys: 6 },
);

describe('sync conflict rule', () => {
  it('Feature: bharat-retail-market-intelligence, Property sync-conflict (issue 7, not in the design document): conflicts resolve to the master state on every device', () => {
    fc.assert(
      fc.property(doc, doc, (master, fork) => {
        expect(resolveConflict({ realMasterState: master, newDocumentState: fork })).toBe(master);
      }),
      { numRuns: 200 },
    );
  });

  it('Feature: bharat-retail-market-intelligence, Property sync-conflict (issue 7, not in the design document): document equality ignores key order and RxDB bookkeeping', () => {
    fc.assert(
      fc.property(doc, fc.string(), (d, rev) => {
        const reordered = Object.fromEntries(Object.entries(d).reverse());
        expect(sameDocument(d, { ...reordered, _rev: rev, _meta: { lwt: 1 } })).toBe(true);
        expect(sameDocument({ ...d, extra_field: 1 }, d)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('Feature: bharat-retail-market-intelligence, Property sync-conflict (issue 7, not in the design document): retry backoff is bounded and never negative', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (attempt, rand) => {
        const ms = retryDelayMs(attempt, rand);
        expect(ms).toBeGreaterThanOrEqual(500);
        expect(ms).toBeLessThanOrEqual(60_000);
      }),
      { numRuns: 200 },
    );
  });
});
