-- The catalog sync collection, for every role: the regions, stores and products the caller
-- may see (RLS decides: a store manager gets one store and its region), so every screen
-- names stores and SKUs and groups by category offline. One collection, not three:
-- RxDB's open-source build allows 16 open collections per JavaScript realm, and the store
-- roles' slice must stay well under that (shared/sync/collections.ts).
-- Small: 6 regions, 60 stores and ~1,200 SKUs in the demo chain. Rows are retired by status
-- (stores INACTIVE, products DISCONTINUED) and foreign keys from the facts keep them, so
-- hard deletes are rare; the tombstone triggers below still tell clients about them.
-- Document ids: "region:<id>", "store:<id>", "product:<sku>"; `kind` says which.

select private.sync_attach('public.regions');
select private.sync_attach('public.stores');
select private.sync_attach('public.products');

create or replace function private.sync_catalog_tombstone() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.sync_tombstones as t (collection, id, store_id, region_id)
  values ('catalog', tg_argv[0] || ':' || (to_jsonb(old) ->> tg_argv[1]), null, null)
  on conflict (collection, id) do update set deleted_at = now();
  return null;
end
$$;
comment on function private.sync_catalog_tombstone() is
  'Trigger (after delete): tombstone for a catalog document; arguments: kind, id column.';

create or replace function private.sync_pull_catalog(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select u.id, u.doc, u._xid, u._seq, u._deleted
    from (select 'region:' || r.id as id,
                 jsonb_build_object('id', 'region:' || r.id, 'kind', 'region', 'code', r.id, 'name', r.name) as doc,
                 r._xid, r._seq, r._deleted
            from public.regions r
           where (r._xid, r._seq) > (cp_xid, cp_seq) and r._xid < visible_before
          union all
          select 'store:' || s.id,
                 jsonb_build_object('id', 'store:' || s.id, 'kind', 'store', 'code', s.id, 'name', s.name,
                                    'region_id', s.region_id, 'tier', s.tier, 'status', s.status,
                                    'city', s.city, 'state', s.state),
                 s._xid, s._seq, s._deleted
            from public.stores s
           where (s._xid, s._seq) > (cp_xid, cp_seq) and s._xid < visible_before
          union all
          select 'product:' || p.sku,
                 jsonb_build_object('id', 'product:' || p.sku, 'kind', 'product', 'code', p.sku, 'name', p.name,
                                    'category', p.category, 'subcategory', p.subcategory, 'brand', p.brand,
                                    'unit_price', p.unit_price, 'status', p.status),
                 p._xid, p._seq, p._deleted
            from public.products p
           where (p._xid, p._seq) > (cp_xid, cp_seq) and p._xid < visible_before
          union all
          -- Catalog tombstones carry no scope: everyone learns that a catalog row is gone.
          select tb.id, jsonb_build_object('id', tb.id), tb._xid, tb._seq, true
            from private.sync_tombstones tb
           where tb.collection = 'catalog'
             and (tb._xid, tb._seq) > (cp_xid, cp_seq) and tb._xid < visible_before) u
   where (select private.user_role()) is not null
   order by u._xid, u._seq
   limit lim
$$;

insert into private.sync_collections (name, pull_fn) values
  ('catalog', 'private.sync_pull_catalog(xid8, bigint, xid8, integer)');

create trigger regions_sync_tombstone after delete on public.regions
  for each row execute function private.sync_catalog_tombstone('region', 'id');
create trigger stores_sync_tombstone after delete on public.stores
  for each row execute function private.sync_catalog_tombstone('store', 'id');
create trigger products_sync_tombstone after delete on public.products
  for each row execute function private.sync_catalog_tombstone('product', 'sku');

create policy "everyone with a role sees catalog tombstones" on private.sync_tombstones for select to authenticated
  using (collection = 'catalog' and (select private.user_role()) is not null);

revoke all on function private.sync_pull_catalog(xid8, bigint, xid8, integer), private.sync_catalog_tombstone() from public;
grant execute on function private.sync_pull_catalog(xid8, bigint, xid8, integer) to authenticated, service_role;
