// The forecasts sync collection per role (migration 20261206000510): a store manager pulls
// its store's newest SKU forecasts with accuracy; a regional manager pulls region×SKU
// forecasts with its stores' totals and shares; an executive pulls nothing; a newer run
// replaces a document (same id) and is pulled after the checkpoint. Plus the forecasts'
// share of the slice budget at demo scale (60 stores × 1,200 SKUs). And get_store_forecasts
// (migration 20261206001000): the same documents online for supply-chain users, any store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../shared/sync/schemas.ts';
import { asUser } from '../support/as-user.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { arrangeChain, claimsFor, pull, pullAll, USERS, type Claims } from './sync-harness.ts';

let stack: TestStack;
const claims: Record<keyof typeof USERS, Claims> = {} as Record<keyof typeof USERS, Claims>;

const ARRAYS = `array_fill(2::real, array[30]), array_fill(1::real, array[30]), array_fill(3::real, array[30]),
                array_fill(0.5::real, array[30]), array_fill(4::real, array[30])`;

async function insertStoreForecast(
  store: string,
  sku: string,
  runDate: string,
  path = 'DIRECT',
  share = 0.5,
) {
  await stack.adminPool.query(
    `insert into public.forecasts (store_id, sku, run_date, start_date, generated_at, model, insufficient_history,
                                   history_days, point, lower80, upper80, lower95, upper95, forecast_7d,
                                   forecast_30d, path, share)
     values ($1, $2, $3::date, $3::date, $3::date + time '02:10', 'ETS(A,N,A)', false, 400, ${ARRAYS}, 14, 60, $4, $5)`,
    [store, sku, runDate, path, share],
  );
}

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeChain(stack);
  await stack.adminPool.query(
    `select private.ensure_partitions('public.forecasts', 'day', '2026-11-01', '2026-11-03')`,
  );
  for (const store of ['S1', 'S2', 'S3'])
    for (const sku of ['ATTA-5', 'DAL-1']) await insertStoreForecast(store, sku, '2026-11-01');
  await stack.adminPool.query(
    `insert into public.region_forecasts (region_id, sku, run_date, start_date, generated_at, model,
                                          insufficient_history, history_days, store_count, point, lower80, upper80,
                                          lower95, upper95, forecast_7d, forecast_30d)
     select r, k, date '2026-11-01', date '2026-11-01', timestamptz '2026-11-01 02:10+05:30', 'ETS(A,N,A)', false, 400,
            2, ${ARRAYS}, 28, 120
       from unnest(array['NORTH', 'SOUTH']) r, unnest(array['ATTA-5', 'DAL-1']) k`,
  );
  await stack.adminPool.query(
    `insert into public.forecast_accuracy (store_id, sku, run_date, window_days, window_end, forecast_total,
                                           actual_total, accuracy_percent, total_accuracy_percent, wape, coverage80,
                                           coverage95, evaluated_at)
     values ('S1', 'ATTA-5', '2026-10-20', 7, '2026-10-26', 14, 16, 70, 87.5, 0.25, 0.8, 1, now()),
            ('S2', 'ATTA-5', '2026-10-20', 7, '2026-10-26', 10, 8, 60, 75, 0.3, 0.7, 0.9, now())`,
  );
  for (const [k, id] of Object.entries(USERS)) claims[k as keyof typeof USERS] = await claimsFor(stack, id);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** The document's fields against the collection's RxDB schema (types, nullability). */
function expectSchema(doc: Record<string, unknown>): void {
  const props = SCHEMAS.forecasts.properties as Record<string, { type: string | readonly string[] }>;
  for (const [key, spec] of Object.entries(props)) {
    const value = doc[key];
    const types = typeof spec.type === 'string' ? [spec.type] : spec.type;
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    expect(types, `${String(doc['id'])}.${key} is ${actual}`).toContain(actual);
  }
}

