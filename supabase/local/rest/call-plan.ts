// Chooses the overload a request means and writes the SQL that calls it, as PostgREST
// does: named arguments come from one bound JSON parameter through json_to_record, so
// Postgres converts each value with the argument's own type; a function with a single
// unnamed json/jsonb argument (or any single json argument with Prefer: params=single-object)
// gets the whole body. Identifiers are quoted; request values are never spliced. Pure.
import type { FunctionArg, FunctionInfo } from './function-catalog.ts';
import { restError, type RestError } from './rest-error.ts';

export interface CallSql {
  /** Text of the call; `$1`, when used, is the JSON body as text. */
  readonly sql: string;
  readonly usesBody: boolean;
}

export const quoteIdent = (s: string): string => `"${s.replaceAll('"', '""')}"`;

const isJsonType = (t: string): boolean => t === 'json' || t === 'jsonb';

export function chooseFunction(
  candidates: readonly FunctionInfo[],
  keys: readonly string[],
  singleObject: boolean,
): { fn: FunctionInfo; wholeBody: boolean } | undefined {
  if (singleObject) {
    const fn = candidates.find((f) => f.args.length === 1 && isJsonType(f.args[0]?.type ?? ''));
    return fn === undefined ? undefined : { fn, wholeBody: true };
  }
  const keySet = new Set(keys);
  const named = candidates.filter(
    (f) =>
      f.args.every((a) => a.name !== '' && (keySet.has(a.name) || a.hasDefault)) &&
      keys.every((k) => f.args.some((a) => a.name === k)),
  );
  // Prefer the overload that uses the most of the given keys without needing defaults.
  named.sort((a, b) => a.args.length - b.args.length);
  const exact = named.find((f) => f.args.length === keys.length) ?? named[0];
  if (exact !== undefined) return { fn: exact, wholeBody: false };
  const unnamedJson = candidates.find(
    (f) => f.args.length === 1 && f.args[0]?.name === '' && isJsonType(f.args[0].type),
  );
  return unnamedJson === undefined ? undefined : { fn: unnamedJson, wholeBody: true };
}

export function notFound(schema: string, name: string, keys: readonly string[]): RestError {
  const sorted = [...keys].sort();
  const q = `${schema}.${name}`;
  if (sorted.length === 0) {
    return restError(
      404,
      'PGRST202',
      `Could not find the function ${q} without parameters in the schema cache`,
      `Searched for the function ${q} without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
    );
  }
  const noun = sorted.length === 1 ? 'parameter' : 'parameters';
  return restError(
    404,
    'PGRST202',
    `Could not find the function ${q}(${sorted.join(', ')}) in the schema cache`,
    `Searched for the function ${q} with ${noun} ${sorted.join(', ')} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
  );
}

export function planCall(
  fn: FunctionInfo,
  wholeBody: boolean,
  keys: readonly string[],
  maxRows: number,
): CallSql {
  const usesBody = wholeBody || fn.args.some((a) => keys.includes(a.name));
  return { sql: callSql(fn, wholeBody, keys, maxRows), usesBody };
}

function callSql(fn: FunctionInfo, wholeBody: boolean, keys: readonly string[], maxRows: number): string {
  const target = `${quoteIdent(fn.schema)}.${quoteIdent(fn.name)}`;
  let call: string;
  let from = '';
  if (wholeBody) {
    call = `${target}($1::${fn.args[0]?.type ?? 'json'})`;
  } else {
    const used: FunctionArg[] = fn.args.filter((a) => keys.includes(a.name));
    if (used.length > 0) {
      from = ` from pg_catalog.json_to_record($1::json) as _a(${used.map((a) => `${quoteIdent(a.name)} ${a.type}`).join(', ')})`;
    }
    call = `${target}(${used.map((a) => `${quoteIdent(a.name)} := _a.${quoteIdent(a.name)}`).join(', ')})`;
  }
  switch (fn.returns) {
    case 'void':
      return `select ${call}${from}`;
    case 'scalar':
      return `select pg_catalog.to_json(${call})::text as body${from}`;
    case 'composite':
      return `select pg_catalog.to_json(_r)::text as body${from === '' ? ' from' : `${from},`} lateral ${call} as _r`;
    case 'setof': {
      const src = `${from === '' ? ' from' : `${from},`} lateral ${call} as _r`;
      return (
        `select coalesce(pg_catalog.json_agg(_s._r), '[]')::text as body, count(*)::int as n` +
        ` from (select _r${src} limit ${Math.max(1, Math.floor(maxRows))}) as _s`
      );
    }
  }
}
