// Push retry timing (shared/sync/backoff.ts): exponential with full jitter, capped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUSH_BACKOFF, pushRetryDelayMs } from '../../shared/sync/backoff.ts';
import { classifyPushError } from '../../shared/sync/conflict.ts';

describe('push retry backoff', () => {
  it('doubles the ceiling per attempt up to the cap, the jitter picking a point below it', () => {
    expect(pushRetryDelayMs(0, 0)).toBe(0);
    expect(pushRetryDelayMs(0, 0.5)).toBe(500);
    expect(pushRetryDelayMs(1, 0.5)).toBe(1000);
    expect(pushRetryDelayMs(3, 0.5)).toBe(4000);
    expect(pushRetryDelayMs(10, 0.5)).toBe(30_000);
    expect(pushRetryDelayMs(100, 0.999_999)).toBe(PUSH_BACKOFF.capMs - 1);
    expect(pushRetryDelayMs(2, 0.25, { baseMs: 100, capMs: 300 })).toBe(75);
  });

  it('Feature: bharat-retail-market-intelligence, Property sync-backoff (issue 7): a push retry delay is an integer in [0, min(cap, base·2^attempt)) for any input', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (attempt, rand) => {
        const ms = pushRetryDelayMs(attempt, rand);
        const n = Number.isFinite(attempt) && attempt > 0 ? Math.min(Math.floor(attempt), 30) : 0;
        expect(Number.isInteger(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(Math.min(PUSH_BACKOFF.capMs, PUSH_BACKOFF.baseMs * 2 ** n));
      }),
      { numRuns: 200 },
    );
  });

  it('retries an expired token and network trouble, not a validation or permission refusal', () => {
    expect(classifyPushError('PGRST303', 401)).toBe('transient');
    expect(classifyPushError(undefined, 401)).toBe('transient');
    expect(classifyPushError(undefined, 403)).toBe('fatal');
    expect(classifyPushError('42501', 403)).toBe('fatal');
    expect(classifyPushError('23514', 400)).toBe('fatal');
    expect(classifyPushError('57014', 500)).toBe('transient');
  });
});
