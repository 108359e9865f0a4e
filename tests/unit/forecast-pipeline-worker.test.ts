// The forecast-worker loop and handler with a fake database and clock: draining, the CPU
// budget and self re-kick, failure reporting, and who may call it.
import { describe, expect, it } from 'vitest';
import { createHandler, bearerRole } from '../../supabase/functions/forecast-worker/handler.ts';
import type { ClaimedChunk, ForecastRow } from '../../supabase/functions/_shared/forecast-chunk.ts';
import { runForecastLoop, type RpcCall } from '../../supabase/functions/_shared/forecast-worker-loop.ts';

const chunkOf = (jobId: number): ClaimedChunk => ({
  jobId,
  attempt: 1,
  runDate: '2026-11-20',
  storeId: 'S1',
  region: 'NORTH',
  series: [{ sku: `SKU-${jobId}`, startDate: '2026-11-20', days: 0, offsets: [], units: [] }],
});

/** A fake database holding `n` chunks; `clock` advances `cost` ms per forecast call. */
function world(n: number, opts: { cost?: number; failJob?: number; failReport?: boolean } = {}) {
  const calls: { name: string; args: Record<string, unknown> }[] = [];
  const logs: string[] = [];
  let next = 1;
  let now = 0;
  const rpc: RpcCall = async (name, args) => {
    calls.push({ name, args });
    if (name === 'claim_forecast_chunk') return next <= n ? chunkOf(next++) : null;
    if (name === 'fail_forecast_chunk' && opts.failReport === true)
      throw new Error('no longer holds the claim');
    if (name === 'kick_forecast_worker') return 1;
    return name === 'fail_forecast_chunk' ? 'pending' : 1;
  };
  const forecast = (c: ClaimedChunk): ForecastRow[] => {
    now += opts.cost ?? 10;
    if (c.jobId === opts.failJob) throw new Error('boom');
    return [{ sku: c.series[0]!.sku } as ForecastRow];
  };
  return { calls, logs, deps: { rpc, clock: () => now, log: (l: string) => logs.push(l), forecast } };
}

const names = (calls: { name: string }[]) => calls.map((c) => c.name);

describe('runForecastLoop', () => {
  it('claims and completes chunks until the queue is empty', async () => {
    const w = world(2);
    const report = await runForecastLoop(w.deps, { cpuBudgetMs: 1500, wallBudgetMs: 60_000 });
    expect(report).toEqual({
      chunks: 2,
      series: 2,
      failed: 0,
      cpuMs: 20,
      stoppedBy: 'empty',
      rekicked: false,
    });
    expect(names(w.calls)).toEqual([
      'claim_forecast_chunk',
      'complete_forecast_chunk',
      'claim_forecast_chunk',
      'complete_forecast_chunk',
      'claim_forecast_chunk',
    ]);
    expect(w.calls[1]!.args).toEqual({ job_id: 1, attempt: 1, forecasts: [{ sku: 'SKU-1' }] });
  });

  it('stops before a chunk that would overrun the CPU budget and re-kicks itself', async () => {
    const w = world(10, { cost: 400 });
    const report = await runForecastLoop(w.deps, { cpuBudgetMs: 1500, wallBudgetMs: 60_000 });
    // 3 × 400 = 1200 ms; a 4th would end at 1600 > 1500.
    expect(report).toMatchObject({ chunks: 3, cpuMs: 1200, stoppedBy: 'budget', rekicked: true });
    expect(w.calls.at(-1)).toEqual({ name: 'kick_forecast_worker', args: { run_date: '2026-11-20' } });
  });

  it('reports a failed chunk and carries on with the next', async () => {
    const w = world(3, { failJob: 2 });
    const report = await runForecastLoop(w.deps, { cpuBudgetMs: 1500, wallBudgetMs: 60_000 });
    expect(report).toMatchObject({ chunks: 3, series: 2, failed: 1, stoppedBy: 'empty' });
    expect(w.calls.find((c) => c.name === 'fail_forecast_chunk')?.args).toEqual({
      job_id: 2,
      attempt: 1,
      error: 'boom',
    });
    expect(w.logs).toEqual(['forecast-worker: chunk 2 attempt 1 failed: boom']);
  });

  it('logs a failure report the database refuses (claim lost) and continues', async () => {
    const w = world(2, { failJob: 1, failReport: true });
    const report = await runForecastLoop(w.deps, { cpuBudgetMs: 1500, wallBudgetMs: 60_000 });
    expect(report).toMatchObject({ chunks: 2, failed: 1, series: 1 });
    expect(w.logs[1]).toBe('forecast-worker: could not report chunk 1: no longer holds the claim');
  });
});

const jwt = (claims: object): string =>
  `Bearer x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const post = (auth: string | null, body = '{}', method = 'POST'): Request =>
  new Request('http://x/forecast-worker', {
    method,
    headers: auth === null ? {} : { authorization: auth },
    ...(method === 'POST' ? { body } : {}),
  });

describe('forecast-worker handler', () => {
  it('reads the role claim of a bearer token', () => {
    expect(bearerRole(jwt({ role: 'service_role' }))).toBe('service_role');
    expect(bearerRole('Bearer not-a-jwt')).toBeNull();
    expect(bearerRole(null)).toBeNull();
  });

  it('refuses other methods, other roles and malformed bodies', async () => {
    const h = createHandler(world(1).deps);
    expect((await h(post(jwt({ role: 'service_role' }), '', 'GET'))).status).toBe(405);
    expect((await h(post(jwt({ role: 'anon' })))).status).toBe(403);
    expect((await h(post(null))).status).toBe(403);
    const bad = await h(post(jwt({ role: 'service_role' }), '{"cpuBudgetMs": -1}'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: 'INVALID_BODY', message: 'cpuBudgetMs must be a positive number of milliseconds' },
    });
    expect((await h(post(jwt({ role: 'service_role' }), 'nope'))).status).toBe(400);
  });

  it('runs the loop and never lets a caller raise the budget above 1.5 s', async () => {
    const w = world(10, { cost: 400 });
    const res = await createHandler(w.deps)(post(jwt({ role: 'service_role' }), '{"cpuBudgetMs": 100000}'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ chunks: 3, stoppedBy: 'budget', rekicked: true });
  });

  it('answers 503 when claiming fails', async () => {
    const logs: string[] = [];
    const h = createHandler({
      rpc: async () => {
        throw new Error('connection refused');
      },
      clock: () => 0,
      log: (l) => logs.push(l),
    });
    const res = await h(post(jwt({ role: 'service_role' })));
    expect(res.status).toBe(503);
    expect(logs).toEqual(['forecast-worker: connection refused']);
  });
});
