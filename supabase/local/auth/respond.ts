// Response writing. auth-js reads `code` as the error code only when the response
// carries X-Supabase-Api-Version >= 2024-01-01 (which it always requests); older
// callers get GoTrue's legacy body with `error_code` and the `x-sb-error-code` header.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthError } from './errors.ts';

export const API_VERSION = '2024-01-01';
const API_VERSION_HEADER = 'X-Supabase-Api-Version';
const EXPOSED = ['X-Total-Count', 'Link', API_VERSION_HEADER];

/** True when the request asked for the 2024-01-01 (or a later) error format. */
export function wantsCurrentErrors(req: IncomingMessage): boolean {
  const raw = req.headers['x-supabase-api-version'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= API_VERSION;
}

function baseHeaders(res: ServerResponse): void {
  res.setHeader(API_VERSION_HEADER, API_VERSION);
  // Browsers only let auth-js read the version header if CORS exposes it (§0).
  const current = String(res.getHeader('access-control-expose-headers') ?? '');
  const have = new Set(
    current
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const add = EXPOSED.filter((h) => !have.has(h.toLowerCase()));
  if (add.length > 0)
    res.setHeader('Access-Control-Expose-Headers', [current, ...add].filter(Boolean).join(', '));
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  baseHeaders(res);
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendNoContent(res: ServerResponse): void {
  baseHeaders(res);
  res.writeHead(204);
  res.end();
}

export function sendError(req: IncomingMessage, res: ServerResponse, err: AuthError): void {
  if (err.oauth) {
    sendJson(res, err.status, err.oauth);
    return;
  }
  if (wantsCurrentErrors(req)) {
    sendJson(res, err.status, { code: err.code, message: err.message, ...err.extra });
    return;
  }
  sendJson(
    res,
    err.status,
    { code: err.status, error_code: err.code, msg: err.message, ...err.extra },
    { 'x-sb-error-code': err.code },
  );
}
