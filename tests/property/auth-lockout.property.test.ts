import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isLocked,
  LOCKOUT_POLICY,
  lockoutMessage,
  parseLockoutMessage,
  recordAttempt,
  UNLOCKED,
  type LockoutState,
} from '../../shared/auth/lockout-policy.ts';

const attempts = fc.array(
  fc.record({
    valid: fc.boolean(),
    gap: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1700, max: 2000 })),
  }),
  { maxLength: 40 },
);

describe('account lockout', () => {
  it('Feature: bharat-retail-market-intelligence, Property 37: Account Lockout After Failed Attempts — 5 consecutive failures lock for exactly 30 minutes; while locked every attempt is refused', () => {
    fc.assert(
      fc.property(attempts, (seq) => {
        let state: LockoutState = UNLOCKED;
        let now = 1_796_000_000;
        let run = 0; // consecutive failures counted since the last success or lock
        for (const { valid, gap } of seq) {
          now += gap;
          const wasLocked = isLocked(state, now);
          const step = recordAttempt(state, valid, now);
          if (wasLocked) {
            expect(step.outcome.decision).toBe('reject');
            expect(step.state).toEqual(state);
          } else if (valid) {
            expect(step.outcome.decision).toBe('continue');
            expect(step.state).toEqual(UNLOCKED);
            run = 0;
          } else {
            if (state.lockedUntil !== undefined) run = 0; // an expired lock starts afresh
            run += 1;
            if (run === LOCKOUT_POLICY.maxFailures) {
              expect(step.outcome).toEqual({ decision: 'reject', minutesLeft: 30 });
              expect(step.state.lockedUntil).toBe(now + 30 * 60);
              run = 0;
            } else {
              expect(step.outcome.decision).toBe('continue');
              expect(step.state.lockedUntil).toBeUndefined();
            }
          }
          expect(step.state.failures).toBeLessThanOrEqual(LOCKOUT_POLICY.maxFailures);
          state = step.state;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Feature: bharat-retail-market-intelligence, Property 37: Account Lockout After Failed Attempts — any burst of simultaneous failures counts at most 5', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (n) => {
        let state: LockoutState = UNLOCKED;
        const now = 1_796_000_000;
        let continued = 0;
        for (let i = 0; i < n; i += 1) {
          const step = recordAttempt(state, false, now);
          if (step.outcome.decision === 'continue') continued += 1;
          state = step.state;
        }
        expect(continued).toBe(Math.min(n, LOCKOUT_POLICY.maxFailures - 1));
        expect(state.failures).toBe(Math.min(n, LOCKOUT_POLICY.maxFailures));
        expect(isLocked(state, now)).toBe(n >= LOCKOUT_POLICY.maxFailures);
      }),
      { numRuns: 100 },
    );
  });

  it('Feature: bharat-retail-market-intelligence, Property 37: Account Lockout After Failed Attempts — the UI reads the minutes left back from the message', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (m) => {
        expect(parseLockoutMessage(lockoutMessage(m))).toBe(m);
      }),
      { numRuns: 100 },
    );
  });
});
