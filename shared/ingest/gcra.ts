// The GCRA rate-limit decision (Property 40), the same arithmetic as private.ingest_gate
// in SQL, kept here as a total function so its guarantee can be property-tested: with
// emission interval T = period / limit and tolerance τ = T · burst, a request at `now` is
// admitted iff max(tat, now) + T − now ≤ τ, and then tat becomes max(tat, now) + T.
// Consequence: at most burst + L / T requests are admitted in any window of length L.

export interface GcraPolicy {
  /** Requests per period, e.g. 1,000. */
  readonly limit: number;
  /** Period in ms, e.g. 60,000. */
  readonly periodMs: number;
  /** Requests that may arrive back to back after an idle spell. */
  readonly burst: number;
}

export interface GcraDecision {
  readonly allowed: boolean;
  /** The theoretical arrival time to store, in integer microseconds (unchanged when refused). */
  readonly tatUs: number;
  /** When refused: whole seconds until a retry can be admitted (≥ 1); else 0. */
  readonly retryAfterSeconds: number;
}

/** Ingest default: 1,000 per minute with a burst of 100 (≤ 1,100 in any 60 s window). */
export const INGEST_RATE_POLICY: GcraPolicy = { limit: 1000, periodMs: 60_000, burst: 100 };

// Integer microseconds, like Postgres intervals: T is rounded to the microsecond once and
// τ is a whole multiple of it, so the comparison is exact (floats would refuse a request
// sent exactly on time).
export function gcraDecide(policy: GcraPolicy, tatUs: number | undefined, nowMs: number): GcraDecision {
  const t = Math.round((policy.periodMs * 1000) / Math.max(1, policy.limit));
  const tau = t * Math.max(0, policy.burst);
  const now = Math.round(nowMs * 1000);
  const fresh = tatUs === undefined || !Number.isFinite(tatUs);
  const base = fresh ? now : Math.max(tatUs, now);
  // A fresh client is always admitted (SQL inserts its first row unconditionally).
  if (fresh || base + t - now <= tau) return { allowed: true, tatUs: base + t, retryAfterSeconds: 0 };
  const waitUs = base + t - tau - now;
  return { allowed: false, tatUs: base, retryAfterSeconds: Math.max(1, Math.ceil(waitUs / 1_000_000)) };
}
