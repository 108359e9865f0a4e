-- Store-scoped sync collections (store and regional managers): stock levels, thresholds
-- (editable, compare-and-swap on the assumed master `rev`), alerts, alert notes and stock
-- counts (append-only events, idempotent by the client-made UUID). Which rows a user pulls
-- is decided by each table's RLS; which collections a role pulls at all is decided here, so
-- a chain-wide role never downloads SKU×store rows (shared/sync/collections.ts mirrors it).
-- Document ids: "<store_id>|<sku>" for SKU×store rows, the uuid for alerts and events.

select private.sync_attach('public.inventory_levels');
select private.sync_attach('public.inventory_thresholds');
select private.sync_attach('public.alerts');
select private.sync_attach('public.alert_history');

create trigger inventory_thresholds_sync_tombstone after delete on public.inventory_thresholds
  for each row execute function private.sync_tombstone('inventory_thresholds', 'store_id', 'sku');

-- Roles that replicate store-scoped rows (others get an empty collection, not an error).
create or replace function private.sync_store_roles() returns text[]
language sql immutable set search_path = ''
as $$ select array['STORE_MANAGER', 'REGIONAL_MANAGER'] $$;

---------------------------------------------------------------------- inventory_levels
create or replace function private.sync_pull_inventory_levels(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select l.store_id || '|' || l.sku,
         jsonb_build_object('id', l.store_id || '|' || l.sku, 'store_id', l.store_id, 'sku', l.sku,
                            'quantity', l.quantity, 'updated_at', l.updated_at, 'rev', l._seq),
         l._xid, l._seq, l._deleted
    from public.inventory_levels l
   where (l._xid, l._seq) > (cp_xid, cp_seq) and l._xid < visible_before
     and (select private.user_role()) = any (private.sync_store_roles())
   order by l._xid, l._seq
   limit lim
$$;

------------------------------------------------------------------ inventory_thresholds
create or replace function private.sync_threshold_doc(t public.inventory_thresholds) returns jsonb
language sql stable set search_path = ''
as $$
  select jsonb_build_object('id', t.store_id || '|' || t.sku, 'store_id', t.store_id, 'sku', t.sku,
                            'reorder_threshold', t.reorder_threshold, 'overstock_threshold', t.overstock_threshold,
                            'updated_at', t.updated_at, 'updated_by', t.updated_by, 'rev', t._seq)
$$;

create or replace function private.sync_pull_inventory_thresholds(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select u.id, u.doc, u._xid, u._seq, u._deleted
    from (select t.store_id || '|' || t.sku as id, private.sync_threshold_doc(t) as doc, t._xid, t._seq, t._deleted
            from public.inventory_thresholds t
           where (t._xid, t._seq) > (cp_xid, cp_seq) and t._xid < visible_before
          union all
          select tb.id, jsonb_build_object('id', tb.id), tb._xid, tb._seq, true
            from private.sync_tombstones tb
           where tb.collection = 'inventory_thresholds'
             and (tb._xid, tb._seq) > (cp_xid, cp_seq) and tb._xid < visible_before) u
   where (select private.user_role()) = any (private.sync_store_roles())
   order by u._xid, u._seq
   limit lim
$$;

-- Compare-and-swap per row: the write applies only when the master is still the state the
-- client based its edit on (same `rev`, or both absent); otherwise the master document is
-- returned as a conflict and the client's conflict handler decides (shared/sync/conflict.ts:
-- the master wins, the lost edit is listed as rejected). Server sets updated_by/updated_at.
create or replace function private.sync_push_inventory_thresholds(rows jsonb) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  r jsonb;
  doc jsonb;
  assumed jsonb;
  doc_id text;
  cur public.inventory_thresholds;
  master_exists boolean;
  assumed_exists boolean;
  conflicts jsonb := '[]'::jsonb;
  rejected jsonb := '[]'::jsonb;
begin
  for r in select e.value from jsonb_array_elements(rows) e loop
    doc := r -> 'newDocumentState';
    assumed := r -> 'assumedMasterState';
    doc_id := doc ->> 'id';
    begin
      if jsonb_typeof(doc) is distinct from 'object' or doc_id is null
         or doc_id is distinct from (doc ->> 'store_id') || '|' || (doc ->> 'sku') then
        raise exception using errcode = '22023', message = 'a threshold document needs id "<store_id>|<sku>" matching its store_id and sku';
      end if;
      select * into cur from public.inventory_thresholds t
       where t.store_id = doc ->> 'store_id' and t.sku = doc ->> 'sku' for update;
      master_exists := found;
      assumed_exists := jsonb_typeof(assumed) = 'object' and not coalesce((assumed ->> '_deleted')::boolean, false);
      if master_exists is distinct from assumed_exists
         or master_exists and (assumed ->> 'rev')::bigint is distinct from cur._seq then
        conflicts := conflicts || jsonb_build_array(
          case when master_exists then private.sync_threshold_doc(cur) || '{"_deleted": false}'::jsonb
               else jsonb_build_object('id', doc_id, '_deleted', true) end);
        continue;
      end if;
      if coalesce((doc ->> '_deleted')::boolean, false) then
        delete from public.inventory_thresholds t where t.store_id = cur.store_id and t.sku = cur.sku;
      elsif master_exists then
        update public.inventory_thresholds t
           set reorder_threshold = (doc ->> 'reorder_threshold')::numeric,
               overstock_threshold = (doc ->> 'overstock_threshold')::numeric,
               updated_by = auth.uid(), updated_at = now()
         where t.store_id = cur.store_id and t.sku = cur.sku;
      else
        insert into public.inventory_thresholds (store_id, sku, reorder_threshold, overstock_threshold, updated_by)
        values (doc ->> 'store_id', doc ->> 'sku', (doc ->> 'reorder_threshold')::numeric,
                (doc ->> 'overstock_threshold')::numeric, auth.uid());
      end if;
    exception when others then
      rejected := rejected || jsonb_build_array(jsonb_build_object('id', doc_id, 'code', sqlstate, 'reason', sqlerrm));
    end;
  end loop;
  return jsonb_build_object('conflicts', conflicts, 'rejected', rejected);
end
$$;

------------------------------------------------------------------------------- alerts
create or replace function private.sync_pull_alerts(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select a.id::text,
         jsonb_build_object('id', a.id::text, 'type', a.type, 'severity', a.severity, 'store_id', a.store_id,
                            'region_id', a.region_id, 'sku', a.sku, 'title', a.title, 'message', a.message,
                            'details', a.details, 'status', a.status, 'created_at', a.created_at,
                            'acknowledged_at', a.acknowledged_at, 'resolved_at', a.resolved_at, 'rev', a._seq),
         a._xid, a._seq, a._deleted
    from public.alerts a
   where (a._xid, a._seq) > (cp_xid, cp_seq) and a._xid < visible_before
     and (select private.user_role()) = any (private.sync_store_roles())
   order by a._xid, a._seq
   limit lim
$$;

-------------------------------------------------------------------------- alert_notes
create or replace function private.sync_pull_alert_notes(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select coalesce(h.client_id, h.id)::text,
         jsonb_build_object('id', coalesce(h.client_id, h.id)::text, 'alert_id', h.alert_id::text,
                            'action', h.action, 'note', h.note, 'actor_id', h.actor_id, 'occurred_at', h.occurred_at),
         h._xid, h._seq, h._deleted
    from public.alert_history h
   where (h._xid, h._seq) > (cp_xid, cp_seq) and h._xid < visible_before
     and h.action in ('ACKNOWLEDGED', 'RESOLVED', 'NOTE')
     and (select private.user_role()) = any (private.sync_store_roles())
   order by h._xid, h._seq
   limit lim
$$;

-- Append-only: a new event (no assumed master) is applied once, keyed by its client UUID;
-- a replay of an applied event is a no-op. ACKNOWLEDGED / RESOLVED move the alert forward
-- (acknowledging an already acknowledged alert just adds the note); the server records
-- who and when.
create or replace function private.sync_push_alert_notes(rows jsonb) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  r jsonb;
  doc jsonb;
  doc_id text;
  event_id uuid;
  alert public.alerts;
  next_status text;
  rejected jsonb := '[]'::jsonb;
begin
  for r in select e.value from jsonb_array_elements(rows) e loop
    doc := r -> 'newDocumentState';
    doc_id := doc ->> 'id';
    begin
      event_id := private.try_uuid(doc_id);
      if event_id is null then
        raise exception using errcode = '22023', message = 'an alert note needs a client-made UUID id';
      end if;
      continue when exists (select 1 from public.alert_history h where h.client_id = event_id);
      if jsonb_typeof(r -> 'assumedMasterState') = 'object' then
        raise exception using errcode = '22023', message = 'alert notes are append-only: add a new note instead of editing one';
      end if;
      if not (doc ->> 'action' = any (array['ACKNOWLEDGED', 'RESOLVED', 'NOTE'])) then
        raise exception using errcode = '22023',
          message = format('invalid action "%s": expected ACKNOWLEDGED, RESOLVED or NOTE', doc ->> 'action');
      end if;
      select * into alert from public.alerts a where a.id = private.try_uuid(doc ->> 'alert_id') for update;
      if not found then
        raise exception using errcode = '42501', message = format('alert %s is not in your scope', doc ->> 'alert_id');
      end if;
      next_status := case doc ->> 'action'
                       when 'NOTE' then alert.status
                       when 'ACKNOWLEDGED' then case when alert.status = 'NEW' then 'ACKNOWLEDGED' else alert.status end
                       else 'RESOLVED' end;
      if next_status is distinct from alert.status then
        update public.alerts a
           set status = next_status,
               acknowledged_at = case when next_status = 'ACKNOWLEDGED' then now() else a.acknowledged_at end,
               acknowledged_by = case when next_status = 'ACKNOWLEDGED' then auth.uid() else a.acknowledged_by end,
               resolved_at = case when next_status = 'RESOLVED' then now() else a.resolved_at end,
               resolved_by = case when next_status = 'RESOLVED' then auth.uid() else a.resolved_by end
         where a.id = alert.id;
      end if;
      insert into public.alert_history (alert_id, action, from_status, to_status, note, actor_id, client_id)
      values (alert.id, doc ->> 'action', alert.status, next_status, nullif(doc ->> 'note', ''), auth.uid(), event_id);
    exception when others then
      rejected := rejected || jsonb_build_array(jsonb_build_object('id', doc_id, 'code', sqlstate, 'reason', sqlerrm));
    end;
  end loop;
  return jsonb_build_object('conflicts', '[]'::jsonb, 'rejected', rejected);
end
$$;

------------------------------------------------------------------------- stock_counts
-- A stock count is an event: the counted quantity at a time. Applying it records a COUNT
-- movement of (counted − current level), so the level becomes the count; the event row
-- keeps what was counted and the adjustment made.
create table public.stock_counts (
  id uuid primary key,
  store_id text not null references public.stores (id),
  sku text not null references public.products (sku),
  counted_quantity numeric(12, 3) not null check (counted_quantity >= 0),
  -- Device time: data shown to people, never used for ordering.
  counted_at timestamptz,
  note text check (length(note) <= 2000),
  adjustment numeric(12, 3) not null,
  recorded_by uuid not null,
  recorded_at timestamptz not null default now()
);
create index stock_counts_store_id_sku_idx on public.stock_counts (store_id, sku);
select private.sync_attach('public.stock_counts');
alter table public.stock_counts enable row level security;
create policy "stock staff see counts of their stores" on public.stock_counts for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));
-- Written only through sync_push (private.sync_push_stock_counts), which computes the adjustment.
grant select on public.stock_counts to authenticated;
grant all on public.stock_counts to service_role;

create or replace function private.sync_pull_stock_counts(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select c.id::text,
         jsonb_build_object('id', c.id::text, 'store_id', c.store_id, 'sku', c.sku,
                            'counted_quantity', c.counted_quantity, 'counted_at', c.counted_at, 'note', c.note,
                            'adjustment', c.adjustment, 'recorded_by', c.recorded_by, 'recorded_at', c.recorded_at),
         c._xid, c._seq, c._deleted
    from public.stock_counts c
   where (c._xid, c._seq) > (cp_xid, cp_seq) and c._xid < visible_before
     and (select private.user_role()) = any (private.sync_store_roles())
   order by c._xid, c._seq
   limit lim
$$;

-- SECURITY DEFINER (it writes the movement and the event), so it checks scope itself.
create or replace function private.sync_push_stock_counts(rows jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  r jsonb;
  doc jsonb;
  doc_id text;
  event_id uuid;
  counted numeric;
  current_level numeric;
  delta numeric;
  rejected jsonb := '[]'::jsonb;
begin
  for r in select e.value from jsonb_array_elements(rows) e loop
    doc := r -> 'newDocumentState';
    doc_id := doc ->> 'id';
    begin
      event_id := private.try_uuid(doc_id);
      if event_id is null then
        raise exception using errcode = '22023', message = 'a stock count needs a client-made UUID id';
      end if;
      continue when exists (select 1 from public.stock_counts c where c.id = event_id);
      if jsonb_typeof(r -> 'assumedMasterState') = 'object' then
        raise exception using errcode = '22023', message = 'stock counts are append-only: record a new count instead of editing one';
      end if;
      if private.user_role() is null or not private.store_in_scope(doc ->> 'store_id') then
        raise exception using errcode = '42501', message = format('store %s is outside your scope', doc ->> 'store_id');
      end if;
      counted := (doc ->> 'counted_quantity')::numeric;
      if counted is null or counted < 0 then
        raise exception using errcode = '22023', message = 'counted_quantity must be a number ≥ 0';
      end if;
      select l.quantity into current_level from public.inventory_levels l
       where l.store_id = doc ->> 'store_id' and l.sku = doc ->> 'sku' for update;
      delta := counted - coalesce(current_level, 0);
      insert into public.stock_counts (id, store_id, sku, counted_quantity, counted_at, note, adjustment, recorded_by)
      values (event_id, doc ->> 'store_id', doc ->> 'sku', counted, (doc ->> 'counted_at')::timestamptz,
              nullif(doc ->> 'note', ''), delta, auth.uid());
      if delta <> 0 then
        insert into public.inventory_movements (store_id, sku, quantity, reason, source, reference, recorded_by, client_id)
        values (doc ->> 'store_id', doc ->> 'sku', delta, 'COUNT', 'app', 'stock count', auth.uid(), event_id);
      end if;
    exception when others then
      rejected := rejected || jsonb_build_array(jsonb_build_object('id', doc_id, 'code', sqlstate, 'reason', sqlerrm));
    end;
  end loop;
  return jsonb_build_object('conflicts', '[]'::jsonb, 'rejected', rejected);
end
$$;

------------------------------------------------------------------------- registration
insert into private.sync_collections (name, pull_fn) values
  ('inventory_levels', 'private.sync_pull_inventory_levels(xid8, bigint, xid8, integer)'),
  ('inventory_thresholds', 'private.sync_pull_inventory_thresholds(xid8, bigint, xid8, integer)'),
  ('alerts', 'private.sync_pull_alerts(xid8, bigint, xid8, integer)'),
  ('alert_notes', 'private.sync_pull_alert_notes(xid8, bigint, xid8, integer)'),
  ('stock_counts', 'private.sync_pull_stock_counts(xid8, bigint, xid8, integer)');
insert into private.sync_push_handlers (name, push_fn) values
  ('inventory_thresholds', 'private.sync_push_inventory_thresholds(jsonb)'),
  ('alert_notes', 'private.sync_push_alert_notes(jsonb)'),
  ('stock_counts', 'private.sync_push_stock_counts(jsonb)');

revoke all on function private.sync_store_roles(), private.sync_threshold_doc(public.inventory_thresholds),
  private.sync_pull_inventory_levels(xid8, bigint, xid8, integer),
  private.sync_pull_inventory_thresholds(xid8, bigint, xid8, integer),
  private.sync_push_inventory_thresholds(jsonb),
  private.sync_pull_alerts(xid8, bigint, xid8, integer),
  private.sync_pull_alert_notes(xid8, bigint, xid8, integer),
  private.sync_push_alert_notes(jsonb),
  private.sync_pull_stock_counts(xid8, bigint, xid8, integer),
  private.sync_push_stock_counts(jsonb) from public;
grant execute on function private.sync_store_roles(), private.sync_threshold_doc(public.inventory_thresholds),
  private.sync_pull_inventory_levels(xid8, bigint, xid8, integer),
  private.sync_pull_inventory_thresholds(xid8, bigint, xid8, integer),
  private.sync_push_inventory_thresholds(jsonb),
  private.sync_pull_alerts(xid8, bigint, xid8, integer),
  private.sync_pull_alert_notes(xid8, bigint, xid8, integer),
  private.sync_push_alert_notes(jsonb),
  private.sync_pull_stock_counts(xid8, bigint, xid8, integer),
  private.sync_push_stock_counts(jsonb) to authenticated, service_role;
