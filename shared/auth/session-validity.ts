// When a session may still be refreshed, as GoTrue decides at the refresh grant
// (models/sessions.go CheckValidity). Design Property 33: 30 minutes without a refresh
// ends the session; the timebox caps its total life. All times are seconds.

export interface SessionLimits {
  /** 0 disables the check. */
  readonly inactivityTimeoutSeconds: number;
  /** 0 disables the check. */
  readonly timeboxSeconds: number;
}

export interface SessionTimes {
  readonly createdAt: number;
  /** Last refresh; undefined for a session never refreshed. */
  readonly refreshedAt: number | undefined;
  /** Hard end (`not_after`); undefined when none. */
  readonly notAfter: number | undefined;
}

export type SessionValidity = 'valid' | 'past_not_after' | 'past_timebox' | 'timed_out';

export function lastActivity(s: SessionTimes): number {
  return s.refreshedAt !== undefined && s.refreshedAt > s.createdAt ? s.refreshedAt : s.createdAt;
}

export function sessionValidity(s: SessionTimes, limits: SessionLimits, now: number): SessionValidity {
  if (s.notAfter !== undefined && now > s.notAfter) return 'past_not_after';
  if (limits.timeboxSeconds > 0 && now > s.createdAt + limits.timeboxSeconds) return 'past_timebox';
  if (limits.inactivityTimeoutSeconds > 0 && now > lastActivity(s) + limits.inactivityTimeoutSeconds)
    return 'timed_out';
  return 'valid';
}

/** GoTrue's message for each ending, returned as 400 `session_expired`. */
export function sessionExpiredMessage(v: Exclude<SessionValidity, 'valid'>): string {
  return v === 'timed_out'
    ? 'Invalid Refresh Token: Session Expired (Inactivity)'
    : 'Invalid Refresh Token: Session Expired';
}
