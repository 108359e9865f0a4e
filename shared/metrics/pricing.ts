// Competitor pricing (Properties 14, 16).

export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Property 14: our price − competitor price (paise); positive means we are dearer. */
export function priceDifference(ourPaise: number, competitorPaise: number): number {
  return ourPaise - competitorPaise;
}

/** Difference as a percentage of the competitor's price; null for a non-positive competitor price. */
export function priceDifferencePercent(ourPaise: number, competitorPaise: number): number | null {
  if (!Number.isFinite(ourPaise) || !Number.isFinite(competitorPaise) || competitorPaise <= 0) return null;
  return ((ourPaise - competitorPaise) / competitorPaise) * 100;
}

/** Property 16: an observation older than 24 hours at `now` is stale. */
export function isStale(observedAt: number, now: number, staleAfterMs: number = STALE_AFTER_MS): boolean {
  return !Number.isFinite(observedAt) || now - observedAt > staleAfterMs;
}
