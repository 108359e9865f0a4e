// Forecast accuracy as actuals arrive (Property 12, issue 9 item 3) and staleness
// (Property 13), on forecasts made by the real pipeline: the SQL scores agree with
// shared/forecasting/accuracy.ts, a store below the configured threshold gets one
// FORECAST_ACCURACY alert per day however often the job runs, and forecasts older than
// 24 hours are flagged.
import { createClient } from '@supabase/supabase-js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { addDays } from '../../shared/calendar/dates.ts';
import { accuracyPercent } from '../../shared/forecasting/accuracy.ts';
import { isForecastFresh } from '../../shared/forecasting/freshness.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { RUN_DATE, seedForecastWorld } from './forecast-world.ts';

let stack: TestStack;
const WEEK_END = addDays(RUN_DATE, 6);
const SCORED_AT = `${addDays(RUN_DATE, 7)}T01:30:00+05:30`;

interface Forecast {
  store_id: string;
  sku: string;
  point: number[];
}
let made: Forecast[];
/** Actual units per store/sku for the 7 forecast days. */
const actuals = new Map<string, number[]>();

beforeAll(async () => {
  stack = await startTestStack();
  await seedForecastWorld(stack);
  await stack.adminPool.query('select private.enqueue_forecast_run($1)', [RUN_DATE]);
  const service = createClient(stack.url, stack.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
  const { data, error } = await service.functions.invoke('forecast-worker', { body: {} });
  if (error !== null) throw error;
  expect(data).toMatchObject({ stoppedBy: 'empty', failed: 0 });
  made = (
    await stack.adminPool.query<Forecast>(
      'select store_id, sku, point from public.forecasts where run_date = $1 order by store_id, sku',
      [RUN_DATE],
    )
  ).rows;
  // S1 sells three times its forecast (inaccurate); S2 sells the rounded forecast.
  for (const f of made) {
    const week = f.point
      .slice(0, 7)
      .map((p) => (f.store_id === 'S1' ? Math.round(3 * p) + 1 : Math.round(p)));
    actuals.set(`${f.store_id}/${f.sku}`, week);
    await stack.adminPool.query(
      `insert into public.sales_sku_store_day (store_id, sku, business_date, units, revenue, transaction_count)
       select $1, $2, $3::date + (i::int - 1), u, u * 10, u::int
         from unnest($4::numeric[]) with ordinality as t (u, i) where u > 0`,
      [f.store_id, f.sku, RUN_DATE, week],
    );
  }
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

async function score(asOf: string): Promise<{ asOf: string; scored: number; alerts: number }> {
  const { rows } = await stack.adminPool.query<{ r: { asOf: string; scored: number; alerts: number } }>(
    'select private.update_forecast_accuracy($1, $2) as r',
    [asOf, SCORED_AT],
  );
  return rows[0]!.r;
}

async function accuracyAlerts(): Promise<
  { store_id: string; region_id: string; details: { accuracyPercent: number } }[]
> {
  const { rows } = await stack.adminPool.query<{
    store_id: string;
    region_id: string;
    details: { accuracyPercent: number };
  }>(
    `select store_id, region_id, details from public.alerts where type = 'FORECAST_ACCURACY' order by store_id`,
  );
  return rows;
}

describe('forecast accuracy (Property 12)', () => {
  it('scores each closed 7-day window exactly as the shared core does', async () => {
    const before = await score(addDays(WEEK_END, -1));
    expect(before).toMatchObject({ scored: 0, alerts: 0 }); // the window has not closed yet
    const r = await score(WEEK_END);
    expect(r).toMatchObject({ asOf: WEEK_END, scored: 8 });

    const { rows } = await stack.adminPool.query<{
      store_id: string;
      sku: string;
      accuracy_percent: string | null;
      total_accuracy_percent: string | null;
      coverage95: string;
    }>(
      `select store_id, sku, accuracy_percent::text, total_accuracy_percent::text, coverage95::text
         from public.forecast_accuracy where run_date = $1 and window_days = 7 order by store_id, sku`,
      [RUN_DATE],
    );
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      const f = made.find((m) => m.store_id === row.store_id && m.sku === row.sku)!;
      const a = actuals.get(`${row.store_id}/${row.sku}`)!;
      const expected = accuracyPercent(f.point.slice(0, 7), a);
      if (expected === null) expect(row.accuracy_percent).toBeNull();
      else expect(Number(row.accuracy_percent)).toBeCloseTo(expected, 2);
    }
    // SOAP-1 never sold at S2: every actual is 0, so accuracy is n/a, not 0 or 100.
    expect(rows.find((x) => x.store_id === 'S2' && x.sku === 'SOAP-1')).toMatchObject({
      accuracy_percent: null,
      total_accuracy_percent: null,
    });
  });

  it('raises one FORECAST_ACCURACY alert per store and day below the configured threshold', async () => {
    let alerts = await accuracyAlerts();
    expect(alerts.map((a) => [a.store_id, a.region_id])).toEqual([['S1', 'NORTH']]);
    // Store accuracy: 100 − MAPE of the SKUs' 7-day totals.
    const s1 = made.filter((m) => m.store_id === 'S1');
    const ape = s1.map((m) => {
      const f = m.point.slice(0, 7).reduce((x, y) => x + y, 0);
      const a = actuals.get(`S1/${m.sku}`)!.reduce((x, y) => x + y, 0);
      return Math.abs(a - f) / a;
    });
    const expected = 100 - (ape.reduce((x, y) => x + y, 0) / ape.length) * 100;
    expect(alerts[0]!.details.accuracyPercent).toBeCloseTo(expected, 1);

    await score(WEEK_END); // the job runs again the same day: no second alert
    expect(await accuracyAlerts()).toHaveLength(1);

    // A stricter threshold catches S2 too; S1 still has its one alert.
    await stack.adminPool.query('update private.forecast_settings set accuracy_alert_threshold = 100');
    expect(await score(WEEK_END)).toMatchObject({ alerts: 1 });
    alerts = await accuracyAlerts();
    expect(alerts.map((a) => a.store_id)).toEqual(['S1', 'S2']);
  });

  it('runs the daily job for the IST business day that just closed', async () => {
    const { rows } = await stack.adminPool.query<{ r: { asOf: string; alerts: number } }>(
      'select private.run_forecast_accuracy($1::timestamptz) as r',
      [SCORED_AT],
    );
    expect(rows[0]!.r).toMatchObject({ asOf: WEEK_END, alerts: 0 });
  });
});

describe('forecast staleness (Property 13)', () => {
  it('flags a forecast older than 24 hours, or dated in the future', async () => {
    const { rows } = await stack.adminPool.query<{
      fresh: boolean;
      edge: boolean;
      old: boolean;
      future: boolean;
    }>(
      `select private.is_forecast_stale('2026-11-20 02:00+05:30', '2026-11-20 02:00+05:30') as fresh,
              private.is_forecast_stale('2026-11-20 02:00+05:30', '2026-11-21 02:00+05:30') as edge,
              private.is_forecast_stale('2026-11-20 02:00+05:30', '2026-11-21 02:00:01+05:30') as old,
              private.is_forecast_stale('2026-11-20 02:00+05:30', '2026-11-20 01:59+05:30') as future`,
    );
    expect(rows[0]).toEqual({ fresh: false, edge: false, old: true, future: true });
  });

  it('Feature: bharat-retail-market-intelligence, Property 13: the SQL staleness flag is the negation of the shared isForecastFresh', async () => {
    const base = Date.parse('2026-11-20T00:00:00Z');
    const hour = 3_600_000;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -48 * hour, max: 48 * hour }),
        fc.integer({ min: -2, max: 2 }),
        async (offset, nudge) => {
          // around the 24 h edge as often as anywhere else
          const generated = base + (offset % 3 === 0 ? 24 * hour * Math.sign(offset) + nudge : offset);
          const { rows } = await stack.adminPool.query<{ stale: boolean }>(
            'select private.is_forecast_stale(to_timestamp($1 / 1000.0), to_timestamp($2 / 1000.0)) as stale',
            [generated, base],
          );
          expect(rows[0]!.stale).toBe(!isForecastFresh(generated, base));
        },
      ),
      { numRuns: 150, seed: 20261205 },
    );
  });

  it('shows each series newest forecast with its flag in latest_forecasts', async () => {
    const flags = async () =>
      (
        await stack.adminPool.query<{ store_id: string; is_stale: boolean }>(
          `select store_id, is_stale from public.latest_forecasts where sku = 'RICE-1' order by store_id`,
        )
      ).rows;
    expect(await flags()).toEqual([
      { store_id: 'S1', is_stale: false },
      { store_id: 'S2', is_stale: false },
    ]);
    await stack.adminPool.query(
      `update public.forecasts set generated_at = now() - interval '25 hours' where store_id = 'S2'`,
    );
    expect(await flags()).toEqual([
      { store_id: 'S1', is_stale: false },
      { store_id: 'S2', is_stale: true },
    ]);
  });
});

