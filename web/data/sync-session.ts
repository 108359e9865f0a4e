// Ties the sync engine to the signed-in session: one engine for the current user and
// scope. A token refresh carrying another scope_version (role or scope change) restarts
// the engine, and openUserDatabase wipes the old slice first; a different user (shared
// device) flushes and wipes the previous user's database before starting.
//
// RxDB, Dexie and the replication load on first use, as a chunk of their own: the sign-in
// screen does not need them, and on a warm start the shell and the last computed numbers
// (view-cache.ts) paint while they load and open IndexedDB.
import type { Session } from '@supabase/supabase-js';
import { identityOf } from './auth.ts';
import type { SyncScope } from './sync-database.ts';
import type { SyncEngine } from './sync-engine.ts';
import { useLocalDb } from './local-db.store.ts';
import { useSyncStatus } from './sync-status.store.ts';
import { supabase } from './supabase.ts';

const loadEngine = async () => {
  const [engine, dexie, rpc] = await Promise.all([
    import('./sync-engine.ts'),
    import('rxdb/plugins/storage-dexie'),
    import('./sync-rpc.ts'),
  ]);
  return {
    startSync: engine.startSync,
    getRxStorageDexie: dexie.getRxStorageDexie,
    supabaseSyncRpc: rpc.supabaseSyncRpc,
  };
};

/** Starts loading the sync code (a returning user will need it in a moment). */
export function preloadSyncEngine(): void {
  void loadEngine().catch(() => undefined);
}

let current: { engine: SyncEngine; key: string; userId: string } | undefined;
let starting: Promise<SyncEngine> | undefined;

const scopeOf = (session: Session): SyncScope => {
  const id = identityOf(session);
  return {
    userId: id.userId,
    role: id.role,
    storeId: id.storeId,
    regionId: id.regionId,
    scopeVersion: id.scopeVersion,
  };
};

/** Starts (or keeps) the engine for this session's user and scope. */
export async function syncForSession(session: Session): Promise<SyncEngine> {
  const scope = scopeOf(session);
  const key = JSON.stringify(scope);
  if (current?.key === key) return current.engine;
  if (starting) await starting.catch(() => undefined);
  if (current !== undefined) {
    const previous = current;
    current = undefined;
    useLocalDb.getState().setDb(undefined);
    // Another user on this device: theirs must not stay. Same user, new scope: the
    // database is wiped on open because its stored scope no longer matches.
    if (previous.userId !== scope.userId) await previous.engine.flushAndWipe(10_000);
    else await previous.engine.stop();
  }
  starting = loadEngine().then(({ startSync, getRxStorageDexie, supabaseSyncRpc }) =>
    startSync({
      scope,
      storage: getRxStorageDexie() as never,
      rpc: supabaseSyncRpc(supabase()),
      realtime: supabase(),
      now: () => Date.now(),
      onResyncRequired: () => void resyncFromScratch(session),
    }),
  );
  const engine = await starting;
  starting = undefined;
  current = { engine, key, userId: scope.userId };
  useLocalDb.getState().setDb(engine.db);
  // An observable for tools outside the app (bench/sync.ts measures the initial sync in
  // Chromium by it): no data, only which collections finished their first pull.
  void engine.awaitInitial().then(
    () => {
      if (current?.engine !== engine) return;
      globalThis.dispatchEvent?.(
        new CustomEvent('brmi:synced', { detail: { collections: Object.keys(engine.db.collections) } }),
      );
    },
    () => undefined,
  );
  return engine;
}

/** The server dropped tombstones we had not seen: wipe (after flushing) and pull again. */
async function resyncFromScratch(session: Session): Promise<void> {
  const previous = current;
  if (previous === undefined) return;
  current = undefined;
  useLocalDb.getState().setDb(undefined);
  await previous.engine.flushAndWipe(10_000);
  await syncForSession(session);
}

/** Follows sign-in, token refresh (scope changes arrive here) and sign-out. */
export function followSession(): () => void {
  const { data } = supabase().auth.onAuthStateChange((event, session) => {
    if (session && (event === 'SIGNED_IN' || event === 'TOKEN_REFRESHED' || event === 'INITIAL_SESSION')) {
      void syncForSession(session);
    }
  });
  return () => data.subscription.unsubscribe();
}

export function currentSyncEngine(): SyncEngine | undefined {
  return current?.engine;
}

/**
 * Ends sync for the signed-in user: pushes what is pending (at most `timeoutMs`), then
 * removes the local database. Returns false when pending changes could not be pushed;
 * with `discardUnsent` false the database is then kept, so nothing is lost silently.
 */
export async function endSync(timeoutMs: number, discardUnsent: boolean): Promise<boolean> {
  const engine = current?.engine;
  if (engine === undefined) return true;
  const flushed = await engine.flush(timeoutMs);
  if (!flushed && !discardUnsent) return false;
  current = undefined;
  useLocalDb.getState().setDb(undefined);
  await engine.flushAndWipe(0);
  useSyncStatus.getState().reset();
  return flushed;
}
