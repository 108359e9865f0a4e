-- Movement history of one SKU at one store, the Inventory screen's online drill-down
-- (Property 8): the latest movements with the level after each one, and the sum of *all*
-- movements next to the current level, so the screen can show that they agree.
-- SECURITY INVOKER: row-level security on inventory_movements and inventory_levels decides
-- what the caller sees (another store's SKU comes back empty, not as an error).

create or replace function public.get_inventory_movements(store_id text, sku text, max_rows integer default 50)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  result jsonb;
begin
  if max_rows is null or max_rows < 1 or max_rows > 500 then
    raise exception 'max_rows must be between 1 and 500, got %', max_rows using errcode = '22023';
  end if;
  with trail as (
    select m.id, m.quantity, m.reason, m.source, m.reference, m.occurred_at, m.created_at,
           sum(m.quantity) over (order by m.occurred_at, m.created_at, m.id) as level_after
      from public.inventory_movements m
     where m.store_id = get_inventory_movements.store_id and m.sku = get_inventory_movements.sku
  )
  select jsonb_build_object(
           'store_id', get_inventory_movements.store_id,
           'sku', get_inventory_movements.sku,
           'level', (select l.quantity from public.inventory_levels l
                      where l.store_id = get_inventory_movements.store_id and l.sku = get_inventory_movements.sku),
           'movement_count', (select count(*) from trail t),
           'movements_sum', (select coalesce(sum(t.quantity), 0) from trail t),
           'movements', coalesce((
             select jsonb_agg(jsonb_build_object('id', r.id, 'quantity', r.quantity, 'reason', r.reason,
                                                 'source', r.source, 'reference', r.reference,
                                                 'occurred_at', r.occurred_at, 'level_after', r.level_after)
                              order by r.occurred_at desc, r.created_at desc, r.id desc)
               from (select * from trail t order by t.occurred_at desc, t.created_at desc, t.id desc
                     limit max_rows) r), '[]'::jsonb))
    into result;
  return result;
end
$$;

comment on function public.get_inventory_movements(text, text, integer) is
  'Latest movements (newest first, with the level after each) of one SKU at one store, plus the current level and the sum of all its movements (Property 8). Row-level security scopes it to the caller''s stores.';

revoke execute on function public.get_inventory_movements(text, text, integer) from public, anon;
grant execute on function public.get_inventory_movements(text, text, integer) to authenticated, service_role;
