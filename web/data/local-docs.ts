// The screens' window onto the synced slice: the signed-in user's RxDB database (or none
// before sign-in and while a wipe runs) and a hook that keeps a query's documents live.
// Screens read only from here, so they work the same online and offline; what is not in
// the slice is an online drill-down (see web/data/*-rpc.ts) that says "needs connection".
import { useEffect, useState } from 'react';
import type { MangoQuery } from 'rxdb';
import type { CollectionName } from '#shared/sync/schemas.ts';
import { useLocalDb } from './local-db.store.ts';

export { useLocalDb };

export interface LiveDocs<T> {
  /** The matching documents as plain objects (no RxDB internals). */
  readonly docs: readonly T[];
  /** False until the local database is open and the first query result arrived. */
  readonly ready: boolean;
}

/**
 * Live documents of one collection of the user's slice. `query` is a Mango query; pass a
 * stable value (a constant, or memoised on its inputs) — it is compared by JSON.
 * A collection the role does not replicate yields `{ docs: [], ready: true }`.
 */
export function useDocs<T>(collection: CollectionName, query: MangoQuery<T> = {}): LiveDocs<T> {
  const db = useLocalDb((s) => s.db);
  const key = JSON.stringify(query);
  const [state, setState] = useState<LiveDocs<T>>({ docs: [], ready: false });
  useEffect(() => {
    if (db === undefined) {
      setState({ docs: [], ready: false });
      return;
    }
    const col = db.collections[collection];
    if (col === undefined) {
      setState({ docs: [], ready: true });
      return;
    }
    const sub = col.find(JSON.parse(key) as MangoQuery<unknown>).$.subscribe((found) => {
      setState({ docs: found.map((d) => d.toJSON() as T), ready: true });
    });
    return () => sub.unsubscribe();
  }, [db, collection, key]);
  return state;
}

/** Writes to the slice go through the collection (replication pushes them). */
export function localCollection(collection: CollectionName) {
  return useLocalDb.getState().db?.collections[collection];
}
