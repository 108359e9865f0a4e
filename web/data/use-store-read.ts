// One store's data read from the server, for roles that keep no copy on the device
// (supply-chain users and admins: the chain's SKU×store rows are far beyond a phone's
// slice). The answers have the synced documents' shape, so screens reuse their code.
// Offline or refused, the state says why (online-rpc.ts), and `attempt` asks again.
import { useEffect, useState } from 'react';
import type { UserRole } from './auth.ts';
import { callOnline, type OnlineResult } from './online-rpc.ts';

/** Roles whose stock and forecasts come from the server (every store, none on the device). */
export function readsStoresOnline(role: UserRole | undefined): boolean {
  return role === 'SUPPLY_CHAIN_USER' || role === 'ADMIN';
}

export type StoreRead<T> =
  | { readonly state: 'loading'; readonly storeId: string }
  | { readonly state: 'ready'; readonly storeId: string; readonly data: T; readonly asOf: string }
  | { readonly state: 'unavailable'; readonly storeId: string; readonly message: string };

export type LoadStore<T> = (storeId: string) => Promise<OnlineResult<T & { readonly as_of: string }>>;

/** A loader calling the RPC `fn(store_id)`. */
export const storeRpc =
  <T>(fn: string): LoadStore<T> =>
  (storeId) =>
    callOnline<T & { readonly as_of: string }>(fn, { store_id: storeId });

/** The store's data through `load`; null while no store is chosen. */
export function useStoreRead<T>(
  storeId: string | null,
  attempt: number,
  load: LoadStore<T>,
): StoreRead<T> | null {
  const [read, setRead] = useState<StoreRead<T> | null>(null);
  useEffect(() => {
    if (storeId === null) {
      setRead(null);
      return;
    }
    let current = true;
    setRead({ state: 'loading', storeId });
    void load(storeId).then((r) => {
      if (!current) return;
      setRead(
        r.ok
          ? { state: 'ready', storeId, data: r.data, asOf: r.data.as_of }
          : { state: 'unavailable', storeId, message: r.message },
      );
    });
    return () => {
      current = false;
    };
  }, [storeId, attempt, load]);
  return read;
}
