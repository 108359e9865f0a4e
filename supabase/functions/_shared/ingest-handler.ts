// One factory for the three ingest functions (issue 6): HTTP checks, API key presence,
// validation with shared/ schemas (every bad field of every bad record, Property 39), then
// ONE database call that authenticates, rate-limits (Property 40), writes and answers in
// one transaction. The answer built by SQL is sent as is, so a replay returns the same
// bytes as the first answer. Database trouble is a 503 with Retry-After (clients retry
// the same bytes; the write is idempotent) and is counted for Property 41.
import { validateBatch } from '../../../shared/ingest/batch.ts';
import { boundedRaw } from '../../../shared/ingest/bounded-raw.ts';
import type { Validated } from '../../../shared/ingest/records.ts';
import { jsonResponse } from './http.ts';
import { readIngestRequest, sha256Hex } from './ingest-request.ts';

export type IngestKind = 'TRANSACTION' | 'INVENTORY' | 'COMPETITOR_PRICE';

/** Calls a Postgres function; rejects with `{ code, message }` on a database error. */
export type RpcCall = (name: string, args: Record<string, unknown>) => Promise<unknown>;

export interface IngestDeps {
  readonly rpc: RpcCall;
  /** Epoch ms; the accept window for timestamps is relative to it. */
  readonly clock: () => number;
  readonly log: (line: string) => void;
  readonly maxBodyBytes?: number;
}

export interface IngestSpec<T> {
  readonly kind: IngestKind;
  readonly rpcName: string;
  readonly validate: (raw: unknown, index: number, now: number) => Validated<T>;
}

interface SqlAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  status: 'error',
  code,
  message,
  ...extra,
});

function isSqlAnswer(v: unknown): v is SqlAnswer {
  return typeof v === 'object' && v !== null && typeof (v as { status?: unknown }).status === 'number';
}

// Deadlocks and serialization failures between concurrent batches touching the same rows
// (levels, rollups) roll the whole call back, so it is safe to run it again at once.
const TRANSIENT = new Set(['40P01', '40001']);

async function callWithRetry(rpc: RpcCall, name: string, args: Record<string, unknown>): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await rpc(name, args);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= 3 || typeof code !== 'string' || !TRANSIENT.has(code)) throw error;
    }
  }
}

export function createIngestHandler<T>(
  spec: IngestSpec<T>,
  deps: IngestDeps,
): (req: Request) => Promise<Response> {
  return async (req) => {
    const read = await readIngestRequest(req, deps.maxBodyBytes);
    if (!read.ok) {
      const { status, code, message, headers } = read.error;
      return jsonResponse(errorBody(code, message), status, headers ?? {});
    }
    const apiKey = req.headers.get('x-api-key') ?? '';
    if (apiKey === '')
      return jsonResponse(errorBody('MISSING_API_KEY', 'send the device API key in x-api-key'), 401);
    if (apiKey.length > 256)
      return jsonResponse(errorBody('INVALID_API_KEY', 'the x-api-key header is not a valid API key'), 401);

    const batch = validateBatch(read.json, spec.validate, deps.clock());
    if ('code' in batch) return jsonResponse(errorBody(batch.code, batch.message), 400);

    const args = {
      api_key: apiKey,
      request_hash: await sha256Hex(read.bytes),
      records: batch.valid.map((v) => ({ ...v.record, i: v.index })),
      rejected: batch.invalid.map((v) => ({ index: v.index, raw: boundedRaw(v.raw), errors: v.errors })),
    };
    try {
      const answer = await callWithRetry(deps.rpc, spec.rpcName, args);
      if (!isSqlAnswer(answer)) throw new Error(`${spec.rpcName} returned an unexpected answer`);
      return jsonResponse(answer.body, answer.status, answer.headers ?? {});
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === 'PT409') {
        return jsonResponse(
          errorBody(
            'IDEMPOTENCY_CONFLICT',
            'a record id was recorded concurrently with different contents; retry to see which',
          ),
          409,
        );
      }
      deps.log(
        `[${spec.rpcName}] database call failed: ${String((error as { message?: unknown })?.message ?? error)}`,
      );
      // Best effort: the failure counter is itself in the database that may be down.
      deps.rpc('report_ingest_failure', { api_key: apiKey, kind: spec.kind }).catch(() => {});
      return jsonResponse(
        errorBody('UNAVAILABLE', 'the service is temporarily unavailable; retry the same request later'),
        503,
        { 'Retry-After': '1' },
      );
    }
  };
}
