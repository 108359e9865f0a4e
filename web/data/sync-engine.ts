// The sync engine for one signed-in user: opens the user's database (wiping it when the
// scope changed), replicates each collection of the role's slice, pulls on nudges, on
// reconnect and on a fallback timer, and only in the leader tab. Logout and user switch
// go through flushAndWipe: pending pushes first (bounded), then the database is removed.
// The status store is hydrated from the database on open: last-synced times from a local
// document (sync-freshness.ts), pending counts from what the replication still has to
// push (sync-pending.ts), so an offline reload still shows the age and "N changes waiting".
import type { SupabaseClient } from '@supabase/supabase-js';
import type { RxDatabase, RxStorage } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { filter, map, Subject } from 'rxjs';
import type { PushBackoffPolicy } from '#shared/sync/backoff.ts';
import { collectionsForRole, isDeferred, nudgeConcerns, scopeTopics } from '#shared/sync/collections.ts';
import type { CollectionName } from '#shared/sync/schemas.ts';
import { openUserDatabase, type SyncScope } from './sync-database.ts';
import { freshnessLog } from './sync-freshness.ts';
import { subscribeNudges, type Nudges } from './sync-nudges.ts';
import { countUnpushed } from './sync-pending.ts';
import { replicateCollection } from './sync-replication.ts';
import type { SyncRpc } from './sync-rpc.ts';
import { useSyncStatus } from './sync-status.store.ts';
import { pruneOutsideWindow } from './sync-window.ts';

/** Deferred collections (collections.ts) start at the latest this long after the others. */
export const DEFER_CAP_MS = 8_000;
/** How often documents that aged out of the sync window are removed while the app is open. */
const PRUNE_EVERY_MS = 3_600_000;

export interface SyncEngineOptions {
  readonly scope: SyncScope;
  readonly storage: RxStorage<unknown, unknown>;
  readonly rpc: SyncRpc;
  /** For realtime nudges; omitted in tests that drive pulls themselves. */
  readonly realtime?: SupabaseClient;
  readonly now: () => number;
  /** Fallback pull period (nudges can be lost): 3 minutes by default. */
  readonly fallbackMs?: number;
  /** Longest wait before deferred collections start pulling anyway: DEFER_CAP_MS by default. */
  readonly deferCapMs?: number;
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
  /** Jitter source for push retries; Math.random by default. */
  readonly random?: () => number;
  /** Push retry delays (tests shorten them); PUSH_BACKOFF by default. */
  readonly pushBackoff?: PushBackoffPolicy;
  /** Observes each scheduled push retry (tests). */
  readonly onPushRetry?: (collection: string, attempt: number, delayMs: number) => void;
}

