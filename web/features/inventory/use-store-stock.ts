// Supply-chain users' and admins' stock: one store at a time from the server
// (get_store_stock, migration 20261206000900), in the synced documents' shape.
import type { LevelDoc, ThresholdDoc } from '#shared/metrics/inventory-view.ts';
import { storeRpc, type LoadStore } from '../../data/use-store-read.ts';

export interface StoreStockDocs {
  readonly levels: readonly LevelDoc[];
  readonly thresholds: readonly ThresholdDoc[];
}

export type LoadStoreStock = LoadStore<StoreStockDocs>;

export const loadStoreStockFromServer: LoadStoreStock = storeRpc<StoreStockDocs>('get_store_stock');
