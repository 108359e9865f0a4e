// Client retry timing for feeds (reliability-security §3.2): exponential backoff with
// full jitter (sleep = random(0, min(cap, base · 2^attempt))), and a server's Retry-After
// always wins when it asks for longer. RNG is a parameter (shared/ has no Math.random).

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const FEED_BACKOFF: BackoffPolicy = { baseMs: 100, capMs: 5_000 };

export function fullJitterMs(policy: BackoffPolicy, attempt: number, rng: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.floor(rng() * ceiling);
}

/** Seconds from a Retry-After header (delta-seconds form); undefined when absent or bad. */
export function retryAfterMs(header: string | null | undefined): number | undefined {
  if (header === null || header === undefined || !/^\s*\d{1,6}\s*$/.test(header)) return undefined;
  return Number(header) * 1000;
}

/** What a client does with an answer: done, retry (same bytes) after a delay, or give up. */
export type Disposition =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'dead'; readonly reason: string };

export function dispose(
  status: number | 'network-error',
  retryAfter: string | null | undefined,
  attempt: number,
  rng: () => number,
  policy: BackoffPolicy = FEED_BACKOFF,
): Disposition {
  if (status !== 'network-error' && status >= 200 && status < 300) return { kind: 'done' };
  const retryable = status === 'network-error' || status === 429 || status === 408 || status >= 500;
  if (!retryable) return { kind: 'dead', reason: `HTTP ${status}` };
  const jitter = fullJitterMs(policy, attempt, rng);
  return { kind: 'retry', delayMs: Math.max(jitter, retryAfterMs(retryAfter) ?? 0) };
}