export interface SyncEngine {
  readonly db: RxDatabase;
  /** Resolves when every collection finished its first checkpoint iteration. */
  awaitInitial(): Promise<void>;
  /** Pull every collection now and wait until local writes are pushed. */
  syncNow(): Promise<void>;
  /** Recounts what each collection still has to push and updates the status store. */
  refreshPending(): Promise<void>;
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
  let stopped = false;
  const freshness = freshnessLog(db);
  useSyncStatus.getState().hydrateSynced(await freshness.load());
  const freshnessSub = freshness.follow((at) => useSyncStatus.getState().mergeSynced(at));
  // Wakes push retries early when the device comes back online or the engine stops.
  const wake$ = new Subject<void>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        sub.unsubscribe();
        resolve();
      };
      const t = setTimeout(done, ms);
      const sub = wake$.subscribe(done);
    });
  const reps: RxReplicationState<unknown, unknown>[] = defs.map(
    (def) =>
      replicateCollection({
        collection: db.collections[def.name]!,
        def,
        rpc: o.rpc,
        nudges$: nudges.nudges$.pipe(
          filter((tables) => nudgeConcerns(def, tables)),
          map(() => 'RESYNC' as const),
        ),
        epoch: 0,
        waitForLeadership: multi,
        autoStart: !isDeferred(def, o.scope.role),
        ...(o.batchSize === undefined ? {} : { batchSize: o.batchSize }),
        ...(o.retryTimeMs === undefined ? {} : { retryTimeMs: o.retryTimeMs }),
        retry: {
          random: o.random ?? Math.random,
          sleep,
          stopped: () => stopped,
          ...(o.onPushRetry === undefined ? {} : { onRetry: o.onPushRetry }),
          ...(o.pushBackoff === undefined ? {} : { policy: o.pushBackoff }),
        },
        hooks: {
          now: o.now,
          markSynced: (c, at) => {
            useSyncStatus.getState().markSynced(c, at);
            void freshness.record(c, at);
          },
          reportError: (c, m, at) => useSyncStatus.getState().reportError(c, m, at),
          reject: (changes) => useSyncStatus.getState().reject(changes),
          pushed: () => undefined,
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
  // Deferred collections (large, not on the opening screen) start once the others have had
  // their first pull, or after DEFER_CAP_MS at the latest (offline, a slow collection).
  const deferred = reps.filter((_, i) => isDeferred(defs[i]!, o.scope.role));
  if (deferred.length > 0) {
    const first = reps.filter((_, i) => !isDeferred(defs[i]!, o.scope.role));
    let capTimer: ReturnType<typeof setTimeout> | undefined;
    const cap = new Promise<void>((resolve) => {
      capTimer = setTimeout(resolve, o.deferCapMs ?? DEFER_CAP_MS);
    });
    void Promise.race([Promise.all(first.map((r) => r.awaitInitialReplication())), cap]).then(() => {
      clearTimeout(capTimer);
      if (!stopped) for (const r of deferred) void r.start();
    });
  }
  // Pending counts, recomputed from the replication's own state when it starts (a reload
  // with unpushed changes), after every local write and whenever pushing goes idle.
  const counters = new Map<string, () => Promise<void>>();
  const recountAll = async (): Promise<void> => {
    await Promise.all([...counters.values()].map((recount) => recount()));
  };
  const pendingSubs = defs
    .map((def, i) => [def, reps[i]!] as const)
    .filter(([def]) => def.writes !== 'readonly')
    .flatMap(([def, rep]) => {
      let running: Promise<void> | undefined;
      let again = false;
      const recount = (): Promise<void> => {
        if (running) {
          again = true;
          return running;
        }
        running = (async () => {
          try {
            do {
              again = false;
              const n = await countUnpushed(rep);
              if (n !== undefined && !stopped) useSyncStatus.getState().setPending(def.name, n);
            } while (again && !stopped);
          } catch {
            // The database is closing: the next open counts again.
          } finally {
            running = undefined;
          }
        })();
        return running;
      };
      counters.set(def.name, recount);
      void rep.startPromise.then(recount);
      return [
        db.collections[def.name]!.eventBulks$.subscribe((bulk) => {
          if (!bulk.context.startsWith('replication-')) void recount();
        }),
        rep.active$.subscribe((active) => {
          if (!active) void recount();
        }),
      ];
    });

  const g = globalThis as {
    addEventListener?: typeof addEventListener;
    removeEventListener?: typeof removeEventListener;
  };
  const onOnline = (): void => {
    useSyncStatus.getState().setOnline(true);
    wake$.next();
    nudges.poke();
  };
  const onOffline = (): void => useSyncStatus.getState().setOnline(false);
  g.addEventListener?.('online', onOnline);
  g.addEventListener?.('offline', onOffline);
  const timer = setInterval(() => nudges.poke(), o.fallbackMs ?? 180_000);
  // Documents that aged out of the sync window leave the device: at open (days may have
  // passed since the last session) and every hour while the app stays open.
  const prune = (): void => {
    if (!stopped) void pruneOutsideWindow(db, defs, o.now()).catch(() => undefined);
  };
  prune();
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);

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
      // The count the UI shows is current when flush returns (pushed or still waiting).
      if (!stopped) await recountAll();
    }
  };
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    wake$.next();
    clearInterval(timer);
    clearInterval(pruneTimer);
    for (const sub of pendingSubs) sub.unsubscribe();
    freshnessSub.unsubscribe();
    g.removeEventListener?.('online', onOnline);
    g.removeEventListener?.('offline', onOffline);
    await Promise.all(reps.map((r) => r.cancel()));
    await nudges.close();
    await freshness.settled();
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
    async refreshPending() {
      await Promise.all(reps.map((r) => r.startPromise));
      await recountAll();
    },
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