describe('forecasts sync collection', () => {
  it("gives a store manager its store's forecasts with path, accuracy and flags", async () => {
    const docs = await pullAll(stack, claims.smS1, 'forecasts');
    expect([...docs.keys()].sort()).toEqual(['store:S1|ATTA-5', 'store:S1|DAL-1']);
    const atta = docs.get('store:S1|ATTA-5')!;
    expectSchema(atta);
    expect(atta).toMatchObject({
      kind: 'store',
      store_id: 'S1',
      sku: 'ATTA-5',
      run_date: '2026-11-01',
      model: 'ETS(A,N,A)',
      path: 'DIRECT',
      share: 0.5,
      insufficient_history: false,
      forecast_7d: 14,
      forecast_30d: 60,
      accuracy7: { window_days: 7, total_accuracy_percent: 87.5, wape: 0.25 },
      accuracy30: null,
    });
    expect(atta['point']).toHaveLength(30);
    expect(typeof atta['generated_at']).toBe('string');
  });

  it('gives a regional manager region×SKU forecasts with its stores’ shares, nothing of other regions', async () => {
    const docs = await pullAll(stack, claims.rmNorth, 'forecasts');
    expect([...docs.keys()].sort()).toEqual(['region:NORTH|ATTA-5', 'region:NORTH|DAL-1']);
    const atta = docs.get('region:NORTH|ATTA-5')!;
    expectSchema(atta);
    expect(atta).toMatchObject({ kind: 'region', region_id: 'NORTH', store_count: 2, forecast_30d: 120 });
    expect(atta['stores']).toEqual([
      expect.objectContaining({ store_id: 'S1', share: 0.5, path: 'DIRECT', forecast_7d: 14 }),
      expect.objectContaining({ store_id: 'S2', share: 0.5, path: 'DIRECT', forecast_7d: 14 }),
    ]);
    // region total accuracy: ΣA = 24, ΣF = 24 → 100
    expect(atta['accuracy7']).toMatchObject({
      forecast_total: 24,
      actual_total: 24,
      total_accuracy_percent: 100,
    });
  });

  it('gives other roles nothing', async () => {
    expect((await pullAll(stack, claims.exec, 'forecasts')).size).toBe(0);
  });

  it('replaces a document with the newer run, pulled after the checkpoint; older runs are not re-sent', async () => {
    const first = await pull(stack, claims.smS1, 'forecasts', null, 500);
    await insertStoreForecast('S1', 'ATTA-5', '2026-11-02', 'TOP_DOWN', 0.25);
    const next = await pull(stack, claims.smS1, 'forecasts', first.checkpoint, 500);
    expect(next.documents.map((d) => d['id'])).toEqual(['store:S1|ATTA-5']);
    expect(next.documents[0]).toMatchObject({ run_date: '2026-11-02', path: 'TOP_DOWN', share: 0.25 });
    const fresh = await pullAll(stack, claims.smS1, 'forecasts');
    expect(fresh.get('store:S1|ATTA-5')).toMatchObject({ run_date: '2026-11-02' });
    expect(fresh.size).toBe(2);
  });
});

