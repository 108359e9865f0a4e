// The forecast-worker's work loop: claim a chunk, forecast it, write it, repeat until the
// queue is empty or the invocation's budget is spent; then, if chunks may remain, queue
// one more invocation of itself (kick_forecast_worker → pg_net, sent after commit).
// Hosted edge functions get ~2 s of CPU per request (async I/O excluded): the loop
// counts the time spent forecasting (the CPU-bound part) against `cpuBudgetMs` and stops
// before a chunk as long as the slowest one so far would cross it. Wall time waiting on
// the database is capped separately.
import { forecastChunk, parseClaim, type ClaimedChunk } from './forecast-chunk.ts';

export type RpcCall = (name: string, args: Record<string, unknown>) => Promise<unknown>;

export interface ForecastLoopDeps {
  readonly rpc: RpcCall;
  /** Monotonic milliseconds (performance.now in the runtime, a fake in tests). */
  readonly clock: () => number;
  readonly log: (line: string) => void;
  /** Runs the core on a chunk; defaults to forecastChunk (tests inject failures here). */
  readonly forecast?: typeof forecastChunk;
}

export interface LoopLimits {
  readonly cpuBudgetMs: number;
  readonly wallBudgetMs: number;
}

export const DEFAULT_LIMITS: LoopLimits = { cpuBudgetMs: 1500, wallBudgetMs: 60_000 };

export interface LoopReport {
  readonly chunks: number;
  readonly series: number;
  readonly failed: number;
  readonly cpuMs: number;
  readonly stoppedBy: 'empty' | 'budget';
  readonly rekicked: boolean;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function runForecastLoop(deps: ForecastLoopDeps, limits: LoopLimits): Promise<LoopReport> {
  const forecast = deps.forecast ?? forecastChunk;
  const wallStart = deps.clock();
  let cpuMs = 0;
  let slowest = 0;
  let chunks = 0;
  let series = 0;
  let failed = 0;
  let lastRun: string | null = null;
  for (;;) {
    if (cpuMs + slowest > limits.cpuBudgetMs || deps.clock() - wallStart > limits.wallBudgetMs) {
      const rekicked = lastRun !== null && (await rekick(deps, lastRun));
      return { chunks, series, failed, cpuMs, stoppedBy: 'budget', rekicked };
    }
    const chunk: ClaimedChunk | null = parseClaim(await deps.rpc('claim_forecast_chunk', {}));
    if (chunk === null) return { chunks, series, failed, cpuMs, stoppedBy: 'empty', rekicked: false };
    lastRun = chunk.runDate;
    chunks++;
    const began = deps.clock();
    try {
      const rows = forecast(chunk);
      const spent = deps.clock() - began;
      cpuMs += spent;
      slowest = Math.max(slowest, spent);
      await deps.rpc('complete_forecast_chunk', {
        job_id: chunk.jobId,
        attempt: chunk.attempt,
        forecasts: rows,
      });
      series += rows.length;
    } catch (e) {
      cpuMs += deps.clock() - began;
      failed++;
      deps.log(`forecast-worker: chunk ${chunk.jobId} attempt ${chunk.attempt} failed: ${message(e)}`);
      // A lost claim (lease expired, another invocation took over) raises here too; the
      // chunk's state is then the other invocation's business, so carry on.
      await deps
        .rpc('fail_forecast_chunk', { job_id: chunk.jobId, attempt: chunk.attempt, error: message(e) })
        .catch((err: unknown) =>
          deps.log(`forecast-worker: could not report chunk ${chunk.jobId}: ${message(err)}`),
        );
    }
  }
}

async function rekick(deps: ForecastLoopDeps, runDate: string): Promise<boolean> {
  try {
    return ((await deps.rpc('kick_forecast_worker', { run_date: runDate })) as number) > 0;
  } catch (e) {
    // The drain cron job picks the run up within 15 minutes anyway.
    deps.log(`forecast-worker: re-kick failed: ${message(e)}`);
    return false;
  }
}
