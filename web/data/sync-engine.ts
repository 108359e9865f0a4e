// The sync engine for one signed-in user: opens the user's database (wiping it when the
// scope changed), replicates each collection of the role's slice, pulls on nudges, on
// reconnect and on a fallback timer, and only in the leader tab. Logout and user switch
// go through flushAndWipe: pending pushes first (bounded), then the database is removed.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { RxDatabase, RxStorage } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { collectionsForRole, scopeTopics } from '#shared/sync/collections.ts';
import type { CollectionName } from '#shared/sync/schemas.ts';
import { openUserDatabase, type SyncScope } from './sync-database.ts';
import { subscribeNudges, type Nudges } from './sync-nudges.ts';
import { replicateCollection } from './sync-replication.ts';
import type { SyncRpc } from './sync-rpc.ts';
import { useSyncStatus } from './sync-status.store.ts';

export interface SyncEngineOptions {
  readonly scope: SyncScope;
  readonly storage: RxStorage<unknown, unknown>;
  readonly rpc: SyncRpc;
  /** For realtime nudges; omitted in tests that drive pulls themselves. */
  readonly realtime?: SupabaseClient;
  readonly now: () => number;
  /** Fallback pull period (nudges can be lost): 3 minutes by default. */
  readonly fallbackMs?: number;
  /** One tab replicates; false for single-instance storages (tests on memory storage). */
  readonly multiInstance?: boolean;
  readonly batchSize?: number;
  /** Replicate only these collections of the role's slice (tests opening two clients). */
  readonly only?: readonly CollectionName[];
  readonly retryTimeMs?: number;
  /**
   * A collection's checkpoint is older than the tombstone horizon: deletes may have been
   * missed, so the owner must wipe the database and start again (sync-session.ts does).
   */
  readonly onResyncRequired?: (collection: string) => void;
}

export interface SyncEngine {
  readonly db: RxDatabase;
  /** Resolves when every collection finished its first checkpoint iteration. */
  awaitInitial(): Promise<void>;
  /** Pull every collection now and wait until local writes are pushed. */
  syncNow(): Promise<void>;
  /** Push what is pending, within `timeoutMs`; false when it could not (offline). */
  flush(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
  /** flush, then remove the database. Returns whether everything pending was pushed. */
  flushAndWipe(timeoutMs: number): Promise<boolean>;
}

export async function startSync(o: SyncEngineOptions): Promise<SyncEngine> {
  const status = useSyncStatus.getState();
  const multi = o.multiInstance ?? true;
  const db = await openUserDatabase(o.scope, o.storage, {
    multiInstance: multi,
    ...(o.only === undefined ? {} : { only: o.only }),
  });
  const defs = collectionsForRole(o.scope.role, o.only);
  const nudges: Nudges = subscribeNudges(o.realtime, scopeTopics(o.scope));
  let resyncRequested = false;
  // Local writes not yet pushed: counted from the collection's write events that did not
  // come from the replication itself (its bulkWrite contexts start with "replication-").
  const pending = new Map<string, number>();
  const pendingSubs = defs
    .filter((def) => def.writes !== 'readonly')
    .map((def) =>
      db.collections[def.name]!.eventBulks$.subscribe((bulk) => {
        if (bulk.context.startsWith('replication-')) return;
        pending.set(def.name, (pending.get(def.name) ?? 0) + bulk.events.length);
        useSyncStatus.getState().setPending(def.name, pending.get(def.name) ?? 0);
      }),
    );
  const reps: RxReplicationState<unknown, unknown>[] = defs.map(
    (def) =>
      replicateCollection({
        collection: db.collections[def.name]!,
        def,
        rpc: o.rpc,
        nudges$: nudges.nudges$,
        epoch: 0,
        waitForLeadership: multi,
        ...(o.batchSize === undefined ? {} : { batchSize: o.batchSize }),
        ...(o.retryTimeMs === undefined ? {} : { retryTimeMs: o.retryTimeMs }),
        hooks: {
          now: o.now,
          markSynced: (c, at) => useSyncStatus.getState().markSynced(c, at),
          reportError: (c, m, at) => useSyncStatus.getState().reportError(c, m, at),
          reject: (changes) => useSyncStatus.getState().reject(changes),
          pushed: (c, n) => {
            pending.set(c, Math.max(0, (pending.get(c) ?? 0) - n));
            useSyncStatus.getState().setPending(c, pending.get(c) ?? 0);
          },
          onResyncRequired: (c) => {
            if (resyncRequested) return;
            resyncRequested = true;
            o.onResyncRequired?.(c);
          },
        },
      }) as unknown as RxReplicationState<unknown, unknown>,
  );
  for (const rep of reps) {
    rep.error$.subscribe((err) => status.reportError(rep.collection.name, err.message, o.now()));
  }

  const g = globalThis as {
    addEventListener?: typeof addEventListener;
    removeEventListener?: typeof removeEventListener;
  };
  const onOnline = (): void => {
    useSyncStatus.getState().setOnline(true);
    nudges.poke();
  };
  const onOffline = (): void => useSyncStatus.getState().setOnline(false);
  g.addEventListener?.('online', onOnline);
  g.addEventListener?.('offline', onOffline);
  const timer = setInterval(() => nudges.poke(), o.fallbackMs ?? 180_000);

  const inSync = async (): Promise<void> => {
    await Promise.all(reps.map((r) => r.awaitInSync()));
  };
  const flush = async (timeoutMs: number): Promise<boolean> => {
    let t: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<false>((resolve) => {
      t = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([inSync().then(() => true as const), timedOut]);
    } finally {
      clearTimeout(t);
    }
  };
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    for (const sub of pendingSubs) sub.unsubscribe();
    g.removeEventListener?.('online', onOnline);
    g.removeEventListener?.('offline', onOffline);
    await Promise.all(reps.map((r) => r.cancel()));
    await nudges.close();
  };
  return {
    db,
    async awaitInitial() {
      await Promise.all(reps.map((r) => r.awaitInitialReplication()));
    },
    async syncNow() {
      for (const r of reps) r.reSync();
      await inSync();
    },
    flush,
    stop: async () => {
      await stop();
      await db.close();
    },
    async flushAndWipe(timeoutMs) {
      const flushed = await flush(timeoutMs);
      await stop();
      await db.remove();
      return flushed;
    },
  } as SyncEngine;
}
