-- Stock of one store, online, for roles that do not keep stock on the device: supply-chain
-- users and admins see every store (a chain's ~36,000 SKU×store levels are too many for a
-- phone's slice), one store at a time. The answer has the shape of the synced documents,
-- so the app computes status, filters and category totals with the same shared code
-- (shared/metrics/inventory-view.ts) as for store and regional managers.

-- The refusal of an online read of one store, or null when the caller may read it: a
-- store outside the caller's scope is refused (403) and audited, an unknown one is 404.
-- Shared by get_store_stock and get_store_forecasts (20261206001000).
create or replace function private.store_read_refusal(action text, store_id text)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
begin
  if not private.store_in_scope(store_id) then
    return private.deny(action, 'stores', store_id, format('store %s is outside your scope', store_id));
  end if;
  if not exists (select 1 from public.stores s where s.id = store_read_refusal.store_id) then
    perform set_config('response.status', '404', true);
    return jsonb_build_object('error', jsonb_build_object('code', 'NOT_FOUND',
                              'message', format('store %s does not exist', store_id)));
  end if;
  return null;
end
$$;
revoke all on function private.store_read_refusal(text, text) from public;
grant execute on function private.store_read_refusal(text, text) to authenticated, service_role;

-- SECURITY INVOKER: row-level security applies under the explicit check; volatile because
-- a refusal writes an audit entry (Property 32).
create or replace function public.get_store_stock(store_id text)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  refusal jsonb := private.store_read_refusal('get_store_stock', store_id);
begin
  if refusal is not null then
    return refusal;
  end if;
  return jsonb_build_object(
    'store_id', store_id,
    'as_of', pg_catalog.now(),
    'levels', (select coalesce(jsonb_agg(jsonb_build_object('store_id', l.store_id, 'sku', l.sku,
                                                            'quantity', l.quantity) order by l.sku), '[]')
                 from public.inventory_levels l
                where l.store_id = get_store_stock.store_id),
    'thresholds', (select coalesce(jsonb_agg(jsonb_build_object('store_id', t.store_id, 'sku', t.sku,
                                                                'reorder_threshold', t.reorder_threshold,
                                                                'overstock_threshold', t.overstock_threshold)
                                             order by t.sku), '[]')
                     from public.inventory_thresholds t
                    where t.store_id = get_store_stock.store_id));
end
$$;

comment on function public.get_store_stock(text) is
  'Stock levels and thresholds of one store, shaped like the inventory sync documents. Out-of-scope stores are refused (403) and audited; unknown stores are 404.';

revoke execute on function public.get_store_stock(text) from public, anon;
grant execute on function public.get_store_stock(text) to authenticated, service_role;
