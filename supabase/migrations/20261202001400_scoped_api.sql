-- API functions that check the caller's scope themselves, so that an out-of-scope attempt
-- is refused *and* logged (Property 32). A refusal returns {"error": {...}} with HTTP 403
-- (PostgREST's response.status) instead of raising: raising would roll back the audit
-- entry with everything else. Bad input raises (22023/23514) and changes nothing.

create or replace function private.deny(action text, resource text, resource_id text, reason text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  perform private.audit(action, resource, resource_id, 'DENIED', jsonb_build_object('reason', reason));
  perform set_config('response.status', '403', true);
  return jsonb_build_object('error', jsonb_build_object('code', 'FORBIDDEN', 'message', reason));
end
$$;

-- True when the caller's scope covers the store's raw rows (admins, supply chain and the
-- service role, i.e. backend jobs: all).
create or replace function private.store_in_scope(store_id text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce(auth.jwt() ->> 'role', '') = 'service_role'
      or private.user_role() in ('ADMIN', 'SUPPLY_CHAIN_USER')
      or store_id = any (private.scope_store_ids())
$$;

grant execute on function private.deny(text, text, text, text), private.store_in_scope(text)
  to authenticated, service_role;

create or replace function public.assign_user_role(target_user_id uuid, new_role text,
                                                   store_id text default null, region_id text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  roles constant text[] := array['ADMIN', 'REGIONAL_MANAGER', 'STORE_MANAGER', 'SUPPLY_CHAIN_USER',
                                 'BUSINESS_ANALYST', 'EXECUTIVE'];
  store_region text;
  before jsonb;
  after jsonb;
begin
  if private.user_role() is distinct from 'ADMIN' then
    return private.deny('assign_user_role', 'profiles', target_user_id::text, 'only admins assign roles');
  end if;
  if new_role is null or not (new_role = any (roles)) then
    raise exception 'invalid role "%": expected one of %', new_role, array_to_string(roles, ', ')
      using errcode = '22023';
  end if;
  if new_role = 'STORE_MANAGER' then
    if store_id is null then
      raise exception 'a STORE_MANAGER needs a store_id' using errcode = '22023';
    end if;
    select s.region_id into store_region from public.stores s where s.id = store_id;
    if not found then
      raise exception 'unknown store "%"', store_id using errcode = '22023';
    end if;
    if region_id is not null and region_id <> store_region then
      raise exception 'store "%" is in region "%", not in region "%"', store_id, store_region, region_id
        using errcode = '22023';
    end if;
    region_id := null;
  elsif new_role = 'REGIONAL_MANAGER' then
    if region_id is null or store_id is not null then
      raise exception 'a REGIONAL_MANAGER needs a region_id and no store_id' using errcode = '22023';
    end if;
    if not exists (select 1 from public.regions r where r.id = region_id) then
      raise exception 'unknown region "%"', region_id using errcode = '22023';
    end if;
  elsif store_id is not null or region_id is not null then
    raise exception 'role % is chain-wide: store_id and region_id must be empty', new_role using errcode = '22023';
  end if;

  select to_jsonb(p) - 'notification_preferences' into before
    from public.profiles p where p.user_id = target_user_id for update;
  if before is null then
    raise exception 'no profile for user %', target_user_id using errcode = '22023';
  end if;
  update public.profiles p
     set role = new_role, store_id = assign_user_role.store_id, region_id = assign_user_role.region_id
   where p.user_id = target_user_id
  returning jsonb_build_object('role', p.role, 'store_id', p.store_id, 'region_id', p.region_id,
                               'scope_version', p.scope_version) into after;
  perform private.audit('assign_user_role', 'profiles', target_user_id::text, 'ALLOWED',
                        jsonb_build_object('before', before, 'after', after));
  return after;
end
$$;

comment on function public.assign_user_role(uuid, text, text, text) is
  'Admin only: sets a user''s role and scope (store for STORE_MANAGER, region for REGIONAL_MANAGER), bumping scope_version. Refusals are audited and return 403.';

create or replace function public.record_inventory_movement(store_id text, sku text, quantity numeric, reason text,
                                                            client_id uuid default null, reference text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  manual_reasons constant text[] := array['RECEIPT', 'RETURN', 'ADJUSTMENT', 'TRANSFER_IN', 'TRANSFER_OUT',
                                          'DAMAGE', 'COUNT'];
  existing public.inventory_movements;
  movement_id uuid;
  level numeric;
begin
  if not private.store_in_scope(store_id) then
    return private.deny('record_inventory_movement', 'inventory_movements', store_id,
                        format('store %s is outside your scope', store_id));
  end if;
  if not exists (select 1 from public.stores s where s.id = store_id) then
    raise exception 'unknown store "%"', store_id using errcode = '22023';
  end if;
  if not exists (select 1 from public.products p where p.sku = record_inventory_movement.sku) then
    raise exception 'unknown SKU "%"', sku using errcode = '22023';
  end if;
  if reason is null or not (reason = any (manual_reasons)) then
    raise exception 'invalid reason "%": expected one of %', reason, array_to_string(manual_reasons, ', ')
      using errcode = '22023';
  end if;
  if quantity is null or quantity = 0
     or reason in ('RECEIPT', 'RETURN', 'TRANSFER_IN') and quantity < 0
     or reason in ('DAMAGE', 'TRANSFER_OUT') and quantity > 0 then
    raise exception 'quantity % does not fit reason %', quantity, reason using errcode = '22023';
  end if;

  if client_id is not null then
    select * into existing from public.inventory_movements m where m.client_id = record_inventory_movement.client_id;
    if found then
      if (existing.store_id, existing.sku, existing.quantity, existing.reason)
         is distinct from (store_id, sku, quantity, reason) then
        raise exception 'client_id % was already used for a different movement', client_id using errcode = '23505';
      end if;
      select l.quantity into level from public.inventory_levels l where l.store_id = existing.store_id and l.sku = existing.sku;
      return jsonb_build_object('id', existing.id, 'level', level, 'replayed', true);
    end if;
  end if;

  insert into public.inventory_movements (store_id, sku, quantity, reason, source, reference, recorded_by, client_id)
  values (store_id, sku, quantity, reason, 'app', reference, private.try_uuid(auth.jwt() ->> 'sub'), client_id)
  returning id into movement_id;
  select l.quantity into level from public.inventory_levels l
   where l.store_id = record_inventory_movement.store_id and l.sku = record_inventory_movement.sku;
  return jsonb_build_object('id', movement_id, 'level', level, 'replayed', false);
end
$$;

comment on function public.record_inventory_movement(text, text, numeric, text, uuid, text) is
  'Records a manual stock movement (receipt, count, damage, …) for a store in the caller''s scope; idempotent by client_id. Refusals are audited and return 403.';

-- SECURITY INVOKER: row-level security still applies underneath the explicit check.
-- Volatile, not stable: a refusal writes an audit entry (a read-only call could not).
create or replace function public.get_store_dashboard(store_id text, business_date date)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  day_start timestamptz := business_date::timestamp at time zone 'Asia/Kolkata';
begin
  if not private.store_in_scope(store_id) and private.user_role() not in ('EXECUTIVE', 'BUSINESS_ANALYST') then
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

revoke execute on function public.assign_user_role(uuid, text, text, text),
  public.record_inventory_movement(text, text, numeric, text, uuid, text),
  public.get_store_dashboard(text, date) from public, anon;
grant execute on function public.assign_user_role(uuid, text, text, text),
  public.record_inventory_movement(text, text, numeric, text, uuid, text),
  public.get_store_dashboard(text, date) to authenticated, service_role;

-- Property 9: stock by category at a store = the sum of its SKUs' levels. SECURITY INVOKER,
-- so row-level security decides which stores the caller sees.
create or replace function public.get_inventory_by_category(store_id text)
returns table (category text, sku_count bigint, quantity numeric, stock_value numeric)
language sql stable
set search_path = ''
as $$
  select p.category, count(*), sum(l.quantity), sum(l.quantity * p.cost_price)
    from public.inventory_levels l
    join public.products p on p.sku = l.sku
   where l.store_id = get_inventory_by_category.store_id
   group by p.category
   order by p.category
$$;

comment on function public.get_inventory_by_category(text) is
  'Stock by category at one store: SKU count, units and value at cost (sum of SKU levels, Property 9). Empty for stores outside the caller''s scope.';

revoke execute on function public.get_inventory_by_category(text) from public, anon;
grant execute on function public.get_inventory_by_category(text) to authenticated, service_role;