describe('get_store_forecasts', () => {
  const SUPPLY = '00000000-0000-4000-8000-0000000000d1';
  const supply = { sub: SUPPLY, role: 'authenticated', user_role: 'SUPPLY_CHAIN_USER', scope_version: 1 };
  beforeAll(async () => {
    await stack.adminPool.query(`
      insert into auth.users (id, email, aud, role) values ('${SUPPLY}', 'supply@t.in', 'authenticated', 'authenticated');
      insert into public.profiles (user_id, email, role, store_id, region_id)
        values ('${SUPPLY}', 'supply@t.in', 'SUPPLY_CHAIN_USER', null, null);`);
  });
  const call = async (who: Record<string, unknown>, store: string) =>
    (
      await asUser<{ r: Record<string, unknown> }>(
        stack.adminPool,
        who,
        'select public.get_store_forecasts($1) as r',
        [store],
      )
    ).rows[0]!.r;

  it('gives a supply-chain user any store’s forecasts as the sync documents, with 90 days of units', async () => {
    const raw = await call(supply, 'S1');
    expect(raw['error']).toBeUndefined();
    const s1 = raw as {
      forecasts: Record<string, unknown>[];
      history: { sku: string; start_date: string; units: number[] }[];
    };
    const synced = await pullAll(stack, claims.smS1, 'forecasts');
    expect(s1.forecasts.map((d) => ({ ...d, _deleted: false }))).toEqual(
      ['store:S1|ATTA-5', 'store:S1|DAL-1'].map((id) => synced.get(id)),
    );
    const atta = s1.history.find((h) => h.sku === 'ATTA-5')!;
    expect(atta.units).toHaveLength(90);
    expect([atta.units[0], atta.units[1], atta.units[7]]).toEqual([1, 0, 8]);
    expect(
      ((await call(supply, 'S3')) as { forecasts: { id: string }[] }).forecasts.map((d) => d.id),
    ).toEqual(['store:S3|ATTA-5', 'store:S3|DAL-1']);
  });

  it('refuses a store outside the caller’s scope and names an unknown store', async () => {
    expect(await call(claims.smS1, 'S3')).toEqual({
      error: { code: 'FORBIDDEN', message: 'store S3 is outside your scope' },
    });
    expect(await call(supply, 'NOPE')).toEqual({
      error: { code: 'NOT_FOUND', message: 'store NOPE does not exist' },
    });
  });
});

describe('get_store_forecast_list and get_store_forecast', () => {
  const supply = {
    sub: '00000000-0000-4000-8000-0000000000d1',
    role: 'authenticated',
    user_role: 'SUPPLY_CHAIN_USER',
    scope_version: 1,
  };
  const call = async (who: Record<string, unknown>, sql: string, args: unknown[]) =>
    (await asUser<{ r: Record<string, unknown> }>(stack.adminPool, who, sql, args)).rows[0]!.r;

  it('lists a store’s newest forecasts in a few fields each, and gives one SKU as the synced document', async () => {
    const synced = await pullAll(stack, claims.smS1, 'forecasts');
    const list = (await call(supply, 'select public.get_store_forecast_list($1) as r', ['S1'])) as {
      forecasts: Record<string, unknown>[];
    };
    expect(list.forecasts).toEqual(
      ['store:S1|ATTA-5', 'store:S1|DAL-1'].map((id) => {
        const d = synced.get(id)!;
        return {
          sku: d['sku'],
          run_date: d['run_date'],
          model: d['model'],
          insufficient_history: d['insufficient_history'],
          forecast_7d: d['forecast_7d'],
          forecast_30d: d['forecast_30d'],
        };
      }),
    );
    const one = (await call(supply, 'select public.get_store_forecast($1, $2) as r', ['S1', 'ATTA-5'])) as {
      forecast: Record<string, unknown>;
      history: { sku: string; units: number[] };
    };
    expect({ ...one.forecast, _deleted: false }).toEqual(synced.get('store:S1|ATTA-5'));
    expect(one.history.sku).toBe('ATTA-5');
    expect([
      one.history.units.length,
      one.history.units[0],
      one.history.units[1],
      one.history.units[7],
    ]).toEqual([90, 1, 0, 8]);
    const none = (await call(supply, 'select public.get_store_forecast($1, $2) as r', ['S1', 'NOPE'])) as {
      forecast: unknown;
      history: { units: number[] };
    };
    expect(none.forecast).toBeNull();
    expect(none.history.units.every((u) => u === 0)).toBe(true);
  });

  it('refuses a store outside the caller’s scope and names an unknown store, like the whole-store read', async () => {
    const forbidden = { error: { code: 'FORBIDDEN', message: 'store S3 is outside your scope' } };
    expect(await call(claims.smS1, 'select public.get_store_forecast_list($1) as r', ['S3'])).toEqual(
      forbidden,
    );
    expect(
      await call(claims.smS1, 'select public.get_store_forecast($1, $2) as r', ['S3', 'ATTA-5']),
    ).toEqual(forbidden);
    expect(await call(supply, 'select public.get_store_forecast_list($1) as r', ['NOPE'])).toEqual({
      error: { code: 'NOT_FOUND', message: 'store NOPE does not exist' },
    });
  });
});

