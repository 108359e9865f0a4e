// Turns a claimed region chunk (one region × a range of SKUs, every active store of the
// region; migration 20261206000500) into forecast rows with the shared hierarchy: per SKU
// the region total is forecast and disaggregated to stores by recent shares, or a
// high-volume store series is forecast on its own, chosen per series by backtest
// (shared/forecasting/hierarchy.ts). Each store row records its path and share; one
// region row per SKU carries the region×SKU forecast. Chunks enqueued before the
// hierarchy (series without storeId) go through the per-store forecastChunk unchanged.
// Pure: no I/O, no clock. All-or-nothing as forecastChunk: one failing SKU fails the chunk.
import { forecastHierarchy, type HierarchyPath } from '../../../shared/forecasting/hierarchy.ts';
import type { ForecastResult } from '../../../shared/forecasting/types.ts';
import {
  ChunkError,
  densify,
  FORECAST_DAYS,
  forecastChunk,
  type ChunkSeries,
  type ClaimedChunk,
  type ForecastRow,
} from '../_shared/forecast-chunk.ts';

export interface RegionChunkSeries extends ChunkSeries {
  readonly storeId: string;
}

export interface StoreForecastRow extends ForecastRow {
  readonly level: 'store';
  readonly storeId: string;
  readonly path: HierarchyPath;
  readonly share: number;
}

export interface RegionForecastRow extends ForecastRow {
  readonly level: 'region';
  readonly storeCount: number;
}

export type HierarchyRow = StoreForecastRow | RegionForecastRow;

const round3 = (xs: readonly number[]): number[] => xs.map((x) => Math.round(x * 1000) / 1000);

function baseRow(sku: string, r: ForecastResult): ForecastRow {
  return {
    sku,
    startDate: r.dates[0]!,
    model: r.model,
    insufficientHistory: r.flags.insufficientHistory,
    historyDays: r.diagnostics.historyDays,
    point: round3(r.point),
    lower80: round3(r.lower80),
    upper80: round3(r.upper80),
    lower95: round3(r.lower95),
    upper95: round3(r.upper95),
  };
}

function isRegionChunk(
  chunk: ClaimedChunk,
): chunk is ClaimedChunk & { series: readonly RegionChunkSeries[] } {
  return (
    chunk.series.length > 0 &&
    chunk.series.every((s) => typeof (s as Partial<RegionChunkSeries>).storeId === 'string')
  );
}

/** Series grouped by SKU, in the order the chunk lists them. */
function bySku(series: readonly RegionChunkSeries[]): Map<string, RegionChunkSeries[]> {
  const groups = new Map<string, RegionChunkSeries[]>();
  for (const s of series) {
    const group = groups.get(s.sku);
    if (group) group.push(s);
    else groups.set(s.sku, [s]);
  }
  return groups;
}

function forecastSku(sku: string, series: readonly RegionChunkSeries[], region: string): HierarchyRow[] {
  // Histories end on the same day (the day before the run); the longest one starts first.
  const longest = series.reduce((a, b) => (b.days > a.days ? b : a));
  const result = forecastHierarchy({
    stores: series.map((s) => ({ storeId: s.storeId, history: densify(s) })),
    startDate: longest.startDate,
    region,
    horizon: FORECAST_DAYS,
  });
  const stores: HierarchyRow[] = result.stores.map((s) => ({
    ...baseRow(sku, s.forecast),
    level: 'store',
    storeId: s.storeId,
    path: s.path,
    share: Math.round(s.share * 1e6) / 1e6,
  }));
  return [...stores, { ...baseRow(sku, result.region), level: 'region', storeCount: series.length }];
}

export function forecastHierarchyChunk(chunk: ClaimedChunk): HierarchyRow[] | ForecastRow[] {
  if (!isRegionChunk(chunk)) return forecastChunk(chunk);
  const rows: HierarchyRow[] = [];
  const errors: string[] = [];
  for (const [sku, series] of bySku(chunk.series)) {
    try {
      rows.push(...forecastSku(sku, series, chunk.region));
    } catch (e) {
      errors.push(`${sku}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (errors.length > 0) {
    throw new ChunkError(`${errors.length} SKUs failed: ${errors.slice(0, 3).join('; ')}`);
  }
  return rows;
}
