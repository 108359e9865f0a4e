// The RPC schema cache: metadata of every function in the exposed schema, loaded once
// and reloaded when a request names a function it does not know (new migrations), so
// the per-request path costs no catalog query.
import type pg from 'pg';

export interface FunctionArg {
  /** '' for an unnamed argument. */
  readonly name: string;
  /** format_type() of the argument type: catalog text, safe to splice as a type name. */
  readonly type: string;
  readonly hasDefault: boolean;
}

export type ReturnKind = 'void' | 'scalar' | 'composite' | 'setof';

export interface FunctionInfo {
  readonly schema: string;
  readonly name: string;
  readonly args: readonly FunctionArg[];
  readonly returns: ReturnKind;
  /** 'v' volatile, 's' stable, 'i' immutable. */
  readonly volatility: 'v' | 's' | 'i';
}

const CATALOG_SQL = `
select p.proname as name,
       p.provolatile as volatility,
       p.proretset as retset,
       p.prorettype = 'pg_catalog.void'::pg_catalog.regtype as is_void,
       (rt.typtype = 'c' or (p.prorettype = 'pg_catalog.record'::pg_catalog.regtype
          and p.proargmodes is not null and p.proargmodes && array['o','t','b']::"char"[])) as is_composite,
       p.pronargdefaults as ndefaults,
       coalesce(p.proargnames, '{}'::text[]) as arg_names,
       coalesce(p.proargmodes::text[], '{}'::text[]) as arg_modes,
       array(select pg_catalog.format_type(t, null) from pg_catalog.unnest(p.proargtypes) with ordinality as a(t, i) order by i) as in_types
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  join pg_catalog.pg_type rt on rt.oid = p.prorettype
 where n.nspname = $1 and p.prokind = 'f'
   and not p.provariadic <> 0`;

interface CatalogRow {
  name: string;
  volatility: 'v' | 's' | 'i';
  retset: boolean;
  is_void: boolean;
  is_composite: boolean;
  ndefaults: number;
  arg_names: string[];
  arg_modes: string[];
  in_types: string[];
}

export function toFunctionInfo(schema: string, r: CatalogRow): FunctionInfo {
  // proargnames/proargmodes cover IN and OUT arguments; proargtypes only IN ones.
  const inNames =
    r.arg_modes.length === 0
      ? r.arg_names
      : r.arg_names.filter((_, i) => ['i', 'b', 'v'].includes(r.arg_modes[i] ?? 'i'));
  const firstDefault = r.in_types.length - r.ndefaults;
  const args = r.in_types.map((type, i) => ({ name: inNames[i] ?? '', type, hasDefault: i >= firstDefault }));
  const returns: ReturnKind = r.is_void
    ? 'void'
    : r.retset
      ? 'setof'
      : r.is_composite
        ? 'composite'
        : 'scalar';
  return { schema, name: r.name, args, returns, volatility: r.volatility };
}

export class FunctionCatalog {
  #byName = new Map<string, FunctionInfo[]>();
  #loading: Promise<void> | undefined;
  readonly #pool: pg.Pool;
  readonly #schema: string;

  constructor(pool: pg.Pool, schema = 'public') {
    this.#pool = pool;
    this.#schema = schema;
  }

  /** Overloads of `name`; reloads the cache once when the name is unknown. */
  async lookup(name: string): Promise<readonly FunctionInfo[]> {
    const hit = this.#byName.get(name);
    if (hit !== undefined) return hit;
    await this.reload();
    return this.#byName.get(name) ?? [];
  }

  /** Concurrent misses share one catalog query. */
  reload(): Promise<void> {
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #load(): Promise<void> {
    const { rows } = await this.#pool.query<CatalogRow>(CATALOG_SQL, [this.#schema]);
    const next = new Map<string, FunctionInfo[]>();
    for (const r of rows) {
      const list = next.get(r.name) ?? [];
      list.push(toFunctionInfo(this.#schema, r));
      next.set(r.name, list);
    }
    this.#byName = next;
  }
}
