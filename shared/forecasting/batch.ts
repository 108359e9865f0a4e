// Chunk-friendly batch entry point for the forecast worker: one bad series (malformed
// parameters) becomes an error entry naming its key instead of failing the whole chunk.
import { forecastSeries } from './forecast-series.ts';
import type { ForecastInput, ForecastResult } from './types.ts';

export interface BatchItem<K> {
  readonly key: K;
  readonly input: ForecastInput;
}

export type BatchOutcome<K> =
  | { readonly key: K; readonly ok: true; readonly result: ForecastResult }
  | { readonly key: K; readonly ok: false; readonly error: string };

export function forecastBatch<K>(items: readonly BatchItem<K>[]): BatchOutcome<K>[] {
  return items.map(({ key, input }) => {
    try {
      return { key, ok: true as const, result: forecastSeries(input) };
    } catch (e) {
      return { key, ok: false as const, error: e instanceof Error ? e.message : String(e) };
    }
  });
}
