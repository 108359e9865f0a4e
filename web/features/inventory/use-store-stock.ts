// Supply-chain users and admins keep no stock on the device (the chain's levels are too
// many for a phone): they read one store at a time from the server (get_store_stock,
// migration 20261206000900), in the synced documents' shape, so the Inventory screen
// computes status, filters and totals exactly as it does for the device's slice.
import { useEffect, useState } from 'react';
import type { LevelDoc, ThresholdDoc } from '#shared/metrics/inventory-view.ts';
import { callOnline, type OnlineResult } from '../../data/online-rpc.ts';

export interface StoreStockDocs {
  readonly levels: readonly LevelDoc[];
  readonly thresholds: readonly ThresholdDoc[];
}

export type StoreStock =
  | { readonly state: 'loading'; readonly storeId: string }
  | {
      readonly state: 'ready';
      readonly storeId: string;
      readonly docs: StoreStockDocs;
      readonly asOf: string;
    }
  | { readonly state: 'unavailable'; readonly storeId: string; readonly message: string };

export interface StoreStockAnswer extends StoreStockDocs {
  readonly as_of: string;
}

export type LoadStoreStock = (storeId: string) => Promise<OnlineResult<StoreStockAnswer>>;

const fromServer: LoadStoreStock = (storeId) =>
  callOnline<StoreStockAnswer>('get_store_stock', { store_id: storeId });

/** One store's stock from the server; `attempt` changes to ask again. Null: no store chosen. */
export function useStoreStock(
  storeId: string | null,
  attempt: number,
  load: LoadStoreStock = fromServer,
): StoreStock | null {
  const [stock, setStock] = useState<StoreStock | null>(null);
  useEffect(() => {
    if (storeId === null) {
      setStock(null);
      return;
    }
    let current = true;
    setStock({ state: 'loading', storeId });
    void load(storeId).then((r) => {
      if (!current) return;
      setStock(
        r.ok
          ? {
              state: 'ready',
              storeId,
              docs: { levels: r.data.levels, thresholds: r.data.thresholds },
              asOf: r.data.as_of,
            }
          : { state: 'unavailable', storeId, message: r.message },
      );
    });
    return () => {
      current = false;
    };
  }, [storeId, attempt, load]);
  return stock;
}
