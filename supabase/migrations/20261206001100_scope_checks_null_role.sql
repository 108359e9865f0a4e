-- Callers without a valid role got through the scoped API's checks: for a deactivated
-- profile or a stale token private.user_role() is null, so private.store_in_scope() was
-- null (not false) and `if not store_in_scope(...)` skipped the refusal. Such calls were
-- neither refused nor audited (row-level security still returned no rows). Found by the
-- Property 32 test (tests/property/api-authorization.property.test.ts). Both checks are
-- null-safe now; the functions are otherwise unchanged.

create or replace function private.store_in_scope(store_id text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce(auth.jwt() ->> 'role', '') = 'service_role'
      or coalesce(private.user_role() in ('ADMIN', 'SUPPLY_CHAIN_USER'), false)
      or coalesce(store_id = any (private.scope_store_ids()), false)
$$;

create or replace function public.get_store_dashboard(store_id text, business_date date)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  day_start timestamptz := business_date::timestamp at time zone 'Asia/Kolkata';
begin
  if not private.store_in_scope(store_id) and coalesce(private.user_role(), '') not in ('EXECUTIVE', 'BUSINESS_ANALYST') then
    return private.deny('get_store_dashboard', 'stores', store_id, format('store %s is outside your scope', store_id));
  end if;
  return jsonb_build_object(
    'store_id', store_id,
    'business_date', business_date,
    'totals', (select jsonb_build_object('revenue', coalesce(sum(h.revenue), 0), 'units', coalesce(sum(h.units), 0),
                                         'transactions', coalesce(sum(h.transaction_count), 0))
                 from public.sales_store_hour h
                where h.store_id = get_store_dashboard.store_id
                  and h.hour_start >= day_start and h.hour_start < day_start + interval '1 day'),
    'hours', (select coalesce(jsonb_agg(jsonb_build_object('hour', h.hour_start, 'revenue', h.revenue) order by h.hour_start), '[]')
                from public.sales_store_hour h
               where h.store_id = get_store_dashboard.store_id
                 and h.hour_start >= day_start and h.hour_start < day_start + interval '1 day'),
    'categories', (select coalesce(jsonb_agg(jsonb_build_object('category', c.category, 'revenue', c.revenue,
                                                                'units', c.units) order by c.revenue desc), '[]')
                     from public.sales_store_day_category c
                    where c.store_id = get_store_dashboard.store_id and c.business_date = get_store_dashboard.business_date),
    'low_stock', (select count(*) from public.inventory_levels l
                    join public.inventory_thresholds t on t.store_id = l.store_id and t.sku = l.sku
                   where l.store_id = get_store_dashboard.store_id and l.quantity <= t.reorder_threshold));
end
$$;

comment on function public.get_store_dashboard(text, date) is
  'Store dashboard for one business day (IST): totals, hourly revenue, category split and low-stock count, from rollups. Out-of-scope stores are refused and audited.';
