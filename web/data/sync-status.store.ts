// What the UI shows about sync: online or not, when each collection last synced, how many
// local changes wait to be pushed, the last error, and changes the server refused for
// good (with the reason). Derived from the replication, never domain data; the last-synced
// times are also kept in the user's database (sync-freshness.ts) and hydrated on open,
// and the pending counts are recomputed from the replication (sync-pending.ts), so both
// are right after an offline reload.
import { create } from 'zustand';

export interface RejectedChange {
  readonly collection: string;
  readonly id: string;
  readonly code: string;
  readonly reason: string;
  readonly document: Readonly<Record<string, unknown>>;
}

export interface SyncStatus {
  readonly online: boolean;
  /**
   * False until the user's database was opened and its stored last-synced times read: until
   * then "never synced" would be a guess (a warm start shows saved numbers before that).
   */
  readonly hydrated: boolean;
  /** Epoch ms of the last completed pull per collection. */
  readonly lastSyncedAt: Readonly<Record<string, number>>;
  /** Local changes not yet acknowledged by the server, per collection. */
  readonly pending: Readonly<Record<string, number>>;
  readonly lastError:
    { readonly collection: string; readonly message: string; readonly at: number } | undefined;
  readonly rejected: readonly RejectedChange[];
  setOnline(online: boolean): void;
  markSynced(collection: string, at: number): void;
  /** On opening a user's database: its stored last-synced times; pending is counted again. */
  hydrateSynced(at: Readonly<Record<string, number>>): void;
  /** Merges stored times (another tab synced): later times win. */
  mergeSynced(at: Readonly<Record<string, number>>): void;
  setPending(collection: string, count: number): void;
  reportError(collection: string, message: string, at: number): void;
  reject(changes: readonly RejectedChange[]): void;
  dismissRejected(collection: string, id: string): void;
  reset(): void;
}

const initial = {
  online: true,
  hydrated: false,
  lastSyncedAt: {},
  pending: {},
  lastError: undefined,
  rejected: [],
};

export const useSyncStatus = create<SyncStatus>((set) => ({
  ...initial,
  setOnline: (online) => set({ online }),
  markSynced: (collection, at) => set((s) => ({ lastSyncedAt: { ...s.lastSyncedAt, [collection]: at } })),
  hydrateSynced: (at) => set({ hydrated: true, lastSyncedAt: { ...at }, pending: {} }),
  mergeSynced: (at) =>
    set((s) => {
      const next = { ...s.lastSyncedAt };
      let changed = false;
      for (const [c, t] of Object.entries(at)) {
        if ((next[c] ?? -Infinity) < t) {
          next[c] = t;
          changed = true;
        }
      }
      return changed ? { lastSyncedAt: next } : {};
    }),
  setPending: (collection, count) => set((s) => ({ pending: { ...s.pending, [collection]: count } })),
  reportError: (collection, message, at) => set({ lastError: { collection, message, at } }),
  reject: (changes) => set((s) => ({ rejected: [...s.rejected, ...changes] })),
  dismissRejected: (collection, id) =>
    set((s) => ({ rejected: s.rejected.filter((r) => !(r.collection === collection && r.id === id)) })),
  reset: () => set(initial),
}));

export const totalPending = (s: Pick<SyncStatus, 'pending'>): number =>
  Object.values(s.pending).reduce((a, b) => a + b, 0);
