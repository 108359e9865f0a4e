// Comlink worker for the dashboards' heavy aggregation (summing ~600 SKU series over a
// range, category rollups, stock status of every SKU×store): exposes the pure screen
// functions of shared/metrics so the UI thread stays free. No logic of its own.
import { expose } from 'comlink';
import { inventoryScreen, salesFromSeries } from '../shared/metrics/screens.ts';
import { salesFromPacks } from '../shared/metrics/sales-packs.ts';

export const metricsWorkerApi = { salesFromSeries, salesFromPacks, inventoryScreen };
export type MetricsWorkerApi = typeof metricsWorkerApi;

expose(metricsWorkerApi);
