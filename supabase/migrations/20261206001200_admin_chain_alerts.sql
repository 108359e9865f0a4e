-- Admins receive the chain-level alerts on their devices: integration failures (Property
-- 41: validation-error rate, repeated auth failures, repeated server errors), backups and
-- system alerts have no store, and admins are who acts on them — but no role's slice held
-- them, so they were visible nowhere in the app. The alerts and alert_notes collections
-- now also give an admin the alerts without a store (not every store's stock alerts: those
-- belong to the store and regional managers) and their notes. Pushing a note or an
-- acknowledgement already works for admins (row-level security lets them update alerts).
-- Realtime already nudges 'scope:chain', which an admin's device joins.
-- Supply-chain users, who replenish, get the stock alerts (LOW_STOCK, OVERSTOCK) of every
-- store, which row-level security already lets them see and acknowledge.

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
     and ((select private.user_role()) = any (private.sync_store_roles())
          or (select private.user_role()) = 'ADMIN' and a.store_id is null
          or (select private.user_role()) = 'SUPPLY_CHAIN_USER' and a.type in ('LOW_STOCK', 'OVERSTOCK'))
   order by a._xid, a._seq
   limit lim
$$;

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
     and ((select private.user_role()) = any (private.sync_store_roles())
          or (select private.user_role()) = 'ADMIN'
             and exists (select 1 from public.alerts a where a.id = h.alert_id and a.store_id is null)
          or (select private.user_role()) = 'SUPPLY_CHAIN_USER'
             and exists (select 1 from public.alerts a
                          where a.id = h.alert_id and a.type in ('LOW_STOCK', 'OVERSTOCK')))
   order by h._xid, h._seq
   limit lim
$$;
