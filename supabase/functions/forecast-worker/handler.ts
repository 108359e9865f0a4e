// POST /functions/v1/forecast-worker — kicked by pg_cron through pg_net (nightly, and by
// the drain job) and by itself while chunks remain. Claims forecast chunks, runs the
// shared forecasting core (the region×SKU hierarchy, hierarchy-chunk.ts) and writes each
// chunk's forecasts in one transaction; see
// _shared/forecast-worker-loop.ts. Only the service role may run it: verify_jwt checks the
// signature at the gateway, this checks the role claim.
import { errorResponse, jsonResponse } from '../_shared/http.ts';
import { DEFAULT_LIMITS, runForecastLoop, type ForecastLoopDeps } from '../_shared/forecast-worker-loop.ts';
import { serviceRpc } from '../_shared/ingest-rpc.ts';
import { forecastHierarchyChunk } from './hierarchy-chunk.ts';

export interface ForecastWorkerDeps extends ForecastLoopDeps {
  readonly cpuBudgetMs?: number;
}

/** The `role` claim of a bearer JWT whose signature the gateway has already verified. */
export function bearerRole(authorization: string | null): string | null {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (payload === undefined) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const role = (JSON.parse(json) as { role?: unknown }).role;
    return typeof role === 'string' ? role : null;
  } catch {
    return null;
  }
}

/** Optional body {cpuBudgetMs}: a smaller budget (ops, tests); never above the default. */
async function requestedBudget(req: Request): Promise<number | string> {
  const text = await req.text();
  if (text.trim() === '') return DEFAULT_LIMITS.cpuBudgetMs;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the body must be JSON';
  }
  const budget = (body as { cpuBudgetMs?: unknown } | null)?.cpuBudgetMs;
  if (budget === undefined) return DEFAULT_LIMITS.cpuBudgetMs;
  if (typeof budget !== 'number' || !Number.isFinite(budget) || budget <= 0) {
    return 'cpuBudgetMs must be a positive number of milliseconds';
  }
  return Math.min(budget, DEFAULT_LIMITS.cpuBudgetMs);
}

export function createHandler(deps: ForecastWorkerDeps): (req: Request) => Promise<Response> {
  return async (req) => {
    if (req.method !== 'POST') return errorResponse(405, 'METHOD_NOT_ALLOWED', 'use POST', { allow: 'POST' });
    if (bearerRole(req.headers.get('authorization')) !== 'service_role') {
      return errorResponse(403, 'FORBIDDEN', 'forecast-worker runs with the service role key only');
    }
    const budget = await requestedBudget(req);
    if (typeof budget === 'string') return errorResponse(400, 'INVALID_BODY', budget);
    try {
      const report = await runForecastLoop(deps, {
        ...DEFAULT_LIMITS,
        cpuBudgetMs: Math.min(budget, deps.cpuBudgetMs ?? DEFAULT_LIMITS.cpuBudgetMs),
      });
      return jsonResponse(report);
    } catch (e) {
      // Claiming itself failed (database down): the chunk stays claimable after its lease.
      deps.log(`forecast-worker: ${e instanceof Error ? e.message : String(e)}`);
      return errorResponse(
        503,
        'DATABASE_UNAVAILABLE',
        'could not claim forecast work; retried by the next kick',
      );
    }
  };
}

let wired: ((req: Request) => Promise<Response>) | undefined;

// Wired on first use so that importing this module needs no secrets.
export function handler(req: Request): Promise<Response> {
  wired ??= createHandler({
    rpc: serviceRpc(),
    clock: () => performance.now(),
    log: (line) => console.error(line),
    // region × SKU chunks: top-down by recent shares or direct, per series (issue 9 §2)
    forecast: forecastHierarchyChunk,
  });
  return wired(req);
}
