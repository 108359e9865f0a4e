// The demand-forecasting pipeline end to end (issue 9 item 4) on a small generated
// history: the nightly job body enqueues chunks and kicks forecast-worker through pg_net,
// the worker (real Deno, behind the gateway) claims chunks and writes forecasts for every
// active SKU×store; a re-run the same day replaces rather than duplicates; a chunk whose
// write keeps failing is retried, then failed and alerted; the nightly schedule exists.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { seedForecastWorld, RUN_DATE, type RunStatus } from './forecast-world.ts';

let stack: TestStack;
let service: SupabaseClient;

beforeAll(async () => {
  stack = await startTestStack();
  await seedForecastWorld(stack);
  await stack.adminPool.query(
    `update private.forecast_settings set functions_url = $1, service_role_key = $2, chunk_size = 2,
            parallel_workers = 2, max_attempts = 2`,
    [`${stack.url}/functions/v1`, stack.serviceRoleKey],
  );
  service = createClient(stack.url, stack.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

async function runStatus(runDate: string): Promise<RunStatus> {
  const { rows } = await stack.adminPool.query<{ s: RunStatus }>(
    'select public.forecast_run_status($1) as s',
    [runDate],
  );
  return rows[0]!.s;
}

/** Bounded polling: the chunks' state is in the database, there is no event to wait on. */
async function untilSettled(runDate: string, timeoutMs = 60_000): Promise<RunStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await runStatus(runDate);
    if (s.chunks > 0 && s.pending === 0 && s.running === 0) return s;
    if (Date.now() > deadline) throw new Error(`run ${runDate} not settled: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Row {
  store_id: string;
  sku: string;
  model: string;
  insufficient_history: boolean;
  history_days: number;
  start_date: string;
  generated_at: Date;
  point: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
  forecast_7d: string;
  forecast_30d: string;
}

async function forecasts(runDate: string): Promise<Row[]> {
  const { rows } = await stack.adminPool.query<Row>(
    `select store_id, sku, model, insufficient_history, history_days, start_date::text, generated_at,
            point, lower80, upper80, lower95, upper95, forecast_7d::text, forecast_30d::text
       from public.forecasts where run_date = $1 order by store_id, sku`,
    [runDate],
  );
  return rows;
}

describe('nightly forecast run', () => {
  it('enqueues chunks, kicks workers through pg_net and forecasts every active SKU×store', async () => {
    // 02:00 IST on the run date, as the cron job would run it.
    const { rows } = await stack.adminPool.query<{
      r: { runDate: string; chunksAdded: number; kicked: number };
    }>(`select private.run_nightly_forecasts($1::timestamptz) as r`, [`${RUN_DATE}T02:00:00+05:30`]);
    // 2 active stores × 4 active SKUs in chunks of 2; the inactive store and the
    // discontinued product are left out.
    expect(rows[0]!.r).toEqual({ runDate: RUN_DATE, chunksAdded: 4, kicked: 2 });
    const status = await untilSettled(RUN_DATE);
    expect(status).toMatchObject({ chunks: 4, done: 4, failed: 0, series: 8 });
    // Two invocations ran side by side: SKIP LOCKED gave each chunk to exactly one.
    const attempts = await stack.adminPool.query<{ attempts: number }>(
      'select distinct attempts from private.forecast_jobs where run_date = $1',
      [RUN_DATE],
    );
    expect(attempts.rows).toEqual([{ attempts: 1 }]);

    const rowsOut = await forecasts(RUN_DATE);
    expect(rowsOut.map((r) => `${r.store_id}/${r.sku}`)).toEqual([
      'S1/DAL-1',
      'S1/MILK-1',
      'S1/RICE-1',
      'S1/SOAP-1',
      'S2/DAL-1',
      'S2/MILK-1',
      'S2/RICE-1',
      'S2/SOAP-1',
    ]);
    for (const r of rowsOut) {
      expect(r.start_date).toBe(RUN_DATE);
      expect(r.point).toHaveLength(30);
      for (let d = 0; d < 30; d++) {
        expect(r.lower95[d]!).toBeLessThanOrEqual(r.lower80[d]!);
        expect(r.lower80[d]!).toBeLessThanOrEqual(r.point[d]! + 1e-3);
        expect(r.point[d]!).toBeLessThanOrEqual(r.upper80[d]! + 1e-3);
        expect(r.upper80[d]!).toBeLessThanOrEqual(r.upper95[d]!);
      }
      const sum7 = r.point.slice(0, 7).reduce((a, b) => a + b, 0);
      expect(Number(r.forecast_7d)).toBeCloseTo(sum7, 1);
    }
    // Property 10: a full year → a model; 100 days or no sales → the stated fallback.
    const s1 = rowsOut.filter((r) => r.store_id === 'S1');
    const s2 = rowsOut.filter((r) => r.store_id === 'S2');
    for (const r of s1) {
      expect(r).toMatchObject({ insufficient_history: false, history_days: 400 });
      expect(r.model).not.toBe('FALLBACK');
    }
    for (const r of s2) expect(r).toMatchObject({ insufficient_history: true, model: 'FALLBACK' });
    expect(s2.find((r) => r.sku === 'SOAP-1')).toMatchObject({ history_days: 0 });
    expect(s2.find((r) => r.sku === 'RICE-1')).toMatchObject({ history_days: 100 });
    // Hierarchy (chunks are region × SKUs): each row records its path; one store per region
    // here, so every share is 1 and each region×SKU forecast is written beside them.
    const paths = await stack.adminPool.query<{ path: string; share: number }>(
      'select distinct path, share from public.forecasts where run_date = $1 order by path',
      [RUN_DATE],
    );
    for (const p of paths.rows) {
      expect(['DIRECT', 'TOP_DOWN']).toContain(p.path);
      expect(p.share).toBe(1);
    }
    const regions = await stack.adminPool.query<{ k: string; store_count: number; run_date: string }>(
      `select region_id || '/' || sku as k, store_count, run_date::text from public.region_forecasts order by 1`,
    );
    expect(regions.rows.map((r) => r.k)).toEqual([
      'NORTH/DAL-1',
      'NORTH/MILK-1',
      'NORTH/RICE-1',
      'NORTH/SOAP-1',
      'SOUTH/DAL-1',
      'SOUTH/MILK-1',
      'SOUTH/RICE-1',
      'SOUTH/SOAP-1',
    ]);
    for (const r of regions.rows) expect(r).toMatchObject({ store_count: 1, run_date: RUN_DATE });
  });

  it('is idempotent per day: enqueueing again adds nothing, re-running chunks replaces their rows', async () => {
    const before = await forecasts(RUN_DATE);
    const again = await stack.adminPool.query<{ n: number }>('select private.enqueue_forecast_run($1) as n', [
      RUN_DATE,
    ]);
    expect(again.rows[0]!.n).toBe(0);

    await stack.adminPool.query(
      `update private.forecast_jobs set status = 'pending', attempts = 0 where run_date = $1`,
      [RUN_DATE],
    );
    // A tiny budget: one chunk, then the worker re-kicks itself through pg_net.
    const { data, error } = await service.functions.invoke('forecast-worker', {
      body: { cpuBudgetMs: 0.001 },
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({ chunks: 1, failed: 0, stoppedBy: 'budget', rekicked: true });
    await untilSettled(RUN_DATE);

    const after = await forecasts(RUN_DATE);
    expect(after).toHaveLength(before.length);
    expect(after.map(({ generated_at: _g, ...r }) => r)).toEqual(
      before.map(({ generated_at: _g, ...r }) => r),
    );
    for (let i = 0; i < after.length; i++) {
      expect(after[i]!.generated_at.getTime()).toBeGreaterThan(before[i]!.generated_at.getTime());
    }
  });

  it('retries a chunk whose write fails, then marks it failed and raises one SYSTEM alert', async () => {
    const next = '2026-11-21';
    await stack.adminPool.query(`
      create function public.reject_s2_dal() returns trigger language plpgsql as $$
      begin
        if new.store_id = 'S2' and new.sku = 'DAL-1' then raise exception 'disk full (injected)'; end if;
        return new;
      end $$;
      create trigger reject_s2_dal before insert on public.forecasts
        for each row execute function public.reject_s2_dal();`);
    try {
      await stack.adminPool.query('select private.enqueue_forecast_run($1)', [next]);
      const { data, error } = await service.functions.invoke('forecast-worker', { body: {} });
      expect(error).toBeNull();
      // 4 chunks, the bad one claimed twice (max_attempts = 2).
      expect(data).toMatchObject({ chunks: 5, failed: 2, stoppedBy: 'empty' });
      expect(await runStatus(next)).toMatchObject({ done: 3, failed: 1, pending: 0, running: 0 });

      const { rows: jobs } = await stack.adminPool.query<{
        attempts: number;
        error: string;
        sku_from: string;
      }>(
        `select attempts, error, sku_from from private.forecast_jobs where run_date = $1 and status = 'failed'`,
        [next],
      );
      expect(jobs).toEqual([
        { attempts: 2, error: expect.stringContaining('disk full (injected)'), sku_from: 'DAL-1' },
      ]);
      // Nothing of the failed chunk was half-written (its other series is MILK-1).
      const written = await stack.adminPool.query(
        `select 1 from public.forecasts where run_date = $1 and store_id = 'S2' and sku in ('DAL-1', 'MILK-1')`,
        [next],
      );
      expect(written.rowCount).toBe(0);

      const alerts = await stack.adminPool.query<{
        type: string;
        store_id: string | null;
        details: { attempts: number };
      }>(
        `select type, store_id, details from public.alerts where dedupe_key like 'FORECAST_JOB:' || $1 || ':%'`,
        [next],
      );
      expect(alerts.rows).toHaveLength(1);
      expect(alerts.rows[0]).toMatchObject({ type: 'SYSTEM', store_id: null, details: { attempts: 2 } });
    } finally {
      await stack.adminPool.query(
        'drop trigger reject_s2_dal on public.forecasts; drop function public.reject_s2_dal()',
      );
    }
  });

  it('keeps runs for forecast_retention_days (40), then drops their daily partitions', async () => {
    const runs = async () =>
      (
        await stack.adminPool.query<{ d: string }>(
          'select distinct run_date::text as d from public.forecasts order by 1',
        )
      ).rows.map((r) => r.d);
    expect(await runs()).toEqual([RUN_DATE, '2026-11-21']);
    const prune = async (at: string) =>
      (
        await stack.adminPool.query<{ n: number }>('select private.prune_forecasts($1::timestamptz) as n', [
          at,
        ])
      ).rows[0]!.n;
    expect(await prune('2026-12-30T12:00:00+05:30')).toBe(0); // cutoff 2026-11-20: nothing older
    expect(await prune('2026-12-31T12:00:00+05:30')).toBe(1);
    expect(await runs()).toEqual(['2026-11-21']);
    const parts = await stack.adminPool.query(`select 1 from pg_class where relname = 'forecasts_p20261120'`);
    expect(parts.rowCount).toBe(0);
  });

  it('refuses callers other than the service role', async () => {
    const anon = createClient(stack.url, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });
    const { error } = await anon.functions.invoke('forecast-worker', { body: {} });
    expect((error as { context?: Response } | null)?.context?.status).toBe(403);
  });

  it('schedules the nightly run, the drain, the accuracy update and the pruning as five-field cron jobs', async () => {
    const { rows } = await stack.adminPool.query<{ jobname: string; schedule: string; command: string }>(
      `select jobname, schedule, command from cron.job where jobname like 'forecast-%' order by jobname`,
    );
    expect(rows).toEqual([
      {
        jobname: 'forecast-accuracy',
        schedule: '0 20 * * *',
        command: 'select private.run_forecast_accuracy()',
      },
      {
        jobname: 'forecast-drain',
        schedule: '*/15 * * * *',
        command: 'select private.drain_forecast_queue()',
      },
      {
        jobname: 'forecast-nightly',
        schedule: '30 20 * * *',
        command: 'select private.run_nightly_forecasts()',
      },
      { jobname: 'forecast-prune', schedule: '30 21 * * *', command: 'select private.prune_forecasts()' },
    ]);
  });
});
