// The transaction-local settings PostgREST sets before the main query (surface §4.4,
// pgrst:src/PostgREST/Query/PreQuery.hs): search_path, role, request.jwt.claims,
// request.method, request.path, request.headers (lower-cased, cookie excluded),
// request.cookies — plus the access mode (transaction_read_only) that PostgREST puts in
// its BEGIN. One statement, values bound; is_local=true scopes them to the transaction.
import type { IncomingHttpHeaders } from 'node:http';

export const PRELUDE_SQL =
  "select pg_catalog.set_config('transaction_read_only', $8, true)," +
  " pg_catalog.set_config('search_path', $1, true), pg_catalog.set_config('role', $2, true)," +
  " pg_catalog.set_config('request.jwt.claims', $3, true), pg_catalog.set_config('request.method', $4, true)," +
  " pg_catalog.set_config('request.path', $5, true), pg_catalog.set_config('request.headers', $6, true)," +
  " pg_catalog.set_config('request.cookies', $7, true)";

/** `public` first, then the extra search path of config.toml's [api] (Supabase default). */
export const SEARCH_PATH = '"public", "extensions"';

export function headersJson(headers: IncomingHttpHeaders): string {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'cookie' || v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(',') : v;
  }
  return JSON.stringify(out);
}

export function cookiesJson(cookie: string | undefined): string {
  const out: Record<string, string> = {};
  for (const part of (cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return JSON.stringify(out);
}

export function preludeParams(
  role: string,
  claims: Readonly<Record<string, unknown>>,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  readOnly: boolean,
): string[] {
  return [
    SEARCH_PATH,
    role,
    JSON.stringify(claims),
    method,
    path,
    headersJson(headers),
    cookiesJson(headers.cookie),
    readOnly ? 'on' : 'off',
  ];
}
