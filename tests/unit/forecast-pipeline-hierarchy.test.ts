// The forecast-worker's region chunk function (supabase/functions/forecast-worker/
// hierarchy-chunk.ts) and the high-volume gate of the hierarchy: grouping by SKU, one
// store row per series with its path and share plus one region row per SKU, legacy
// store chunks unchanged, and all-or-nothing on malformed input.
import { describe, expect, it } from 'vitest';
import { forecastHierarchy } from '../../shared/forecasting/hierarchy.ts';
import { forecastHierarchyChunk } from '../../supabase/functions/forecast-worker/hierarchy-chunk.ts';
import {
  ChunkError,
  type ChunkSeries,
  type ClaimedChunk,
} from '../../supabase/functions/_shared/forecast-chunk.ts';

const DAYS = 420;
const weekly = (level: number) => Array.from({ length: DAYS }, (_, t) => level + (t % 7 === 5 ? level : 0));
const sparse = (xs: readonly number[], sku: string, storeId: string) => ({
  storeId,
  sku,
  startDate: '2025-10-01',
  days: xs.length,
  offsets: xs.flatMap((x, t) => (x > 0 ? [t] : [])),
  units: xs.filter((x) => x > 0),
});

describe('forecastHierarchyChunk', () => {
  const chunk: ClaimedChunk = {
    jobId: 1,
    attempt: 1,
    runDate: '2026-11-25',
    storeId: '',
    region: 'NORTH',
    series: [
      sparse(weekly(20), 'A', 'S1'),
      sparse(
        Array.from({ length: DAYS }, (_, t) => (t % 5 === 0 ? 1 : 0)),
        'A',
        'S2',
      ),
      sparse(weekly(3), 'B', 'S1'),
      { storeId: 'S2', sku: 'B', startDate: '2026-11-25', days: 0, offsets: [], units: [] },
    ],
  };

  it('writes one row per store series with path and share, and one region row per SKU', () => {
    const rows = forecastHierarchyChunk(chunk);
    expect(
      rows.map((r) => ('level' in r ? `${r.level}:${r.sku}:${'storeId' in r ? r.storeId : ''}` : '')),
    ).toEqual(['store:A:S1', 'store:A:S2', 'region:A:', 'store:B:S1', 'store:B:S2', 'region:B:']);
    for (const r of rows) {
      expect(r.point).toHaveLength(30);
      expect(r.startDate).toBe('2026-11-25');
    }
    const a2 = rows[1] as { path: string; share: number; insufficientHistory: boolean };
    // a slow seller (0.2 a day) takes the regional pattern scaled by its share
    expect(a2.path).toBe('TOP_DOWN');
    expect(a2.share).toBeGreaterThan(0);
    expect(a2.share).toBeLessThan(0.05);
    // the store that never sold B has share 0 and keeps its short-history flag (Property 10)
    expect(rows[4]).toMatchObject({ share: 0, insufficientHistory: true, historyDays: 0 });
    expect(rows[2]).toMatchObject({ level: 'region', storeCount: 2 });
  });

  it('is deterministic', () => {
    expect(forecastHierarchyChunk(chunk)).toEqual(forecastHierarchyChunk(chunk));
  });

  it('forecasts a store chunk (series without storeId) per store, as before', () => {
    const legacy: ClaimedChunk = {
      ...chunk,
      storeId: 'S1',
      series: [{ sku: 'A', startDate: '2025-10-01', days: 3, offsets: [0, 2], units: [1, 2] }],
    };
    const rows = forecastHierarchyChunk(legacy);
    expect(rows).toHaveLength(1);
    expect(rows[0]).not.toHaveProperty('level');
    expect(rows[0]).toMatchObject({ sku: 'A', model: 'FALLBACK', insufficientHistory: true });
  });

  it('fails the whole chunk on a malformed series, naming the SKU', () => {
    const bad: ClaimedChunk = {
      ...chunk,
      series: [
        ...chunk.series,
        {
          storeId: 'S3',
          sku: 'C',
          startDate: '2025-10-01',
          days: 2,
          offsets: [5],
          units: [1],
        } as ChunkSeries,
      ],
    };
    expect(() => forecastHierarchyChunk(bad)).toThrow(ChunkError);
    expect(() => forecastHierarchyChunk(bad)).toThrow(/C: .*offset 5/);
  });
});

describe('hierarchy high-volume gate', () => {
  it('lets only series selling at least directMinDailyUnits a day compete for DIRECT', () => {
    const stores = [
      { storeId: 'big', history: weekly(30) },
      { storeId: 'small', history: weekly(0.4) },
    ];
    const base = { stores, startDate: '2025-10-01', region: 'NORTH', horizon: 7 };
    const gated = forecastHierarchy(base);
    expect(gated.stores[1]!.path).toBe('TOP_DOWN');
    // with the gate off, the (perfectly weekly) small store wins DIRECT on its backtest
    const open = forecastHierarchy({ ...base, directMinDailyUnits: 0 });
    expect(open.stores[1]!.path).toBe('DIRECT');
    // nobody above the gate: everything top-down, no store backtest at all
    expect(forecastHierarchy({ ...base, directMinDailyUnits: 1000 }).stores.map((s) => s.path)).toEqual([
      'TOP_DOWN',
      'TOP_DOWN',
    ]);
  });
});
