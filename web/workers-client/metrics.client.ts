// The dashboards' door to the metrics worker: the same pure functions run in a comlink
// worker, or on the main thread where module workers are unavailable (old WebViews,
// happy-dom tests), so answers are identical either way. One worker per tab, started on
// first use.
import { wrap, type Remote } from 'comlink';
import {
  inventoryScreen,
  salesFromSeries,
  type InventoryScreenInput,
  type SalesScreenData,
  type SeriesSalesInput,
} from '#shared/metrics/screens.ts';
import type { InventoryView } from '#shared/metrics/inventory-view.ts';
import { salesFromPacks, type PackSalesInput } from '#shared/metrics/sales-packs.ts';
import type { MetricsWorkerApi } from '../../workers/metrics.worker.ts';

export interface MetricsClient {
  salesFromSeries(input: SeriesSalesInput): Promise<SalesScreenData>;
  salesFromPacks(input: PackSalesInput): Promise<SalesScreenData>;
  inventoryScreen(input: InventoryScreenInput): Promise<InventoryView>;
  /** Whether answers come from a worker (false: the main-thread fallback). */
  readonly inWorker: boolean;
  dispose(): void;
}

/** The main-thread fallback (also what tests use). */
export function mainThreadMetricsClient(): MetricsClient {
  return {
    inWorker: false,
    salesFromSeries: async (input) => salesFromSeries(input),
    salesFromPacks: async (input) => salesFromPacks(input),
    inventoryScreen: async (input) => inventoryScreen(input),
    dispose: () => {},
  };
}

export function createMetricsClient(): MetricsClient {
  if (typeof Worker === 'undefined') return mainThreadMetricsClient();
  let worker: Worker;
  try {
    worker = new Worker(new URL('../../workers/metrics.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return mainThreadMetricsClient();
  }
  const remote: Remote<MetricsWorkerApi> = wrap<MetricsWorkerApi>(worker);
  return {
    inWorker: true,
    salesFromSeries: (input) => remote.salesFromSeries(input),
    salesFromPacks: (input) => remote.salesFromPacks(input),
    inventoryScreen: (input) => remote.inventoryScreen(input),
    dispose: () => worker.terminate(),
  };
}

let shared: MetricsClient | undefined;

/** The tab's metrics client, created on first use. */
export function metricsClient(): MetricsClient {
  shared ??= createMetricsClient();
  return shared;
}
