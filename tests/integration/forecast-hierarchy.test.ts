// Hierarchy in the nightly pipeline (issue 9 §2, migration 20261206000500): a region chunk
// carries every active store of the region for a range of SKUs; the worker's chunk
// function forecasts the region×SKU total and disaggregates it to stores by recent shares,
// or forecasts a high-volume store directly, chosen per series by backtest; the rows
// record the path and share, and the region×SKU forecast is written beside them. The
// worker's loop is exercised end to end in forecast-pipeline.test.ts; here the same SQL
// and chunk function run step by step, so each step can be checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastHierarchyChunk } from '../../supabase/functions/forecast-worker/hierarchy-chunk.ts';
import { parseClaim, type ClaimedChunk } from '../../supabase/functions/_shared/forecast-chunk.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const RUN_DATE = '2026-11-20';
let stack: TestStack;

// NORTH: H1 sells ~20 a day for 400 days (high volume), L1 ~0.3 a day (slow), N1 opened
// 200 days ago (Property 10). SOUTH: one store. Two active SKUs, one discontinued.
const WORLD = `
insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
insert into public.stores (id, name, region_id, tier, city, state, status) values
  ('H1', 'High', 'NORTH', 'TIER_1', 'Delhi', 'DL', 'ACTIVE'),
  ('L1', 'Low', 'NORTH', 'TIER_2', 'Agra', 'UP', 'ACTIVE'),
  ('N1', 'New', 'NORTH', 'TIER_2', 'Noida', 'UP', 'ACTIVE'),
  ('X1', 'Closed', 'NORTH', 'TIER_2', 'Noida', 'UP', 'INACTIVE'),
  ('S1', 'South 1', 'SOUTH', 'TIER_1', 'Chennai', 'TN', 'ACTIVE');
insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price, status) values
  ('RICE-1', 'Rice', 'Grocery', 'Rice', 'A', 120, 90, 'ACTIVE'),
  ('DAL-1', 'Dal', 'Grocery', 'Pulses', 'B', 150, 110, 'ACTIVE'),
  ('TEA-1', 'Tea', 'Grocery', 'Tea', 'E', 140, 100, 'DISCONTINUED');
`;

const HISTORY = `
insert into public.sales_sku_store_day (store_id, sku, business_date, units, revenue, transaction_count)
select st.id, p.sku, d::date, u.units, u.units * 10, greatest(u.units, 1)
  from (values ('H1', 400, 20), ('L1', 400, 0), ('N1', 200, 8), ('S1', 400, 10)) as st (id, days, level)
  cross join (values ('RICE-1', 1), ('DAL-1', 2)) as p (sku, k)
  cross join lateral generate_series($1::date - st.days, $1::date - 1, interval '1 day') as d
  cross join lateral (select (case when st.level = 0 then (extract(doy from d)::int % 3 = 0)::int
                                   else st.level * p.k + case extract(isodow from d) when 6 then 5 when 7 then 8 else 0 end
                                        + (extract(doy from d)::int * 7 + p.k) % 4 end)::numeric as units) as u
 where u.units > 0
`;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.adminPool.query(WORLD);
  await stack.adminPool.query(HISTORY, [RUN_DATE]);
  // 3 NORTH stores × 2 SKUs per chunk
  await stack.adminPool.query('update private.forecast_settings set chunk_size = 6');
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

async function claim(): Promise<ClaimedChunk | null> {
  const { rows } = await stack.adminPool.query<{ c: unknown }>('select public.claim_forecast_chunk() as c');
  return parseClaim(rows[0]!.c);
}

interface StoreRow {
  store_id: string;
  sku: string;
  path: string;
  share: number;
  model: string;
  insufficient_history: boolean;
  point: number[];
}

