-- The competitor_prices sync collection, for store and regional managers: the latest
-- observation per competitor × SKU in the caller's region (a store manager's store's
-- region, a regional manager's region: the prices their stores compete with), with
-- observed_at so the pricing screen can flag stale prices offline. One document per
-- competitor × SKU, not per observation: the full history stays online.
-- Document id: "<region_id>|<competitor_id>|<sku>".
--
-- Why "latest only" never leaves an older price on the device: an observation is returned
-- only while no newer one (by observed_at) exists for its key. A newer observation is
-- inserted by a later or concurrent transaction, so it sorts after the checkpoint and the
-- next pull replaces the document; a late backfill (older observed_at, newer _xid) is
-- never returned because the newer one exists. Observations are append-only (never
-- updated or deleted), so there are no tombstones.
-- Nudges: the competitor-price ingest nudges the region topic (20261203000700); store
-- managers pick the change up with their next pull (any nudge of their store pulls every
-- collection) or the fallback timer.

select private.sync_attach('public.competitor_prices');

-- "Is there a newer observation of this key?" in one index probe (the existing
-- (region_id, sku, observed_at) index would scan every competitor's observations).
create index competitor_prices_region_id_competitor_id_sku_observed_at_idx
  on public.competitor_prices (region_id, competitor_id, sku, observed_at desc);

create or replace function private.sync_pull_competitor_prices(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select p.region_id || '|' || p.competitor_id || '|' || p.sku,
         jsonb_build_object('id', p.region_id || '|' || p.competitor_id || '|' || p.sku,
                            'region_id', p.region_id, 'competitor_id', p.competitor_id,
                            'competitor_name', c.name, 'sku', p.sku, 'price', p.price,
                            'observed_at', p.observed_at, 'source', p.source),
         p._xid, p._seq, false
    from public.competitor_prices p
    left join public.competitors c on c.id = p.competitor_id
   where (p._xid, p._seq) > (cp_xid, cp_seq) and p._xid < visible_before
     -- RLS already limits store roles to their region; chain-wide roles (who may read
     -- every region) do not replicate this collection at all.
     and (select private.user_role()) = any (private.sync_store_roles())
     and p.region_id = (select private.scope_region_id())
     and not exists (select 1
                       from public.competitor_prices n
                      where n.region_id = p.region_id and n.competitor_id = p.competitor_id
                        and n.sku = p.sku and n.observed_at > p.observed_at)
   order by p._xid, p._seq
   limit lim
$$;

comment on function private.sync_pull_competitor_prices(xid8, bigint, xid8, integer) is
  'Pull function of the competitor_prices collection: latest observation per competitor × SKU in the caller''s region, after the checkpoint.';

insert into private.sync_collections (name, pull_fn) values
  ('competitor_prices', 'private.sync_pull_competitor_prices(xid8, bigint, xid8, integer)');

revoke all on function private.sync_pull_competitor_prices(xid8, bigint, xid8, integer) from public;
grant execute on function private.sync_pull_competitor_prices(xid8, bigint, xid8, integer) to authenticated, service_role;
