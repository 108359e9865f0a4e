// Reads RPC arguments from a request: the JSON body for POST, the query string for
// GET/HEAD (every value a string, converted by Postgres with the argument's type). Pure.
import { restError, type RestError } from './rest-error.ts';

export interface RpcArgs {
  /** JSON text bound as the call's body parameter. */
  readonly json: string;
  /** Argument names offered; empty when the body is not a JSON object. */
  readonly keys: readonly string[];
  /** False for a JSON array or scalar body, which only a single-json-argument function can take. */
  readonly isObject: boolean;
}

export function argsFromBody(body: Buffer): RpcArgs | RestError {
  const text = body.toString('utf8');
  if (text.trim() === '') return { json: '{}', keys: [], isObject: true };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return restError(400, 'PGRST102', 'Empty or invalid json');
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { json: text, keys: Object.keys(value), isObject: true };
  }
  return { json: text, keys: [], isObject: false };
}

export function argsFromQuery(params: URLSearchParams): RpcArgs {
  const obj: Record<string, string> = {};
  for (const [k, v] of params) obj[k] = v;
  return { json: JSON.stringify(obj), keys: Object.keys(obj), isObject: true };
}

export function wantsSingleObject(prefer: string | undefined): boolean {
  return (prefer ?? '').split(',').some((p) => p.trim() === 'params=single-object');
}
