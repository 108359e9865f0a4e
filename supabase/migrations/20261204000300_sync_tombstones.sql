-- Tombstones for hard deletes of replicated rows, and their purge. A delete leaves a row in
-- private.sync_tombstones (stamped like any replicated row) so offline clients learn of it.
-- Tombstones are kept for the collection's tombstone_retention; purging moves the
-- collection's tombstone_horizon forward, and sync_pull answers resync_required to any
-- checkpoint older than the horizon (it may have missed a purged delete).
--
-- Retention is measured in time but checkpoints are transaction ids: private.sync_xid_marks
-- records (time, current xid) pairs (cron, hourly); the purge uses the newest mark older than
-- the retention as the horizon.

create table private.sync_tombstones (
  collection text not null references private.sync_collections (name),
  id text not null,
  -- Scope of the deleted row, for RLS: the same rule as the row's own table.
  store_id text,
  region_id text,
  deleted_at timestamptz not null default now(),
  primary key (collection, id)
);
select private.sync_attach('private.sync_tombstones');
alter table private.sync_tombstones enable row level security;
create policy "users see tombstones of their scope" on private.sync_tombstones for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER', 'BUSINESS_ANALYST', 'EXECUTIVE')
         or store_id = any ((select private.scope_store_ids())::text[])
         or store_id is null and region_id = (select private.scope_region_id()));
grant select on private.sync_tombstones to authenticated;
grant all on private.sync_tombstones to service_role;

-- Trigger: `after delete ... execute function private.sync_tombstone('<collection>', '<id expr>')`
-- is not expressible generically, so each collection passes its collection name and the
-- names of the columns forming the document id (joined with '|').
create or replace function private.sync_tombstone() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  old_doc jsonb := to_jsonb(old);
  doc_id text;
begin
  select string_agg(old_doc ->> col, '|' order by ord) into doc_id
    from unnest(tg_argv[1:]) with ordinality as c(col, ord);
  insert into private.sync_tombstones as t (collection, id, store_id, region_id)
  values (tg_argv[0], doc_id, old_doc ->> 'store_id', old_doc ->> 'region_id')
  on conflict (collection, id) do update
    set deleted_at = now(), store_id = excluded.store_id, region_id = excluded.region_id;
  return null;
end
$$;
comment on function private.sync_tombstone() is
  'Trigger (after delete): records a tombstone; arguments: collection name, then the id columns.';

create table private.sync_xid_marks (
  marked_at timestamptz primary key,
  xid xid8 not null
);
alter table private.sync_xid_marks enable row level security;

create or replace function private.sync_mark_xid(at timestamptz) returns void
language sql
security definer
set search_path = ''
as $$
  insert into private.sync_xid_marks (marked_at, xid)
  values (at, pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()))
  on conflict (marked_at) do nothing
$$;
comment on function private.sync_mark_xid(timestamptz) is
  'Records the oldest running transaction id at `at`, so tombstone retention (a time) maps to a checkpoint horizon (an xid).';

-- Purges tombstones older than each collection's retention as of `now` (a parameter so tests
-- freeze the clock) and moves the horizon. Returns the number of tombstones removed.
create or replace function private.sync_purge_tombstones(now timestamptz) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  c record;
  mark xid8;
  removed integer := 0;
  n integer;
begin
  for c in select * from private.sync_collections for update loop
    select m.xid into mark from private.sync_xid_marks m
     where m.marked_at <= now - c.tombstone_retention order by m.marked_at desc limit 1;
    continue when mark is null or mark <= c.tombstone_horizon;
    delete from private.sync_tombstones t where t.collection = c.name and t._xid < mark;
    get diagnostics n = row_count;
    removed := removed + n;
    update private.sync_collections set tombstone_horizon = mark where name = c.name;
  end loop;
  delete from private.sync_xid_marks m
   where m.marked_at < now - (select coalesce(max(tombstone_retention), interval '0') from private.sync_collections)
     and m.marked_at < (select max(marked_at) from private.sync_xid_marks);
  return removed;
end
$$;
comment on function private.sync_purge_tombstones(timestamptz) is
  'Removes tombstones older than the retention as of `now` and advances each collection''s horizon (checkpoints before it get resync_required).';

revoke all on function private.sync_mark_xid(timestamptz), private.sync_purge_tombstones(timestamptz) from public;
grant execute on function private.sync_mark_xid(timestamptz), private.sync_purge_tombstones(timestamptz) to service_role;

-- Scheduling (hourly mark, daily purge) is left to the cron setup owner: see the report of
-- issue 7; both bodies are one call each.
