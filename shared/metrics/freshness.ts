// How fresh a screen's data is, in words a store manager reads at a glance. Pure: the
// caller passes "now" and the instant the data was last confirmed current.

export type FreshnessLevel = 'fresh' | 'stale' | 'unknown';

export interface Freshness {
  readonly level: FreshnessLevel;
  /** "just now", "4 min ago", "3 h ago", "2 days ago", or "never synced". */
  readonly age: string;
}

/** Data older than this is flagged stale (dashboards refresh within seconds when online). */
export const STALE_AFTER_MS = 15 * 60_000;

export function describeAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 60_000) return 'just now';
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/**
 * `syncedAt`: epoch ms of the last successful pull of the data shown (the oldest of the
 * collections a screen reads), undefined when it was never synced on this device.
 */
export function freshnessOf(
  syncedAt: number | undefined,
  now: number,
  staleAfterMs = STALE_AFTER_MS,
): Freshness {
  if (syncedAt === undefined || !Number.isFinite(syncedAt)) return { level: 'unknown', age: 'never synced' };
  const age = Math.max(0, now - syncedAt);
  return { level: age > staleAfterMs ? 'stale' : 'fresh', age: describeAge(age) };
}
