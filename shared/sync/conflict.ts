// The conflict rule, the same on every device so that all of them converge:
//   the master (server) state wins. A push based on a stale master state is not applied;
//   the server returns its current document, the device replaces its own with it, and
//   the lost edit is listed among the rejected changes so the user can redo it.
// Append-only collections never conflict: their events are keyed by a client-made UUID.
// Equality ignores RxDB's bookkeeping (_meta, _rev, _attachments) and key order.

const BOOKKEEPING = new Set(['_meta', '_rev', '_attachments']);

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (!BOOKKEEPING.has(k) && x !== undefined && x !== null) out[k] = canonical(x);
    }
    return out;
  }
  return v;
}

/** Same document content (null and absent fields are the same). */
export function sameDocument(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** The rule: the server's state is the result of every conflict. */
export function resolveConflict<T>(input: { readonly realMasterState: T; readonly newDocumentState: T }): T {
  return input.realMasterState;
}

export type PushErrorKind = 'fatal' | 'transient';

/**
 * Whether a failed push should be retried. SQLSTATE classes 22 (bad data), 23 (constraint),
 * 42 (permission, undefined object) and P0 (raised by our functions) and HTTP 403 will fail
 * again the same way: they go to the rejected list. Everything else (network, 5xx,
 * serialization failures 40xxx, timeouts 57xxx) is retried with backoff, and so is 401
 * (an expired or not yet refreshed token: the next attempt carries the refreshed one;
 * dropping the user's edits for that would lose work).
 */
export function classifyPushError(code: string | undefined, httpStatus: number | undefined): PushErrorKind {
  if (httpStatus === 401 || (code !== undefined && code.startsWith('PGRST3'))) return 'transient';
  if (code !== undefined && /^(22|23|42|P0)/.test(code)) return 'fatal';
  if (httpStatus === 403) return 'fatal';
  return 'transient';
}

/**
 * Equal-jitter backoff (1 s, 2 s, 4 s … capped at 60 s, jittered by `rand` ∈ [0,1)). Pushes use
 * the full-jitter pushRetryDelayMs (backoff.ts); kept for its property test.
 */
export function retryDelayMs(attempt: number, rand: number): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  const base = Math.min(60_000, 1000 * 2 ** Math.min(n, 16));
  const r = Number.isFinite(rand) ? Math.min(Math.max(rand, 0), 1) : 0;
  return Math.round(base * (0.5 + r / 2));
}
