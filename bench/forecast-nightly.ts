// The nightly forecast run of bench/forecast.ts, measured on a real database: enqueue a
// run (or re-open one already enqueued), then drain it with N worker loops in this
// process — the edge function's loop and hierarchical chunk function, calling the same
// SQL (claim with histories, complete with one upsert per chunk) — and time it. It writes
// a forecast run: point it at a private database holding the demo data.
import pg from 'pg';
import { runForecastLoop, type RpcCall } from '../supabase/functions/_shared/forecast-worker-loop.ts';
import { forecastHierarchyChunk } from '../supabase/functions/forecast-worker/hierarchy-chunk.ts';

export interface NightlyOptions {
  readonly databaseUrl: string;
  /** Defaults to today's IST business day. */
  readonly runDate?: string | undefined;
  readonly workers: number;
}

export interface NightlyResult {
  readonly runDate: string;
  readonly chunks: number;
  readonly series: number;
  readonly workers: number;
  readonly wallSeconds: number;
  readonly forecastCpuSeconds: number;
}

// The worker's RPCs by name; arguments are bound, names come from this list only.
const RPCS: Readonly<Record<string, readonly string[]>> = {
  claim_forecast_chunk: [],
  complete_forecast_chunk: ['job_id', 'attempt', 'forecasts'],
  fail_forecast_chunk: ['job_id', 'attempt', 'error'],
  kick_forecast_worker: ['run_date'],
};

function rpcOver(pool: pg.Pool): RpcCall {
  return async (name, args) => {
    const params = RPCS[name];
    if (params === undefined) throw new Error(`unknown rpc ${name}`);
    const values = params.map((p) => (p === 'forecasts' ? JSON.stringify(args[p]) : args[p]));
    const list = params.map((p, i) => `${p} => $${i + 1}`).join(', ');
    const { rows } = await pool.query<{ r: unknown }>(`select public.${name}(${list}) as r`, values);
    return rows[0]?.r ?? null;
  };
}

export async function measureNightlyRun(opts: NightlyOptions): Promise<NightlyResult> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.workers + 1 });
  try {
    const { rows } = await pool.query<{ d: string }>(
      `select coalesce($1::date, (now() at time zone 'Asia/Kolkata')::date)::text as d`,
      [opts.runDate ?? null],
    );
    const runDate = rows[0]!.d;
    const added = await pool.query<{ n: number }>('select private.enqueue_forecast_run($1) as n', [runDate]);
    if (added.rows[0]!.n === 0) {
      // measured again: the same chunks, re-opened (idempotent per day: rows are replaced)
      await pool.query(
        `update private.forecast_jobs set status = 'pending', attempts = 0, error = null where run_date = $1`,
        [runDate],
      );
    }
    let forecastMs = 0;
    const rpc = rpcOver(pool);
    const t0 = performance.now();
    const reports = await Promise.all(
      Array.from({ length: opts.workers }, () =>
        runForecastLoop(
          {
            rpc,
            clock: () => performance.now(),
            log: (line) => console.error(line),
            forecast: (chunk) => {
              const s = performance.now();
              try {
                return forecastHierarchyChunk(chunk);
              } finally {
                forecastMs += performance.now() - s;
              }
            },
          },
          { cpuBudgetMs: Number.POSITIVE_INFINITY, wallBudgetMs: Number.POSITIVE_INFINITY },
        ),
      ),
    );
    const wallSeconds = (performance.now() - t0) / 1000;
    const status = await pool.query<{ s: { chunks: number; series: number; failed: number } }>(
      'select public.forecast_run_status($1) as s',
      [runDate],
    );
    const s = status.rows[0]!.s;
    if (s.failed > 0 || reports.some((r) => r.failed > 0)) {
      throw new Error(`nightly run ${runDate}: ${s.failed} chunks failed`);
    }
    return {
      runDate,
      chunks: s.chunks,
      series: s.series,
      workers: opts.workers,
      wallSeconds,
      forecastCpuSeconds: forecastMs / 1000,
    };
  } finally {
    await pool.end();
  }
}
