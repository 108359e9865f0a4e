// PostgREST's error JSON and its SQLSTATE → HTTP status mapping (supabase-surface.md §4.3,
// pgrst:src/PostgREST/Error.hs `pgErrorStatus`). Pure, so the whole table is unit-tested.

export interface RestError {
  readonly status: number;
  readonly body: { code: string; message: string; details: string | null; hint: string | null };
  readonly headers?: Readonly<Record<string, string>>;
}

export function restError(
  status: number,
  code: string,
  message: string,
  details: string | null = null,
  hint: string | null = null,
  headers?: Record<string, string>,
): RestError {
  return headers === undefined
    ? { status, body: { code, message, details, hint } }
    : { status, body: { code, message, details, hint }, headers };
}

/** HTTP status for a SQLSTATE raised while serving a request as `role`. */
export function pgErrorStatus(code: string, message: string, isAnonRole: boolean): number {
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  const cls = code.slice(0, 2);
  switch (code) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '21000':
      return message.endsWith('requires a WHERE clause') ? 400 : 500;
    case '22023':
      return /^role ".*" does not exist$/.test(message) ? 401 : 400;
    case '42883':
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '42501':
      return isAnonRole ? 401 : 403;
    case 'P0001':
      return 400;
    case '57P01':
      return 503;
    case '53400':
      return 500;
  }
  if (cls === '08' || cls === '53') return 503;
  if (cls === '0L' || cls === '0P' || cls === '28') return 403;
  if (
    ['09', '25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'XX', 'P0'].includes(cls)
  )
    return 500;
  return 400;
}

interface PgErrorFields {
  code: string;
  message: string;
  detail?: string | undefined;
  hint?: string | undefined;
}

/** The response for a Postgres error, including `raise sqlstate 'PGRST'` full-control errors. */
export function fromPgError(err: PgErrorFields, isAnonRole: boolean): RestError {
  if (err.code === 'PGRST') return fromPgrstRaise(err);
  const status = pgErrorStatus(err.code, err.message, isAnonRole);
  const headers: Record<string, string> | undefined =
    status === 401 ? { 'www-authenticate': 'Bearer' } : undefined;
  return restError(status, err.code, err.message, err.detail ?? null, err.hint ?? null, headers);
}

// `raise sqlstate 'PGRST' using message = '{"code":..,"message":..}', detail = '{"status":..,"headers":{..}}'`
function fromPgrstRaise(err: PgErrorFields): RestError {
  try {
    const m = JSON.parse(err.message) as Record<string, unknown>;
    const d = JSON.parse(err.detail ?? '') as Record<string, unknown>;
    const status = d['status'];
    if (typeof status !== 'number' || !Number.isInteger(status)) throw new Error('status');
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    const headers: Record<string, string> = {};
    const h = d['headers'];
    if (h !== null && typeof h === 'object') {
      for (const [k, v] of Object.entries(h)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    }
    return restError(
      status,
      str(m['code']) ?? '',
      str(m['message']) ?? '',
      str(m['details']),
      str(m['hint']),
      headers,
    );
  } catch {
    return restError(
      500,
      'PGRST121',
      'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
      `Invalid JSON value for MESSAGE: '${err.message}'\nInvalid JSON value for DETAIL: '${err.detail ?? ''}'`,
      "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.",
    );
  }
}
