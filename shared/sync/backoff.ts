// When a push that failed for a transient reason (network, 5xx, serialization failure,
// expired token) is tried again: exponential backoff with full jitter, capped, the attempt
// counter reset by the next success (web/data/sync-replication.ts keeps it per batch).
// Full jitter (sleep = random(0, min(cap, base · 2^attempt))) spreads the retries of many
// devices that lost the same connection at the same moment. Pure: the random number is a
// parameter.

export interface PushBackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const PUSH_BACKOFF: PushBackoffPolicy = { baseMs: 1000, capMs: 60_000 };

/** Delay before retry `attempt` (0-based) with `rand` ∈ [0, 1): an integer in [0, ceiling). */
export function pushRetryDelayMs(
  attempt: number,
  rand: number,
  policy: PushBackoffPolicy = PUSH_BACKOFF,
): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.min(Math.floor(attempt), 30) : 0;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** n);
  const r = Number.isFinite(rand) ? Math.min(Math.max(rand, 0), 1) : 0;
  return Math.min(Math.floor(r * ceiling), Math.max(0, ceiling - 1));
}
