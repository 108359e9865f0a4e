// Property 40 on the GCRA arithmetic shared with private.ingest_gate (exactness under real
// concurrency is tested against Postgres in tests/integration/ingest-keys.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcraDecide, type GcraPolicy } from '../../shared/ingest/gcra.ts';

const F = 'Feature: bharat-retail-market-intelligence';

const policy = fc.record({
  limit: fc.integer({ min: 1, max: 2000 }),
  periodMs: fc.constantFrom(1000, 60_000),
  burst: fc.integer({ min: 1, max: 200 }),
});
/** Arrival times: sorted gaps, including bursts of simultaneous requests. */
const arrivals = fc
  .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })), { minLength: 1, maxLength: 400 })
  .map((gaps) => gaps.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? 1_000_000) + g], []));

function run(p: GcraPolicy, times: readonly number[]) {
  let tat: number | undefined;
  return times.map((now) => {
    const d = gcraDecide(p, tat, now);
    if (d.allowed) tat = d.tatUs;
    return { now, ...d };
  });
}

describe('ingest rate limit (GCRA)', () => {
  it(`${F}, Property 40: API Rate Limiting — no window of length L admits more than burst + L/T`, () => {
    fc.assert(
      fc.property(policy, arrivals, (p, times) => {
        const admitted = run(p, times)
          .filter((d) => d.allowed)
          .map((d) => d.now);
        const t = Math.round((p.periodMs * 1000) / p.limit) / 1000;
        for (let i = 0; i < admitted.length; i += 1) {
          for (let j = i; j < admitted.length; j += 1) {
            const span = admitted[j]! - admitted[i]!;
            expect(j - i + 1).toBeLessThanOrEqual(p.burst + Math.floor(span / t) + 1);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 40: API Rate Limiting — a refused client told to wait Retry-After is admitted then`, () => {
    fc.assert(
      fc.property(policy, arrivals, (p, times) => {
        let tat: number | undefined;
        for (const now of times) {
          const d = gcraDecide(p, tat, now);
          if (d.allowed) {
            tat = d.tatUs;
            continue;
          }
          expect(d.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          expect(gcraDecide(p, tat, now + d.retryAfterSeconds * 1000).allowed).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it(`${F}, Property 40: API Rate Limiting — a client within the limit is never refused`, () => {
    fc.assert(
      fc.property(policy, fc.integer({ min: 1, max: 300 }), (p, n) => {
        // Every gap at least T (rounded up to the ms).
        const t = p.periodMs / p.limit;
        const times = Array.from({ length: n }, (_, i) => 5_000_000 + i * Math.ceil(t));
        expect(run(p, times).every((d) => d.allowed)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('defaults to 1,000 per minute with a burst of 100: 101 back to back, then one per 60 ms', () => {
    const p = { limit: 1000, periodMs: 60_000, burst: 100 };
    const burst = run(p, new Array(120).fill(0));
    expect(burst.filter((d) => d.allowed)).toHaveLength(100);
    expect(burst.at(-1)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });
});
