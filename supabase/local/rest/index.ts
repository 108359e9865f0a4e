// `/rest/v1`: PostgREST's RPC surface (supabase-surface.md §4). Per request, one
// transaction on a pooled superuser connection: the PostgREST settings (access mode,
// role switch, claims, headers), then the call — sent as one extended-protocol exchange
// with a single Sync (rpc-exchange.ts): one round trip, one implicit transaction.
// Statements are prepared per connection, and function metadata comes from a cache,
// so the hot path sends no catalog query.
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { acceptsGzip, compressible, gzip } from '../gateway/compress.ts';
import type { HttpService, ServiceDeps } from '../service.ts';
import { chooseFunction, notFound, planCall, type CallSql } from './call-plan.ts';
import { FunctionCatalog, type FunctionInfo } from './function-catalog.ts';
import { argsFromBody, argsFromQuery, wantsSingleObject, type RpcArgs } from './request-args.ts';
import { ANON_ROLE, bearerToken, identify, type RequestIdentity } from './request-auth.ts';
import { PRELUDE_SQL, preludeParams } from './request-settings.ts';
import { runExchange, type ExchangeResult } from './rpc-exchange.ts';
import { fromPgError, restError, type RestError } from './rest-error.ts';

const RPC_PATH = /^\/rpc\/([^/]+)\/?$/;

// Own pool, so a burst of RPC cannot starve auth, cron or realtime of connections.
// Eight connections keep two cores busy; more only queue inside Postgres.
const REST_POOL_SIZE = 8;

export async function createRestService(deps: ServiceDeps): Promise<HttpService> {
  const pool = new pg.Pool({
    connectionString: deps.databaseUrl,
    max: REST_POOL_SIZE,
    application_name: 'local-rest',
  });
  pool.on('error', (err) => deps.log(`rest pool: ${err.message}`));
  // A connection that dies while checked out emits 'error' on its client; without a listener
  // that is an unhandled error that would take the process down. The query itself fails too.
  pool.on('connect', (client) => client.on('error', (err) => deps.log(`rest pool client: ${err.message}`)));
  const catalog = new FunctionCatalog(pool, 'public');
  try {
    await catalog.reload();
  } catch (err) {
    await pool.end();
    throw err;
  }
  const statementNames = new Map<string, string>();
  const nameOf = (sql: string): string => {
    let n = statementNames.get(sql);
    if (n === undefined) {
      n = `rest_${statementNames.size}`;
      statementNames.set(sql, n);
    }
    return n;
  };

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    url: URL,
    body: Buffer,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const match = RPC_PATH.exec(path);
    if (match === null) return send(res, notServed(path));
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      return send(res, restError(405, 'PGRST117', `Unsupported HTTP method: ${method}`));
    }
    const readMethod = method !== 'POST';
    const profile = header(req, readMethod ? 'accept-profile' : 'content-profile');
    if (profile !== undefined && !deps.config.api.schemas.includes(profile)) {
      return send(
        res,
        restError(
          406,
          'PGRST106',
          `The schema must be one of the following: ${deps.config.api.schemas.join(', ')}`,
        ),
      );
    }
    const auth = identify(
      bearerToken(header(req, 'authorization'), header(req, 'apikey')),
      deps.keys.jwtSecret,
      deps.clock(),
    );
    if (!auth.ok) return send(res, auth.error);

    let name: string;
    try {
      name = decodeURIComponent(match[1] ?? '');
    } catch {
      return send(res, restError(400, 'PGRST100', `Invalid function name in path: ${path}`));
    }
    const args = readMethod ? argsFromQuery(url.searchParams) : argsFromBody(body);
    if ('status' in args) return send(res, args);
    const chosen = await resolve(name, args, wantsSingleObject(header(req, 'prefer')));
    if (chosen === undefined) return send(res, notFound('public', name, args.keys));
    const call = planCall(chosen.fn, chosen.wholeBody, args.keys, deps.config.api.maxRows);
    const readOnly = readMethod || chosen.fn.volatility !== 'v';
    const outcome = await run(auth.identity, readOnly, call, args.json, method, path, req);
    if ('status' in outcome) return send(res, outcome);
    respond(res, chosen.fn, outcome, method === 'HEAD', acceptsGzip(req.headers));
  }

  async function resolve(name: string, args: RpcArgs, singleObject: boolean) {
    const pick = (fns: readonly FunctionInfo[]) =>
      args.isObject || singleObject
        ? chooseFunction(fns, args.keys, singleObject)
        : (chooseFunction(
            fns.filter((f) => f.args.length === 1),
            [],
            false,
          ) ?? chooseFunction(fns, [], true));
    const first = pick(await catalog.lookup(name));
    if (first !== undefined) return first;
    // Known name, no matching overload: a migration may have added one since the cache loaded.
    await catalog.reload();
    return pick(await catalog.lookup(name));
  }

  async function run(
    who: RequestIdentity,
    readOnly: boolean,
    call: CallSql,
    json: string,
    method: string,
    path: string,
    req: IncomingMessage,
  ): Promise<ExchangeResult | RestError> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      deps.log(`rest: cannot get a database connection: ${String(err)}`);
      return restError(503, 'PGRST001', 'Database client error. Retrying the connection.');
    }
    let result: ExchangeResult;
    try {
      result = await runExchange(client, [
        {
          name: 'rest_prelude',
          text: PRELUDE_SQL,
          values: preludeParams(who.role, who.claims, method, path, req.headers, readOnly),
        },
        { name: nameOf(call.sql), text: call.sql, values: call.usesBody ? [json] : [] },
        { name: 'rest_response', text: RESPONSE_SQL, values: [] },
      ]);
    } catch (err) {
      return failure(client, who, err);
    }
    client.release();
    return result;
  }

  function failure(client: pg.PoolClient, who: RequestIdentity, err: unknown): RestError {
    const isPg = err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
    // A connection-level failure poisons the client; a SQL error leaves it reusable.
    client.release(isPg ? undefined : (err as Error));
    if (!isPg) {
      deps.log(`rest: ${String(err)}`);
      return restError(503, 'PGRST001', 'Database client error. Retrying the connection.');
    }
    const pgErr = err as Error & { code: string; detail?: string; hint?: string };
    if (pgErr.code === '42883' || pgErr.code === '42P01') void catalog.reload().catch(() => {});
    return fromPgError(pgErr, who.role === ANON_ROLE);
  }

  function respond(
    res: ServerResponse,
    fn: FunctionInfo,
    result: ExchangeResult,
    head: boolean,
    gzipOk: boolean,
  ): void {
    if (fn.returns === 'void') {
      res.writeHead(204);
      res.end();
      return;
    }
    const row = result.rows[0];
    const text = row?.[0] ?? 'null';
    const override = responseOverride(result.after[0]?.[0]);
    const headers: Record<string, string | number> = {
      ...override.headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    };
    if (fn.returns === 'setof') {
      const n = Number(row?.[1] ?? 0);
      headers['content-range'] = n === 0 ? '*/*' : `0-${n - 1}/*`;
    }
    const type = 'application/json; charset=utf-8';
    if (compressible(type, Buffer.byteLength(text))) {
      headers['vary'] = 'accept-encoding';
      if (gzipOk) {
        const body = gzip(text);
        headers['content-encoding'] = 'gzip';
        headers['content-length'] = body.length;
        res.writeHead(override.status ?? 200, headers);
        res.end(head ? undefined : body);
        return;
      }
    }
    res.writeHead(override.status ?? 200, headers);
    res.end(head ? undefined : text);
  }

  return { handle, close: () => pool.end() };
}