describe('forecasts slice at demo scale (60 stores × 1,200 SKUs)', () => {
  it('stays a small part of the store and regional slice budgets', async () => {
    await stack.adminPool.query(`
      insert into public.regions (id, name) select 'R' || r, 'Region ' || r from generate_series(1, 6) r;
      insert into public.stores (id, name, region_id, tier, city, state)
        select 'ST' || s, 'Store ' || s, 'R' || (1 + s % 6), 'TIER_1', 'City', 'State' from generate_series(1, 60) s;
      insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price)
        select 'SKU-' || lpad(p::text, 4, '0'), 'Product ' || p, 'Staples', 'Misc', 'Brand', 100, 80
          from generate_series(1, 1200) p;
      insert into public.forecasts (store_id, sku, run_date, start_date, generated_at, model, insufficient_history,
                                    history_days, point, lower80, upper80, lower95, upper95, forecast_7d,
                                    forecast_30d, path, share)
        select s.id, p.sku, date '2026-11-03', date '2026-11-03', now(), 'ETS(A,N,A)', false, 400,
               array(select round((3 + random() * 5)::numeric, 3)::real from generate_series(1, 30)),
               array(select round((1 + random() * 2)::numeric, 3)::real from generate_series(1, 30)),
               array(select round((6 + random() * 5)::numeric, 3)::real from generate_series(1, 30)),
               array(select round((random() * 2)::numeric, 3)::real from generate_series(1, 30)),
               array(select round((9 + random() * 5)::numeric, 3)::real from generate_series(1, 30)),
               31.5, 135.25, 'TOP_DOWN', 0.0987
          from public.stores s cross join public.products p where s.id like 'ST%' and p.sku like 'SKU-%';
      insert into public.region_forecasts (region_id, sku, run_date, start_date, generated_at, model,
                                           insufficient_history, history_days, store_count, point, lower80, upper80,
                                           lower95, upper95, forecast_7d, forecast_30d)
        select r.id, p.sku, date '2026-11-03', date '2026-11-03', now(), 'ETS(A,N,A)', false, 400, 10,
               array(select round((30 + random() * 50)::numeric, 3)::real from generate_series(1, 30)),
               array(select round((10 + random() * 20)::numeric, 3)::real from generate_series(1, 30)),
               array(select round((60 + random() * 50)::numeric, 3)::real from generate_series(1, 30)),
               array(select round((random() * 20)::numeric, 3)::real from generate_series(1, 30)),
               array(select round((90 + random() * 50)::numeric, 3)::real from generate_series(1, 30)),
               315, 1352.5
          from public.regions r cross join public.products p where r.id like 'R_' and p.sku like 'SKU-%';
      update public.profiles set store_id = 'ST1' where user_id = '${USERS.smS1}';
      update public.profiles set region_id = 'R1' where user_id = '${USERS.rmNorth}';`);
    const sizes: Record<string, { docs: number; mb: number }> = {};
    for (const [who, user] of [
      ['STORE_MANAGER', USERS.smS1],
      ['REGIONAL_MANAGER', USERS.rmNorth],
    ] as const) {
      const docs = await pullAll(stack, await claimsFor(stack, user), 'forecasts', 5000);
      const bytes = [...docs.values()].reduce((n, d) => n + JSON.stringify(d).length, 0);
      sizes[who] = { docs: docs.size, mb: bytes / 1e6 };
      console.log(`forecasts slice ${who}: ${docs.size} docs, ${(bytes / 1e6).toFixed(2)} MB`);
    }
    expect(sizes['STORE_MANAGER']!.docs).toBe(1200);
    expect(sizes['REGIONAL_MANAGER']!.docs).toBe(1200);
    // Budgets (issue 7): SM 25,000 docs / 15 MB, RM 60,000 / 40 MB, for every collection.
    expect(sizes['STORE_MANAGER']!.mb).toBeLessThan(3);
    expect(sizes['REGIONAL_MANAGER']!.mb).toBeLessThan(5);
  }, 120_000);
});
