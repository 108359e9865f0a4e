// Account lockout (design Property 37): 5 consecutive failed password attempts lock the
// account for 30 minutes; while locked every attempt is refused, even with the right
// password, and is not counted; a success when not locked resets the count.
// supabase/migrations/20261201000100_auth_hooks.sql implements the same rule atomically
// in SQL (the password verification attempt hook); this is the reference model.

export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockSeconds: number;
}

export const LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, lockSeconds: 30 * 60 };

export interface LockoutState {
  readonly failures: number;
  /** Seconds since the epoch; undefined when not locked. */
  readonly lockedUntil: number | undefined;
}

export const UNLOCKED: LockoutState = { failures: 0, lockedUntil: undefined };

export type LockoutDecision =
  { readonly decision: 'continue' } | { readonly decision: 'reject'; readonly minutesLeft: number };

export interface LockoutStep {
  readonly state: LockoutState;
  readonly outcome: LockoutDecision;
}

export function isLocked(state: LockoutState, now: number): boolean {
  return state.lockedUntil !== undefined && state.lockedUntil > now;
}

export function minutesLeft(lockedUntil: number, now: number): number {
  return Math.max(1, Math.ceil((lockedUntil - now) / 60));
}

/** One password attempt at time `now` (seconds) with the password `valid` or not. */
export function recordAttempt(
  state: LockoutState,
  valid: boolean,
  now: number,
  policy = LOCKOUT_POLICY,
): LockoutStep {
  if (state.lockedUntil !== undefined && state.lockedUntil > now) {
    return { state, outcome: { decision: 'reject', minutesLeft: minutesLeft(state.lockedUntil, now) } };
  }
  // An expired lock starts a fresh count.
  const failures = state.lockedUntil !== undefined ? 0 : state.failures;
  if (valid) return { state: UNLOCKED, outcome: { decision: 'continue' } };
  const next = failures + 1;
  if (next >= policy.maxFailures) {
    const lockedUntil = now + policy.lockSeconds;
    return {
      state: { failures: next, lockedUntil },
      outcome: { decision: 'reject', minutesLeft: minutesLeft(lockedUntil, now) },
    };
  }
  return { state: { failures: next, lockedUntil: undefined }, outcome: { decision: 'continue' } };
}

/** The message the hook returns; the UI reads the minutes from it. */
export function lockoutMessage(minutes: number): string {
  return `Account locked after too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** Minutes left from a lockout message, or undefined for any other message. */
export function parseLockoutMessage(message: string): number | undefined {
  const m = /^Account locked after too many failed sign-in attempts\. Try again in (\d+) minutes?\.$/.exec(
    message,
  );
  return m ? Number(m[1]) : undefined;
}