/**
 * PostgREST's response GUCs, read back in the same transaction as the call: a function may
 * `set_config('response.status', '403', true)` (e.g. to refuse and still commit its audit
 * entry) and `set_config('response.headers', '[{"Retry-After": "1"}]', true)`.
 */
const RESPONSE_SQL =
  "select pg_catalog.current_setting('response.status', true), pg_catalog.current_setting('response.headers', true)";

export function responseOverride(row: readonly (string | null)[] | undefined): {
  status: number | undefined;
  headers: Record<string, string>;
} {
  const statusText = row?.[0] ?? '';
  const n = Number(statusText);
  const status = statusText !== '' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
  const headers: Record<string, string> = {};
  try {
    const list = JSON.parse(row?.[1] || '[]') as unknown;
    if (Array.isArray(list)) {
      for (const item of list) {
        if (item === null || typeof item !== 'object') continue;
        for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
          if (typeof v === 'string' && /^[A-Za-z0-9-]+$/.test(k)) headers[k.toLowerCase()] = v;
        }
      }
    }
  } catch {
    // A malformed response.headers is ignored, as PostgREST ignores what it cannot parse.
  }
  return { status, headers };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function notServed(path: string): RestError {
  const table = path.replace(/^\/+/, '').split('/')[0] ?? '';
  return restError(
    404,
    'PGRST205',
    `Could not find the table 'public.${table}' in the schema cache`,
    null,
    'The local stack serves /rest/v1/rpc/<function> only: the app reaches the database through RPC (ARCHITECTURE.md §5).',
  );
}

export function send(res: ServerResponse, e: RestError): void {
  const text = JSON.stringify(e.body);
  res.writeHead(e.status, {
    ...e.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
