// The Inventory screen's view model: levels, thresholds and (store managers) SKU series
// from the device, with status, filters, category totals and turnover computed in the
// metrics worker. Works offline; a threshold edit shows as soon as it is written locally.
import { useMemo } from 'react';
import type {
  InventoryFilter,
  InventoryView,
  LevelDoc,
  ThresholdDoc,
} from '#shared/metrics/inventory-view.ts';
import type { SkuSeries } from '#shared/metrics/sales-sources.ts';
import type { InventoryScreenInput } from '#shared/metrics/screens.ts';
import { useDocs } from '../../data/local-docs.ts';
import { metricsClient } from '../../workers-client/metrics.client.ts';
import type { Catalog } from '../sales/use-catalog.ts';
import { useLatestResult } from '../sales/use-latest-result.ts';
import type { StoreStockDocs } from './use-store-stock.ts';

/** Turnover is over the last 30 days of each SKU's sales series. */
export const TURNOVER_DAYS = 30;

export interface InventoryData {
  readonly view: InventoryView | null;
  readonly ready: boolean;
  readonly error: string | null;
  /** True while `view` answers an earlier filter and this one is being computed. */
  readonly updating: boolean;
  /** The current threshold documents by `store|sku` (the editor starts from them). */
  readonly thresholds: ReadonlyMap<string, ThresholdDoc>;
}

/**
 * `remote`: documents read from the server instead of the device (roles without a stock
 * slice; null while they load). Without it the device's collections are read.
 */
export function useInventory(
  filter: InventoryFilter,
  limit: number,
  today: string,
  catalog: Catalog,
  remote?: StoreStockDocs | null,
): InventoryData {
  // A collection the role does not replicate reads as empty, so the hooks always run.
  const local = {
    levels: useDocs<LevelDoc>('inventory_levels'),
    thresholds: useDocs<ThresholdDoc & { id: string }>('inventory_thresholds'),
  };
  const fromServer = useMemo(
    () =>
      remote === undefined
        ? undefined
        : {
            levels: { docs: remote?.levels ?? [], ready: remote !== null },
            thresholds: {
              docs: (remote?.thresholds ?? []).map((t) => ({ ...t, id: `${t.store_id}|${t.sku}` })),
              ready: remote !== null,
            },
          },
    [remote],
  );
  const levels = fromServer?.levels ?? local.levels;
  const thresholds = fromServer?.thresholds ?? local.thresholds;
  const series = useDocs<SkuSeries & { store_id: string }>('sales_series');
  const products = useMemo(() => {
    const out: Record<string, { name: string; category: string; unitPricePaise: number }> = {};
    for (const [sku, category] of Object.entries(catalog.categoryOf))
      out[sku] = { name: catalog.productName(sku), category, unitPricePaise: catalog.pricePaiseOf[sku] ?? 0 };
    return out;
  }, [catalog]);
  const docsReady = levels.ready && thresholds.ready && series.ready && catalog.ready;
  const input = useMemo(
    () =>
      docsReady
        ? {
            levels: levels.docs,
            thresholds: thresholds.docs,
            products,
            series: series.docs,
            today,
            turnoverDays: TURNOVER_DAYS,
            filter,
            limit,
          }
        : null,
    [docsReady, levels.docs, thresholds.docs, series.docs, products, today, filter, limit],
  );
  const result = useLatestResult(input, computeView);
  const state = {
    view: result.value,
    ready: result.ready,
    error: result.error,
    updating:
      result.value !== null &&
      result.source !== null &&
      input !== null &&
      viewKey(result.source) !== viewKey(input),
  };
  const byId = useMemo(() => new Map(thresholds.docs.map((t) => [t.id, t])), [thresholds.docs]);
  return { ...state, thresholds: byId };
}

/** What decides which rows are listed (a new sync of the same filter is not "updating"). */
const viewKey = (input: InventoryScreenInput): string =>
  JSON.stringify([input.filter, input.limit, input.today]);

const computeView = (input: InventoryScreenInput): Promise<InventoryView> =>
  metricsClient().inventoryScreen(input);
