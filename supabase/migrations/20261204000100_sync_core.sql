-- Sync core (ARCHITECTURE §6): every replicated row carries the id of the transaction that
-- last wrote it (_xid xid8) and a global write sequence (_seq). A pull returns only rows
-- whose writing transaction is older than the oldest transaction still running
-- (_xid < pg_snapshot_xmin(pg_current_snapshot())), ordered by (_xid, _seq), and the
-- checkpoint is the last (_xid, _seq) returned.
--
-- Why this never misses a row: every row pulled has _xid < xmin; any write not yet visible
-- belongs to a transaction that is running (xid >= xmin) or has not started (a later xid),
-- so it sorts after the checkpoint and the next pull finds it. Timestamp checkpoints lose
-- rows of transactions that commit after a later one was pulled (now() is the start time).
-- The price: a long-running transaction holds back rows of later ones until it ends.

create schema if not exists private;

create sequence if not exists private.sync_seq;

create or replace function private.sync_stamp() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new._xid := pg_catalog.pg_current_xact_id();
  new._seq := pg_catalog.nextval('private.sync_seq');
  return new;
end
$$;

comment on function private.sync_stamp() is
  'Trigger: stamps replicated rows with the writing transaction (_xid) and a global write sequence (_seq).';

-- Collections the client may pull. `pull_fn` is called with (cp_xid xid8, cp_seq bigint,
-- visible_before xid8 (never name it xmin: that is a system column of every table),
-- lim integer) and returns table(id text, doc jsonb, _xid xid8, _seq bigint,
-- _deleted boolean) ordered by (_xid, _seq). It runs as the caller (SECURITY INVOKER), so
-- RLS decides which rows the caller sees.
create table if not exists private.sync_collections (
  name text primary key check (name ~ '^[a-z][a-z0-9_]*$'),
  pull_fn regprocedure not null,
  -- Tombstones older than this are purged; a checkpoint before the horizon must resync.
  tombstone_horizon xid8 not null default '0'::xid8,
  tombstone_retention interval not null default interval '30 days'
);
alter table private.sync_collections enable row level security;
-- Read by sync_pull as the caller: visible to signed-in users, changed only by migrations.
create policy "signed-in users can read the collection registry"
  on private.sync_collections for select to authenticated using (true);
grant usage on schema private to authenticated, service_role;
grant select on private.sync_collections to authenticated, service_role;

-- Adds the sync columns, index and trigger to a table (used by the collection migrations).
create or replace function private.sync_attach(target regclass) returns void
language plpgsql
set search_path = ''
as $$
begin
  execute format('alter table %s add column if not exists _xid xid8 not null default pg_catalog.pg_current_xact_id()', target);
  execute format('alter table %s add column if not exists _seq bigint not null default pg_catalog.nextval(''private.sync_seq'')', target);
  execute format('alter table %s add column if not exists _deleted boolean not null default false', target);
  execute format('create index if not exists %I on %s (_xid, _seq)',
                 replace(target::text, '.', '_') || '_xid_seq_idx', target);
  execute format('drop trigger if exists sync_stamp on %s', target);
  execute format('create trigger sync_stamp before insert or update on %s for each row execute function private.sync_stamp()', target);
end
$$;

comment on function private.sync_attach(regclass) is
  'Makes a table replicable: _xid, _seq, _deleted columns, (_xid, _seq) index, stamping trigger.';

create or replace function public.sync_pull(collection text, checkpoint jsonb, lim integer default 500)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  c private.sync_collections;
  cp_xid xid8 := coalesce((checkpoint ->> 'xid')::xid8, '0'::xid8);
  cp_seq bigint := coalesce((checkpoint ->> 'seq')::bigint, 0);
  horizon xid8 := pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot());
  docs jsonb;
  last_xid xid8;
  last_seq bigint;
begin
  select * into c from private.sync_collections s where s.name = collection;
  if not found then
    raise exception using errcode = 'P0001', message = format('unknown sync collection "%s"', collection),
      hint = 'Collections are registered in private.sync_collections.';
  end if;
  if lim is null or lim < 1 or lim > 5000 then
    raise exception using errcode = '22023', message = 'lim must be between 1 and 5000';
  end if;
  if checkpoint is not null and checkpoint <> 'null'::jsonb and cp_xid < c.tombstone_horizon then
    return jsonb_build_object('resync_required', true, 'documents', '[]'::jsonb, 'checkpoint', null);
  end if;
  execute format(
    'select coalesce(jsonb_agg(d.doc || jsonb_build_object(''_deleted'', d._deleted) order by d._xid, d._seq), ''[]''::jsonb),
            (array_agg(d._xid order by d._xid desc, d._seq desc))[1],
            (array_agg(d._seq order by d._xid desc, d._seq desc))[1]
       from %s($1, $2, $3, $4) d', c.pull_fn::regproc)
    into docs, last_xid, last_seq
    using cp_xid, cp_seq, horizon, lim;
  return jsonb_build_object(
    'documents', docs,
    'checkpoint', case when last_xid is null then checkpoint
                       else jsonb_build_object('xid', last_xid::text, 'seq', last_seq) end,
    'resync_required', false);
end
$$;

comment on function public.sync_pull(text, jsonb, integer) is
  'Pulls up to lim documents of a collection after the checkpoint {xid, seq}, as the caller (RLS applies). Returns {documents, checkpoint, resync_required}.';
revoke execute on function public.sync_pull(text, jsonb, integer) from public, anon;
grant execute on function public.sync_pull(text, jsonb, integer) to authenticated, service_role;
