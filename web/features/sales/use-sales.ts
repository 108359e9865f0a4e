// The Sales screen's view model: the role's sales documents from the device (offline
// too), aggregated for the chosen range and drill level in the metrics worker. Which
// documents depend on the role: a store manager's SKU series and hourly rollup, a
// regional manager's store×category packs, the chain roles' region×category packs (each
// with a '*' pack of whole-day totals that counts baskets once).
import { useEffect, useMemo } from 'react';
import type { DayRange } from '#shared/metrics/day-range.ts';
import { istHour, type HourRow, type SalesPack, type SkuSeries } from '#shared/metrics/sales-sources.ts';
import { viewWindow, type SalesScreenData } from '#shared/metrics/screens.ts';
import { addDays } from '#shared/calendar/dates.ts';
import type { UserRole } from '../../data/auth.ts';
import { useDocs } from '../../data/local-docs.ts';
import { readView, writeView } from '../../data/view-cache.ts';
import { metricsClient } from '../../workers-client/metrics.client.ts';
import type { Catalog } from './use-catalog.ts';
import { useLatestResult } from './use-latest-result.ts';

/** Where a role's sales come from, and what its first drill level is. */
export type SalesSource = 'store' | 'region' | 'chain' | 'none';

export function salesSourceOf(role: UserRole | undefined): SalesSource {
  if (role === 'STORE_MANAGER') return 'store';
  if (role === 'REGIONAL_MANAGER') return 'region';
  if (role === 'EXECUTIVE' || role === 'BUSINESS_ANALYST' || role === 'ADMIN') return 'chain';
  return 'none';
}

/** The synced collections each source reads (for the freshness line). */
export const SALES_COLLECTIONS: Readonly<Record<SalesSource, readonly string[]>> = {
  store: ['sales_series', 'hourly_sales', 'catalog'],
  region: ['store_sales', 'catalog'],
  chain: ['region_sales', 'catalog'],
  none: ['catalog'],
};

/** What the current level reads: chain roles inside a region read the store packs. */
export function salesCollections(source: SalesSource, region: string | null): readonly string[] {
  return source === 'chain' && region !== null ? ['store_sales', 'catalog'] : SALES_COLLECTIONS[source];
}

interface StoreSalesDoc extends Omit<SalesPack, 'key'> {
  readonly store_id: string;
}
interface RegionSalesDoc extends Omit<SalesPack, 'key'> {
  readonly region_id: string;
}

export interface SalesQuery {
  readonly source: SalesSource;
  readonly range: DayRange;
  readonly today: string;
  readonly drill: string | null;
  /** Chain roles: the region drilled into (its stores, then a store's categories). */
  readonly region: string | null;
  readonly now: number;
}

/** Whose view it is: a cached view is shown only to the same user in the same scope. */
export interface SalesViewer {
  readonly userId: string;
  readonly scopeVersion: number | undefined;
}

export interface SalesData {
  readonly data: SalesScreenData | null;
  /** False until the device's documents were read and aggregated once. */
  readonly ready: boolean;
  readonly error: string | null;
  /**
   * True while `data` is the view of an earlier query (another range or level) and this
   * one is being computed: the screen must not present it as the answer to this query.
   */
  readonly updating: boolean;
  /** The drill level `data` was computed for (`region|drill`), to keep rows under their own heading. */
  readonly level: string;
}

/** The drill level of a query, as `SalesData.level` names it. */
export function levelOf(q: Pick<SalesQuery, 'region' | 'drill'>): string {
  return `${q.region ?? ''}|${q.drill ?? ''}`;
}

/** What a computed view depends on besides the documents ("by this hour" on the hour). */
function viewKey(q: SalesQuery, viewer: SalesViewer): string {
  return JSON.stringify([
    viewer.userId,
    viewer.scopeVersion,
    q.source,
    q.range,
    q.today,
    q.region,
    q.drill,
    istHour(q.now),
  ]);
}

