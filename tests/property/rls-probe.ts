// Runs every table's select/insert/update/delete as a viewer and reports which rows each
// reached. Writes are undone (subtransaction) so one world serves all viewers. Update and
// delete run without WHERE or RETURNING — either would bring SELECT policies into play and
// hide a widened write policy; the rows they reached are found by comparing ctids (an
// updated row gets a new one) before and after, read back as the session superuser.
import type pg from 'pg';
import {
  OPERATIONS,
  canAccess,
  type Operation,
  type ScopedTable,
  type Viewer,
} from '../../shared/domain/access-rules.ts';
import { TABLE_SPECS, rowAccess, type TableSpec } from './rls-tables.ts';
import { claimsOf, uuid, viewerOf, type World } from './rls-world.ts';

const PROBE_FN = `
create or replace function pg_temp.rls_probe(op text, tbl text, key_sql text, stmt text) returns text[]
language plpgsql as $$
declare
  snapshot_sql text := format('select coalesce(jsonb_object_agg(k, c), ''{}'') from (select (%s) as k, ctid::text as c from public.%I) s', key_sql, tbl);
  before_rows jsonb;
  after_rows jsonb;
  ok boolean := true;
  result text[] := '{}';
begin
  execute snapshot_sql into before_rows;
  begin
    perform set_config('role', 'authenticated', true);
    begin
      if op = 'select' then
        execute format('select coalesce(array_agg(k order by k), ''{}'') from (select (%s) as k from public.%I) s', key_sql, tbl) into result;
      else
        execute stmt;
      end if;
    exception when insufficient_privilege then
      ok := false;
    end;
    perform set_config('role', 'postgres', true);
    if not ok then
      result := '{}';
    elsif op = 'insert' then
      result := array['reached'];
    elsif op in ('update', 'delete') then
      execute snapshot_sql into after_rows;
      select coalesce(array_agg(b.key order by b.key), '{}') into result
        from jsonb_each_text(before_rows) b
       where after_rows ->> b.key is distinct from b.value;
    end if;
    raise exception using errcode = 'PRB01', message = 'undo';
  exception when sqlstate 'PRB01' then
    return result;
  end;
end $$;`;

export async function installProbe(client: pg.PoolClient): Promise<void> {
  await client.query(PROBE_FN);
}

export async function loadWorld(client: pg.PoolClient, world: World): Promise<void> {
  const users = [...world.users.map((u) => u.id), uuid(99)];
  await client.query(
    `insert into auth.users (id, email, aud, role) select u, u || '@t.in', 'authenticated', 'authenticated' from unnest($1::uuid[]) u`,
    [users],
  );
  for (const spec of TABLE_SPECS) {
    for (const row of spec.rows(world)) {
      if (row.insert !== null) await client.query(`insert into public.${spec.table} ${row.insert}`);
    }
  }
}

interface Probe {
  readonly table: ScopedTable;
  readonly op: Operation;
  readonly keySql: string;
  readonly stmt: string;
  /** For inserts: the candidate's key (the probe answers reached-or-not). */
  readonly candidate: string | null;
}

function probesFor(spec: TableSpec, world: World, viewer: Viewer): Probe[] {
  const base = { table: spec.table, keySql: spec.keySql, candidate: null };
  const probes: Probe[] = [
    { ...base, op: 'select', stmt: '' },
    { ...base, op: 'update', stmt: `update public.${spec.table} set ${spec.updateSet}` },
    { ...base, op: 'delete', stmt: `delete from public.${spec.table}` },
  ];
  for (const c of spec.candidates(world, viewer)) {
    if (c.insert !== null) {
      probes.push({
        ...base,
        op: 'insert',
        stmt: `insert into public.${spec.table} ${c.insert}`,
        candidate: c.key,
      });
    }
  }
  return probes;
}

/** "table op" → sorted keys reached. */
export type Reach = Map<string, string[]>;

export async function probeViewer(
  client: pg.PoolClient,
  world: World,
  userIndex: number,
  tables: readonly TableSpec[] = TABLE_SPECS,
): Promise<Reach> {
  const user = world.users[userIndex];
  if (!user) throw new Error(`no user ${userIndex}`);
  const viewer = viewerOf(world, user);
  const probes = tables.flatMap((s) => probesFor(s, world, viewer));
  await client.query(`select set_config('request.jwt.claims', $1, true)`, [
    JSON.stringify(claimsOf(world, user)),
  ]);
  const { rows } = await client.query<{ i: string; keys: string[] | null }>(
    `select t.i, pg_temp.rls_probe(t.op, t.tbl, t.key_sql, t.stmt) as keys
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality as t(op, tbl, key_sql, stmt, i)
      order by t.i`,
    [
      probes.map((p) => p.op),
      probes.map((p) => p.table),
      probes.map((p) => p.keySql),
      probes.map((p) => p.stmt),
    ],
  );
  const reach: Reach = new Map();
  rows.forEach((r, i) => {
    const p = probes[i];
    if (!p) return;
    const id = `${p.table} ${p.op}`;
    const keys = p.op === 'insert' ? ((r.keys ?? []).length > 0 ? [p.candidate ?? '?'] : []) : (r.keys ?? []);
    reach.set(id, [...(reach.get(id) ?? []), ...keys].sort());
  });
  return reach;
}

export function expectedReach(
  world: World,
  userIndex: number,
  tables: readonly TableSpec[] = TABLE_SPECS,
): Reach {
  const user = world.users[userIndex];
  if (!user) throw new Error(`no user ${userIndex}`);
  const viewer = viewerOf(world, user);
  const reach: Reach = new Map();
  for (const spec of tables) {
    for (const op of OPERATIONS) {
      const keys =
        op === 'insert'
          ? spec
              .candidates(world, viewer)
              .filter((c) => c.insert !== null && canAccess(viewer, spec.table, op, c.access))
          : spec
              .rows(world)
              .filter((r, i) => canAccess(viewer, spec.table, op, rowAccess(spec, world, viewer, r, i)));
      reach.set(`${spec.table} ${op}`, keys.map((k) => k.key).sort());
    }
  }
  return reach;
}

/** Differences between what Postgres allowed and what the rules allow, as readable lines. */
export function diffReach(actual: Reach, expected: Reach): string[] {
  const out: string[] = [];
  for (const [id, want] of expected) {
    const got = actual.get(id) ?? [];
    if (JSON.stringify(got) !== JSON.stringify(want))
      out.push(`${id}: got [${got.join(', ')}], expected [${want.join(', ')}]`);
  }
  return out;
}

/** Loads the world in the open transaction, probes every user, returns all mismatches. */
export async function checkWorld(client: pg.PoolClient, world: World): Promise<string[]> {
  return checkWorldTables(client, world, TABLE_SPECS);
}

export async function checkWorldTables(
  client: pg.PoolClient,
  world: World,
  tables: readonly TableSpec[],
): Promise<string[]> {
  await loadWorld(client, world);
  // Probes test policies and grants only: no FK actions or triggers in the way of deletes.
  await client.query('set local session_replication_role = replica');
  const problems: string[] = [];
  for (let i = 0; i < world.users.length; i++) {
    const u = world.users[i];
    const diff = diffReach(await probeViewer(client, world, i, tables), expectedReach(world, i, tables));
    problems.push(
      ...diff.map(
        (d) =>
          `${u?.role}/${u?.token}/${u?.active ? 'active' : 'inactive'} ${u?.storeId ?? u?.regionId ?? ''}: ${d}`,
      ),
    );
  }
  return problems;
}
