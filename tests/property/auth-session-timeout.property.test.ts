import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionValidity, type SessionTimes } from '../../shared/auth/session-validity.ts';

const LIMITS = { inactivityTimeoutSeconds: 30 * 60, timeboxSeconds: 24 * 3600 };

describe('session timeout at refresh', () => {
  it('Feature: bharat-retail-market-intelligence, Property 33: Session Timeout Enforcement — a session is refreshable iff idle <= 30 minutes and inside the 24 h timebox', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 200_000 }),
        (createdAt, refreshedOffset, sinceCreated) => {
          const refreshedAt = refreshedOffset === undefined ? undefined : createdAt + refreshedOffset;
          const now = Math.max(createdAt + sinceCreated, refreshedAt ?? 0);
          const session: SessionTimes = { createdAt, refreshedAt, notAfter: undefined };
          const last = refreshedAt ?? createdAt;
          const v = sessionValidity(session, LIMITS, now);
          const expected =
            now > createdAt + LIMITS.timeboxSeconds
              ? 'past_timebox'
              : now > last + LIMITS.inactivityTimeoutSeconds
                ? 'timed_out'
                : 'valid';
          expect(v).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('Feature: bharat-retail-market-intelligence, Property 33: Session Timeout Enforcement — refreshing at least every 30 minutes keeps a session alive until the timebox; one longer gap ends it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 * 60 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 30 * 60 + 1, max: 10_000 }),
        (gaps, idleGap) => {
          const createdAt = 1_796_000_000;
          let session: SessionTimes = { createdAt, refreshedAt: undefined, notAfter: undefined };
          let now = createdAt;
          for (const gap of gaps) {
            now += gap;
            if (now > createdAt + LIMITS.timeboxSeconds) {
              expect(sessionValidity(session, LIMITS, now)).toBe('past_timebox');
              return;
            }
            expect(sessionValidity(session, LIMITS, now)).toBe('valid');
            session = { ...session, refreshedAt: now };
          }
          now += idleGap;
          expect(sessionValidity(session, LIMITS, now)).not.toBe('valid');
        },
      ),
      { numRuns: 200 },
    );
  });
});