describe('who sees forecasts (RLS, as the SKU×store sales they come from)', () => {
  const users = {
    STORE_MANAGER: { id: '00000000-0000-4000-8000-0000000000a1', store: 'S1', region: null },
    SUPPLY_CHAIN_USER: { id: '00000000-0000-4000-8000-0000000000a2', store: null, region: null },
    EXECUTIVE: { id: '00000000-0000-4000-8000-0000000000a3', store: null, region: null },
  } as const;

  beforeAll(async () => {
    for (const [role, u] of Object.entries(users)) {
      await stack.adminPool.query(
        `insert into auth.users (id, email, aud, role) values ($1, $2, 'authenticated', 'authenticated')`,
        [u.id, `${role.toLowerCase()}@example.test`],
      );
      await stack.adminPool.query(
        'insert into public.profiles (user_id, email, role, store_id) values ($1, $2, $3, $4)',
        [u.id, `${role.toLowerCase()}@example.test`, role, u.store],
      );
    }
  });

  async function visibleStores(role: keyof typeof users, relation: string): Promise<string[]> {
    const u = users[role];
    const client = await stack.adminPool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({
          sub: u.id,
          role: 'authenticated',
          user_role: role,
          scope_version: 1,
          store_id: u.store,
          region_id: role === 'STORE_MANAGER' ? 'NORTH' : null,
        }),
      ]);
      await client.query('set local role authenticated');
      const { rows } = await client.query<{ store_id: string }>(
        `select distinct store_id from public.${relation} order by store_id`,
      );
      return rows.map((r) => r.store_id);
    } finally {
      await client.query('rollback');
      client.release();
    }
  }

  it('shows a store manager their store, supply chain every store, an executive none', async () => {
    for (const relation of ['forecasts', 'latest_forecasts', 'forecast_accuracy']) {
      expect(await visibleStores('STORE_MANAGER', relation)).toEqual(['S1']);
      expect(await visibleStores('SUPPLY_CHAIN_USER', relation)).toEqual(['S1', 'S2']);
      expect(await visibleStores('EXECUTIVE', relation)).toEqual([]);
    }
  });

  it('keeps the job queue, settings and pipeline functions from signed-in users', async () => {
    const client = await stack.adminPool.connect();
    try {
      for (const sql of [
        'select * from private.forecast_jobs',
        'select * from private.forecast_settings',
        'select public.claim_forecast_chunk()',
        `select public.kick_forecast_worker('2026-11-20')`,
      ]) {
        await client.query('begin');
        await client.query('set local role authenticated');
        await expect(client.query(sql)).rejects.toThrow(/permission denied/);
        await client.query('rollback');
      }
    } finally {
      client.release();
    }
  });
});