export function useSales(q: SalesQuery, catalog: Catalog, viewer: SalesViewer): SalesData {
  // A collection the role does not replicate reads as empty (useDocs), so every hook runs.
  // Packs are few (a region: ~160, the chain: ~100) and hold 90 days each; the worker reads
  // only the days the view needs. Hours start a day earlier: an IST day begins at 18:30 UTC
  // the day before.
  const from = viewWindow(q.range, q.today).from;
  const hourQuery = useMemo(() => ({ selector: { hour_start: { $gte: addDays(from, -1) } } }), [from]);
  const series = useDocs<SkuSeries & { store_id: string }>('sales_series');
  const hours = useDocs<HourRow>('hourly_sales', hourQuery);
  const storeSales = useDocs<StoreSalesDoc>('store_sales');
  const regionSales = useDocs<RegionSalesDoc>('region_sales');
  const docsReady = series.ready && hours.ready && storeSales.ready && regionSales.ready && catalog.ready;
  const key = viewKey(q, viewer);
  const input = useMemo(
    () =>
      docsReady && q.source !== 'none' ? { key, q, series, hours, storeSales, regionSales, catalog } : null,
    [docsReady, key, q, series, hours, storeSales, regionSales, catalog],
  );
  const result = useLatestResult(input, compute);
  // Which query the shown figures answer (an earlier one while this one computes).
  const shownKey = result.source?.key ?? null;
  const current = result.value !== null && shownKey === key ? result.value : null;
  // The view last computed for exactly this user and query, shown until the device's
  // documents have been aggregated again (a warm start shows its numbers at once).
  const cached = useMemo(() => readView<SalesScreenData>('sales', key), [key]);
  // Only top-level views are kept: a start always opens there, and a drill-down must not
  // push the view a warm start needs out of the (one-entry) cache.
  const topLevel = q.drill === null && q.region === null;
  useEffect(() => {
    if (current !== null && topLevel) writeView('sales', key, current);
  }, [current, key, topLevel]);
  const level = levelOf(q);
  if (q.source === 'none') return { data: null, ready: true, error: null, updating: false, level };
  if (current === null && cached !== null && result.error === null)
    return { data: cached, ready: true, error: null, updating: false, level };
  return {
    data: result.value,
    ready: result.ready,
    error: result.error,
    updating: result.value !== null && shownKey !== key,
    level: result.source === null ? level : levelOf(result.source.q),
  };
}

interface ComputeInput {
  readonly q: SalesQuery;
  readonly series: { readonly docs: readonly (SkuSeries & { store_id: string })[] };
  readonly hours: { readonly docs: readonly HourRow[] };
  readonly storeSales: { readonly docs: readonly StoreSalesDoc[] };
  readonly regionSales: { readonly docs: readonly RegionSalesDoc[] };
  readonly catalog: Catalog;
}

function compute({
  q,
  series,
  hours,
  storeSales,
  regionSales,
  catalog,
}: ComputeInput): Promise<SalesScreenData> {
  const client = metricsClient();
  if (q.source === 'store')
    return client.salesFromSeries({
      series: series.docs,
      categoryOf: catalog.categoryOf,
      hours: hours.docs,
      range: q.range,
      today: q.today,
      drill: q.drill,
      now: q.now,
    });
  // Chain roles: regions at the top; in a region its stores' packs, drilled to a store.
  const inRegion = q.source === 'chain' && q.region !== null;
  return client.salesFromPacks({
    packs:
      q.source === 'region'
        ? storeSales.docs.map((d) => pack(d, d.store_id))
        : inRegion
          ? storeSales.docs
              .filter((d) => catalog.regionOfStore[d.store_id] === q.region)
              .map((d) => pack(d, d.store_id))
          : regionSales.docs.map((d) => pack(d, d.region_id)),
    range: q.range,
    today: q.today,
    drill: q.drill,
  });
}

/** The pack's fields only: RxDB documents carry more, and the worker copies what it gets. */
function pack(d: Omit<SalesPack, 'key'>, key: string): SalesPack {
  return {
    key,
    category: d.category,
    start_date: d.start_date,
    revenue: d.revenue,
    units: d.units,
    transactions: d.transactions,
  };
}
