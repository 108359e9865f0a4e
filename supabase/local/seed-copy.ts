// Bulk loading for the demo seed (supabase/local/seed.ts). Three things make the initial
// load of millions of rows cheap:
// * COPY text written straight into 1 MB buffers and streamed per table, no per-row awaits;
// * "bare" partitions: on an empty database the load's own partitions are detached and their
//   indexes dropped, filled by COPY as plain heaps, then the very same indexes are rebuilt
//   (from their catalogued definitions) and the partitions re-attached. Maintaining the
//   (store_id, sku, business_date) key row by row costs ~4× the heap insert itself; building
//   it once by sort costs a fraction. Detached partitions also have no row triggers: the
//   sync columns come from their defaults, which are the same expressions sync_stamp() sets.
//   Attaching restores the exact migrated shape (PostgreSQL re-clones the triggers, links the
//   indexes and constraints to the parent's and marks the columns inherited); the
//   seed-schema integration test compares the catalogues to prove it;
// * for big unpartitioned tables, per-row foreign-key checks and sync stamping switched off
//   for the statement and replaced by one set-based check (withBulkTriggersOff).
// Everything happens in the caller's transaction: a failed load leaves nothing behind.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdent } from './db/databases.ts';

/** COPY text cell: our values never hold tabs, newlines or backslashes, but names might. */
export const copyCell = (v: string): string => (/[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, ' ') : v);
export const NULL_CELL = '\\N';

const CHUNK = 1 << 20;

/**
 * Accumulates COPY text lines as UTF-8 bytes in 1 MB buffers. Writing each line into a
 * buffer right away is ~3× cheaper than keeping millions of small strings alive until a join
 * (V8 copies them through the young generation first).
 */
export class CopyBuffer {
  readonly chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  rows = 0;
  add(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; the line must fit with its newline.
    if (this.pos + line.length * 3 + 1 > this.buf.length) {
      this.seal();
      if (line.length * 3 + 1 > this.buf.length) this.buf = Buffer.allocUnsafe(line.length * 3 + 1);
    }
    this.pos += this.buf.write(line, this.pos, 'utf8');
    this.buf[this.pos++] = 0x0a;
    this.rows++;
  }
  seal(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
  }
}
/** `COPY table (columns) FROM STDIN` from the buffer's text. `table` is a catalogued name. */
export async function copyInto(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  buffer: CopyBuffer,
): Promise<void> {
  buffer.seal();
  if (buffer.chunks.length === 0) return;
  const sql = `copy ${table} (${columns.map(quoteIdent).join(', ')}) from stdin`;
  await pipeline(Readable.from(buffer.chunks), client.query(copyFrom(sql)));
  buffer.chunks.length = 0;
}

interface IndexDef {
  /** Name of the constraint the index backs (primary key, unique, exclusion), or null. */
  readonly constraint: string | null;
  /** `pg_get_constraintdef` for a constraint, else `pg_get_indexdef`. */
  readonly def: string;
}

export interface BarePartition {
  /** Qualified, quoted name (regclass text). */
  readonly name: string;
  /** Range bound, ISO dates: from inclusive, to exclusive. */
  readonly from: string;
  readonly to: string;
  /** Rows written by the loader (for the caller's statistics). */
  readonly buffer: CopyBuffer;
}

export interface BareTable {
  readonly parent: string;
  readonly partitions: readonly BarePartition[];
  /** The partition of an ISO date; throws if none covers it (the load made them all). */
  partitionOf(isoDate: string): BarePartition;
  /** COPYs every partition's buffered rows. */
  copy(client: pg.PoolClient, columns: readonly string[]): Promise<void>;
  /** Rebuilds the dropped indexes and constraints and attaches the partitions again. */
  restore(client: pg.PoolClient): Promise<void>;
}

interface Catalogued {
  name: string;
  bound: string;
  from: string | null;
  to: string | null;
  empty: boolean;
  indexes: IndexDef[];
}

/**
 * Detaches the empty date-range partitions of `parent` and drops their indexes. Refuses
 * (before changing anything) if one holds rows: this is only for an initial load.
 */