describe('hierarchical forecast chunks', () => {
  it('enqueues region × SKU-range chunks with every active store of the region', async () => {
    const { rows } = await stack.adminPool.query<{ n: number }>(
      'select private.enqueue_forecast_run($1) as n',
      [RUN_DATE],
    );
    expect(rows[0]!.n).toBe(2);
    const jobs = await stack.adminPool.query(
      `select region_id, store_id, sku_from, sku_to, series_count from private.forecast_jobs order by region_id`,
    );
    expect(jobs.rows).toEqual([
      { region_id: 'NORTH', store_id: null, sku_from: 'DAL-1', sku_to: 'RICE-1', series_count: 6 },
      { region_id: 'SOUTH', store_id: null, sku_from: 'DAL-1', sku_to: 'RICE-1', series_count: 2 },
    ]);
  });

  it('forecasts top-down or direct per series, records the path and writes the region forecast', async () => {
    for (let chunk = await claim(); chunk !== null; chunk = await claim()) {
      const rows = forecastHierarchyChunk(chunk);
      await stack.adminPool.query('select public.complete_forecast_chunk($1, $2, $3)', [
        chunk.jobId,
        chunk.attempt,
        JSON.stringify(rows),
      ]);
    }
    const { rows } = await stack.adminPool.query<StoreRow>(
      `select store_id, sku, path, share, model, insufficient_history, point
         from public.forecasts where run_date = $1 order by sku, store_id`,
      [RUN_DATE],
    );
    expect(rows.map((r) => `${r.sku}/${r.store_id}`)).toEqual([
      'DAL-1/H1',
      'DAL-1/L1',
      'DAL-1/N1',
      'DAL-1/S1',
      'RICE-1/H1',
      'RICE-1/L1',
      'RICE-1/N1',
      'RICE-1/S1',
    ]);
    const { rows: regions } = await stack.adminPool.query<{
      region_id: string;
      sku: string;
      store_count: number;
      point: number[];
      model: string;
    }>(
      'select region_id, sku, store_count, point, model from public.region_forecasts order by sku, region_id',
    );
    expect(regions.map((r) => `${r.sku}/${r.region_id}/${r.store_count}`)).toEqual([
      'DAL-1/NORTH/3',
      'DAL-1/SOUTH/1',
      'RICE-1/NORTH/3',
      'RICE-1/SOUTH/1',
    ]);
    for (const sku of ['DAL-1', 'RICE-1']) {
      const north = rows.filter((r) => r.sku === sku && ['H1', 'L1', 'N1'].includes(r.store_id));
      // recent shares of the region's units sum to 1
      expect(north.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 4);
      // the slow seller never competes for the direct path
      expect(north.find((r) => r.store_id === 'L1')).toMatchObject({ path: 'TOP_DOWN' });
      // Property 10 holds on either path: the store open 200 days stays marked
      expect(north.find((r) => r.store_id === 'N1')).toMatchObject({ insufficient_history: true });
      expect(north.find((r) => r.store_id === 'H1')).toMatchObject({ insufficient_history: false });
      // a top-down store forecast is the region's scaled by the store's share
      const region = regions.find((r) => r.sku === sku && r.region_id === 'NORTH')!;
      expect(region.model).not.toBe('FALLBACK');
      for (const r of north.filter((x) => x.path === 'TOP_DOWN')) {
        r.point.forEach((p, d) => expect(p).toBeCloseTo(r.share * region.point[d]!, 1));
      }
    }
    const status = await stack.adminPool.query<{ s: { done: number; pending: number } }>(
      'select public.forecast_run_status($1) as s',
      [RUN_DATE],
    );
    expect(status.rows[0]!.s).toMatchObject({ done: 2, pending: 0 });
  });

  it('rejects a forecast for a store outside the chunk’s region and writes nothing', async () => {
    const next = '2026-11-21';
    await stack.adminPool.query('select private.enqueue_forecast_run($1)', [next]);
    const chunk = (await claim())!;
    const rows = forecastHierarchyChunk(chunk);
    const foreign = rows.map((r) =>
      'storeId' in r && r.storeId !== undefined
        ? { ...r, storeId: chunk.region === 'NORTH' ? 'S1' : 'H1' }
        : r,
    );
    await expect(
      stack.adminPool.query('select public.complete_forecast_chunk($1, $2, $3)', [
        chunk.jobId,
        chunk.attempt,
        JSON.stringify(foreign),
      ]),
    ).rejects.toThrow(/outside chunk/);
    const written = await stack.adminPool.query('select 1 from public.forecasts where run_date = $1', [next]);
    expect(written.rowCount).toBe(0);
  });
});
