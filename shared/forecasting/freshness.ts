// Property 13: a forecast is current only if it was generated within the last 24 hours.
// Times are epoch milliseconds passed in by the caller (the server's clock is
// authoritative). A generation time in the future or not a finite number cannot be
// trusted, so it counts as stale rather than fresh.

export const FORECAST_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function isForecastFresh(
  generatedAtMs: number,
  nowMs: number,
  maxAgeMs = FORECAST_MAX_AGE_MS,
): boolean {
  if (!Number.isFinite(generatedAtMs) || !Number.isFinite(nowMs)) return false;
  const age = nowMs - generatedAtMs;
  return age >= 0 && age <= maxAgeMs;
}

/** The forecasts among `items` that must be flagged (and regenerated) as stale. */
export function staleForecasts<T extends { readonly generatedAtMs: number }>(
  items: readonly T[],
  nowMs: number,
  maxAgeMs = FORECAST_MAX_AGE_MS,
): T[] {
  return items.filter((item) => !isForecastFresh(item.generatedAtMs, nowMs, maxAgeMs));
}
