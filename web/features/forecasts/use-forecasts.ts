// The Forecast screen's data, all from the synced slice (works offline): the forecasts
// collection (store managers: their SKUs; regional managers: region×SKU aggregates), the
// catalog for names and search, and (store managers) the SKU's last 90 days of sales.
import { useMemo } from 'react';
import type { ForecastDoc } from '#shared/forecasting/forecast-view.ts';
import { useDocs } from '../../data/local-docs.ts';
import { callOnline } from '../../data/online-rpc.ts';
import { storeRpc, type LoadStore } from '../../data/use-store-read.ts';

interface CatalogDoc {
  readonly id: string;
  readonly kind: string;
  readonly code: string;
  readonly name: string;
  readonly region_id?: string | null;
  readonly category?: string | null;
}

export interface SalesSeriesDoc {
  readonly id: string;
  readonly store_id: string;
  readonly sku: string;
  readonly start_date: string;
  readonly units: readonly number[];
}

export interface ForecastCatalog {
  readonly ready: boolean;
  readonly productName: (sku: string) => string;
  readonly storeName: (id: string) => string;
  readonly regionName: (id: string) => string;
  readonly categoryOf: (sku: string) => string;
  /** Region of a store (festival calendar), when the catalog has the store. */
  readonly regionOfStore: (id: string) => string | undefined;
  /** The stores the catalog holds (the caller's scope), by code. */
  readonly storeIds: readonly string[];
}

export function useForecastCatalog(): ForecastCatalog {
  const { docs, ready } = useDocs<CatalogDoc>('catalog');
  return useMemo(() => {
    const byId = new Map(docs.map((d) => [d.id, d]));
    const name = (kind: string) => (code: string) => byId.get(`${kind}:${code}`)?.name ?? code;
    return {
      ready,
      productName: name('product'),
      storeName: name('store'),
      regionName: name('region'),
      categoryOf: (sku) => byId.get(`product:${sku}`)?.category ?? 'Uncategorised',
      regionOfStore: (id) => byId.get(`store:${id}`)?.region_id ?? undefined,
      storeIds: docs
        .filter((d) => d.kind === 'store')
        .map((d) => d.code)
        .sort(),
    };
  }, [docs, ready]);
}

export function useForecastDocs(): { readonly docs: readonly ForecastDoc[]; readonly ready: boolean } {
  return useDocs<ForecastDoc>('forecasts');
}

export function useSalesHistory(storeId: string | undefined, sku: string | null): SalesSeriesDoc | undefined {
  const query = useMemo(() => ({ selector: { id: `${storeId ?? ''}|${sku ?? ''}` } }), [storeId, sku]);
  const { docs } = useDocs<SalesSeriesDoc>('sales_series', query);
  return storeId === undefined || sku === null ? undefined : docs[0];
}

/** What the product list shows of a forecast: a synced document or a server list entry. */
export type ForecastListItem = Pick<
  ForecastDoc,
  'sku' | 'forecast_7d' | 'forecast_30d' | 'insufficient_history'
>;

/** Products matching a search by name or SKU code (case-insensitive, every word). */
export function matchProducts<D extends ForecastListItem>(
  docs: readonly D[],
  catalog: Pick<ForecastCatalog, 'productName'>,
  query: string,
): D[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const hits = docs.filter((d) => {
    const hay = `${catalog.productName(d.sku)} ${d.sku}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  return hits.sort((a, b) => b.forecast_30d - a.forecast_30d || a.sku.localeCompare(b.sku));
}

/** One SKU of a store's forecast list read from the server (get_store_forecast_list). */
export interface ForecastSummary extends ForecastListItem {
  readonly run_date: string;
  readonly model: string;
}

/** A store's forecast list (supply-chain users, admins): small, one entry per SKU. */
export interface StoreForecastList {
  readonly forecasts: readonly ForecastSummary[];
}

/** One SKU opened from that list: its full forecast document (null if none) and history. */
export interface StoreForecastOne {
  readonly forecast: ForecastDoc | null;
  readonly history: SalesSeriesDoc | null;
}

/** Where a store's forecasts come from: the list, then one SKU at a time ("<store>|<sku>"). */
export interface StoreForecastLoaders {
  readonly list: LoadStore<StoreForecastList>;
  readonly one: LoadStore<StoreForecastOne>;
}

/** The key of one SKU at one store for `StoreForecastLoaders.one` (store ids hold no "|"). */
export const forecastKey = (storeId: string, sku: string): string => `${storeId}|${sku}`;

/** get_store_forecast_list and get_store_forecast (migration 20261206001000). */
export const storeForecastsFromServer: StoreForecastLoaders = {
  list: storeRpc<StoreForecastList>('get_store_forecast_list'),
  one: (key) => {
    const bar = key.indexOf('|');
    return callOnline<StoreForecastOne & { readonly as_of: string }>('get_store_forecast', {
      store_id: key.slice(0, bar),
      sku: key.slice(bar + 1),
    });
  },
};