export async function detachForLoad(client: pg.PoolClient, parent: string): Promise<BareTable> {
  const { rows } = await client.query<Catalogued>(
    `select c.oid::regclass::text as name,
            pg_get_expr(c.relpartbound, c.oid) as bound,
            (regexp_match(pg_get_expr(c.relpartbound, c.oid), $$^FOR VALUES FROM \\('([0-9-]+)'\\) TO \\('([0-9-]+)'\\)$$))[1] as from,
            (regexp_match(pg_get_expr(c.relpartbound, c.oid), $$^FOR VALUES FROM \\('([0-9-]+)'\\) TO \\('([0-9-]+)'\\)$$))[2] as to,
            pg_relation_size(c.oid) = 0 as empty,
            (select coalesce(json_agg(json_build_object(
                      'constraint', k.conname,
                      'def', coalesce(pg_get_constraintdef(k.oid), pg_get_indexdef(i.indexrelid)))
                      order by i.indexrelid), '[]'::json)
               from pg_index i
               left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = c.oid and k.contype in ('p', 'u', 'x')
              where i.indrelid = c.oid) as indexes
       from pg_inherits h join pg_class c on c.oid = h.inhrelid
      where h.inhparent = $1::regclass and not c.relpartbound is null
        and pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
      order by 3`,
    [parent],
  );
  for (const r of rows) {
    if (r.from === null || r.to === null)
      throw new Error(
        `seed: ${r.name} is not a date-range partition (${r.bound}); cannot bulk-load ${parent}`,
      );
    if (!r.empty)
      throw new Error(`seed: ${r.name} already holds rows; the bulk load needs an empty ${parent}`);
  }
  for (const r of rows) {
    await client.query(`alter table ${parent} detach partition ${r.name}`);
    for (const ix of r.indexes) {
      if (ix.constraint !== null)
        await client.query(`alter table ${r.name} drop constraint ${quoteIdent(ix.constraint)}`);
      else await client.query(`drop index ${indexName(ix.def)}`);
    }
  }
  const partitions: BarePartition[] = rows.map((r) => ({
    name: r.name,
    from: r.from ?? '',
    to: r.to ?? '',
    buffer: new CopyBuffer(),
  }));
  // ISO dates compare as strings; a day→partition memo keeps routing one map lookup per row.
  const memo = new Map<string, BarePartition>();
  return {
    parent,
    partitions,
    partitionOf(isoDate) {
      let p = memo.get(isoDate);
      if (p === undefined) {
        p = partitions.find((x) => x.from <= isoDate && isoDate < x.to);
        if (p === undefined) throw new Error(`seed: no partition of ${parent} covers ${isoDate}`);
        memo.set(isoDate, p);
      }
      return p;
    },
    async copy(c, columns) {
      for (const p of partitions) await copyInto(c, p.name, columns, p.buffer);
    },
    async restore(c) {
      for (const r of rows) {
        for (const ix of r.indexes) {
          if (ix.constraint !== null)
            await c.query(`alter table ${r.name} add constraint ${quoteIdent(ix.constraint)} ${ix.def}`);
          else await c.query(ix.def);
        }
        await c.query(`alter table ${parent} attach partition ${r.name} ${r.bound}`);
      }
    },
  };
}

/** The (schema-qualified) index name of a `CREATE [UNIQUE] INDEX name ON schema.table …`. */
function indexName(def: string): string {
  const m = /^CREATE (?:UNIQUE )?INDEX (\S+) ON (\S+)\./.exec(def);
  if (!m?.[1] || !m[2]) throw new Error(`seed: cannot read the index name in "${def}"`);
  return `${m[2]}.${m[1]}`;
}

/**
 * Runs `load` with the row triggers of `table` whose work the bulk load does another way
 * switched off: foreign-key checks (one index probe per row; verified below with one
 * anti-join per constraint instead) and sync_stamp (the sync columns' defaults are the same
 * expressions). Re-enabled before returning, so the schema is unchanged at commit. Needs a
 * superuser (internal triggers); otherwise the load simply runs with them.
 */
export async function withBulkTriggersOff<T>(
  client: pg.PoolClient,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  const su = await client.query<{ super: boolean }>(
    `select rolsuper as super from pg_roles where rolname = current_user`,
  );
  if (!su.rows[0]?.super) return load();
  const { rows: triggers } = await client.query<{ name: string }>(
    `select t.tgname as name from pg_trigger t
      where t.tgrelid = $1::regclass and t.tgenabled <> 'D'
        and (t.tgname = 'sync_stamp'
             or t.tgconstraint in (select oid from pg_constraint where conrelid = $1::regclass and contype = 'f'))
      order by 1`,
    [table],
  );
  const { rows: fks } = await client.query<{ name: string; ref: string; cols: string[]; refcols: string[] }>(
    `select k.conname as name, k.confrelid::regclass::text as ref,
            array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i)
                    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as cols,
            array(select a.attname::text from unnest(k.confkey) with ordinality u(n, i)
                    join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) as refcols
       from pg_constraint k where k.conrelid = $1::regclass and k.contype = 'f' order by 1`,
    [table],
  );
  for (const t of triggers) await client.query(`alter table ${table} disable trigger ${quoteIdent(t.name)}`);
  const result = await load();
  for (const t of triggers) await client.query(`alter table ${table} enable trigger ${quoteIdent(t.name)}`);
  for (const fk of fks) {
    const match = fk.cols
      .map((c, i) => `r.${quoteIdent(fk.refcols[i] ?? '')} = t.${quoteIdent(c)}`)
      .join(' and ');
    const present = fk.cols.map((c) => `t.${quoteIdent(c)} is not null`).join(' and ');
    const { rows } = await client.query<{ row: string }>(
      `select t::text as row from ${table} t where ${present} and not exists (select 1 from ${fk.ref} r where ${match}) limit 1`,
    );
    if (rows[0])
      throw new Error(`seed: ${table} row ${rows[0].row} violates ${fk.name} (no matching ${fk.ref} row)`);
  }
  return result;
}
