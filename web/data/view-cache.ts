// The last view model each screen computed, kept in localStorage so a warm start shows the
// numbers the user last saw at once, while the device's documents are read and aggregated
// again (a second or more on a cheap phone). An entry is used only for exactly the same
// user, scope version and view parameters; the screen replaces it with the fresh result
// as soon as that is ready. Logout removes every entry (web/data/logout.ts).
const PREFIX = 'brmi-view:';

interface Entry {
  readonly key: string;
  readonly value: unknown;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // blocked storage (privacy settings): no cache, nothing breaks
  }
}

/** The value saved for `screen` under exactly `key`, or null. */
export function readView<T>(screen: string, key: string): T | null {
  const raw = storage()?.getItem(PREFIX + screen);
  if (raw == null) return null;
  try {
    const e = JSON.parse(raw) as Entry;
    return e.key === key ? (e.value as T) : null;
  } catch {
    return null;
  }
}

/** Saves `value` as the screen's last view (one entry per screen; a full quota only skips it). */
export function writeView(screen: string, key: string, value: unknown): void {
  try {
    storage()?.setItem(PREFIX + screen, JSON.stringify({ key, value } satisfies Entry));
  } catch {
    // quota exceeded: the next warm start recomputes, as without the cache
  }
}

export function clearViews(): void {
  const s = storage();
  if (s === undefined) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(PREFIX)) keys.push(k);
  }
  for (const k of keys) s.removeItem(k);
}
