-- Throughput (issue 6): a batch in which shared/ validation rejected every record needs
-- no scratch tables, joins or effects, only the dead letters, the stored outcome and the
-- health counters. The same answer as the full path, in a fraction of the time; this is
-- the common case of a misconfigured feed, and of hostile or broken payloads (fuzzing).
-- The two feed functions below also analyse only the columns their joins use (a full
-- ANALYZE of a scratch table spends most of its time on the raw jsonb column).

create or replace function private.ingest_rejected_only(device jsonb, rhash bytea, kind text, rejected jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  all_rejected jsonb := private.merge_rejections(rejected, '[]'::jsonb, '{}'::jsonb);
  body jsonb := private.ingest_body(jsonb_array_length(rejected), 0, '[]'::jsonb, all_rejected);
begin
  return private.ingest_finish(device, rhash, kind, (body ->> 'httpStatus')::int, body - 'httpStatus',
    jsonb_array_length(rejected), all_rejected);
end
$$;

comment on function private.ingest_rejected_only(jsonb, bytea, text, jsonb) is
  'The end of an ingest call whose every record failed validation: dead letters, stored outcome, health; returns {status, body}.';
revoke all on function private.ingest_rejected_only(jsonb, bytea, text, jsonb) from public;

-- ingest_inventory and ingest_competitor_prices as in 20261203000600/700, with the short path
-- and the narrower ANALYZE.

create or replace function public.ingest_inventory(api_key text, request_hash text, records jsonb,
                                                   rejected jsonb default '[]'::jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  rhash bytea;
  gate jsonb;
  device jsonb;
  conflicts text[];
  body jsonb;
  all_rejected jsonb;
  accepted integer;
  total integer;
begin
  if request_hash !~ '^[0-9a-f]{64}$' or jsonb_typeof(records) <> 'array' or jsonb_typeof(rejected) <> 'array' then
    raise exception 'request_hash must be 64 hex digits and records/rejected JSON arrays' using errcode = '22023';
  end if;
  rhash := decode(request_hash, 'hex');
  gate := private.ingest_gate(api_key, rhash, 'INVENTORY');
  if not gate ? 'device' then
    return gate;
  end if;
  device := gate -> 'device';
  if jsonb_array_length(records) = 0 then
    return private.ingest_rejected_only(device, rhash, 'INVENTORY', rejected);
  end if;

  create temp table _cnt on commit drop as
  select (r ->> 'i')::int as idx, r ->> 'sku' as sku, r ->> 'storeId' as store_id, r ->> 'warehouseId' as warehouse_id,
         (r ->> 'quantity')::numeric as quantity, to_timestamp((r ->> 'at')::numeric / 1000) as counted_at,
         r ->> 'source' as claimed_source, r as raw, false as dup, false as ok
    from jsonb_array_elements(records) r;
  -- Statistics, so large batches get hash joins; not of the jsonb column (most of the cost).
  analyze pg_temp._cnt (idx, store_id, sku, counted_at, quantity);
  create temp table _err (idx int, field text, message text, reason text) on commit drop;

  insert into pg_temp._err (idx, field, message, reason)
  select c.idx, 'source', format('must be %s, the source of this API key', device ->> 'source'), 'SOURCE_MISMATCH'
    from pg_temp._cnt c where c.claimed_source is distinct from device ->> 'source'
  union all
  select c.idx, 'storeId', 'is not a known store', 'UNKNOWN_STORE'
    from pg_temp._cnt c where not exists (select 1 from public.stores s where s.id = c.store_id)
  union all
  select c.idx, 'storeId', format('must be %s, the store this API key is bound to', device ->> 'storeId'), 'WRONG_STORE'
    from pg_temp._cnt c where device ->> 'storeId' is not null and c.store_id <> device ->> 'storeId'
  union all
  select c.idx, 'sku', 'is not in the catalogue', 'UNKNOWN_SKU'
    from pg_temp._cnt c where not exists (select 1 from public.products p where p.sku = c.sku)
  union all
  select c.idx, 'timestamp', 'repeats an earlier count in this batch with a different quantity', 'DUPLICATE_IN_BATCH'
    from pg_temp._cnt c
   where exists (select 1 from pg_temp._cnt o where o.idx < c.idx and (o.store_id, o.sku, o.counted_at)
                 = (c.store_id, c.sku, c.counted_at) and o.quantity <> c.quantity);

  select array_agg(distinct format('%s/%s@%s', c.store_id, c.sku, to_char(c.counted_at at time zone 'UTC',
                   'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    into conflicts
    from pg_temp._cnt c
    join public.inventory_counts x on (x.source, x.store_id, x.sku, x.counted_at)
                                    = (device ->> 'source', c.store_id, c.sku, c.counted_at)
   where x.quantity <> c.quantity and not exists (select 1 from pg_temp._err e where e.idx = c.idx);
  if conflicts is not null then
    perform private.note_health(device ->> 'id', 'INVENTORY', requests => 1);
    return jsonb_build_object('status', 409, 'body', jsonb_build_object('status', 'error',
      'code', 'IDEMPOTENCY_CONFLICT',
      'message', format('counts already recorded with a different quantity: %s', array_to_string(conflicts, ', ')),
      'ids', to_jsonb(conflicts)));
  end if;

  update pg_temp._cnt c set dup = true
   where exists (select 1 from public.inventory_counts x
                  where (x.source, x.store_id, x.sku, x.counted_at) = (device ->> 'source', c.store_id, c.sku, c.counted_at))
      or exists (select 1 from pg_temp._cnt o where o.idx < c.idx
                   and (o.store_id, o.sku, o.counted_at, o.quantity) = (c.store_id, c.sku, c.counted_at, c.quantity));
  update pg_temp._cnt c set ok = not c.dup and not exists (select 1 from pg_temp._err e where e.idx = c.idx);

  -- The newest new count per pair, if newer than every recorded count, sets the level.
  create temp table _latest on commit drop as
  select distinct on (c.store_id, c.sku) c.store_id, c.sku, c.quantity, c.counted_at
    from pg_temp._cnt c
   where c.ok
   order by c.store_id, c.sku, c.counted_at desc;
  delete from pg_temp._latest l
   where exists (select 1 from public.inventory_counts x
                  where x.store_id = l.store_id and x.sku = l.sku and x.counted_at >= l.counted_at);

  insert into public.inventory_counts (source, store_id, sku, counted_at, warehouse_id, quantity)
  select device ->> 'source', c.store_id, c.sku, c.counted_at, c.warehouse_id, c.quantity
    from pg_temp._cnt c where c.ok
  on conflict do nothing;

  insert into public.inventory_movements (store_id, sku, quantity, reason, source, reference, occurred_at)
  select l.store_id, l.sku, l.quantity - coalesce(v.quantity, 0), 'COUNT', device ->> 'source',
         'count@' || to_char(l.counted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), l.counted_at
    from pg_temp._latest l
    left join public.inventory_levels v on v.store_id = l.store_id and v.sku = l.sku
   where l.quantity <> coalesce(v.quantity, 0);

  perform private.evaluate_stock_alerts(array(select store_id from pg_temp._latest),
                                        array(select sku from pg_temp._latest));
  if exists (select 1 from pg_temp._cnt where ok) then
    perform private.nudge_scopes(array(select distinct store_id from pg_temp._cnt where ok),
      array(select distinct s.region_id from pg_temp._cnt c join public.stores s on s.id = c.store_id where c.ok),
      array['inventory_levels', 'inventory_movements', 'inventory_counts', 'alerts']);
  end if;

  all_rejected := private.merge_rejections(rejected,
    (select coalesce(jsonb_agg(jsonb_build_object('index', e.idx, 'field', e.field, 'message', e.message,
                                                  'reason', e.reason) order by e.idx), '[]'::jsonb)
       from pg_temp._err e),
    (select coalesce(jsonb_object_agg(c.idx::text, c.raw - 'i'), '{}'::jsonb) from pg_temp._cnt c
      where c.idx in (select e.idx from pg_temp._err e)));
  select count(*) filter (where ok), count(*) into accepted, total from pg_temp._cnt;
  body := private.ingest_body(total + jsonb_array_length(rejected), accepted,
    (select coalesce(jsonb_agg(format('%s/%s', c.store_id, c.sku)), '[]'::jsonb) from pg_temp._cnt c where c.dup),
    all_rejected);
  return private.ingest_finish(device, rhash, 'INVENTORY', (body ->> 'httpStatus')::int, body - 'httpStatus',
    total + jsonb_array_length(rejected), all_rejected);
end
$$;

comment on function public.ingest_inventory(text, text, jsonb, jsonb) is
  'Ingests a validated batch of ERP/WMS inventory counts for the device owning api_key: idempotent per source, store, SKU and time; the newest count moves the level by one COUNT movement; stock alerts and scope nudges in one transaction. Returns {status, body, headers}. Service role only (edge function ingest-inventory).';
revoke execute on function public.ingest_inventory(text, text, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.ingest_inventory(text, text, jsonb, jsonb) to service_role;

create or replace function public.ingest_competitor_prices(api_key text, request_hash text, records jsonb,
                                                           rejected jsonb default '[]'::jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  rhash bytea;
  gate jsonb;
  device jsonb;
  conflicts text[];
  body jsonb;
  all_rejected jsonb;
  accepted integer;
  total integer;
begin
  if request_hash !~ '^[0-9a-f]{64}$' or jsonb_typeof(records) <> 'array' or jsonb_typeof(rejected) <> 'array' then
    raise exception 'request_hash must be 64 hex digits and records/rejected JSON arrays' using errcode = '22023';
  end if;
  rhash := decode(request_hash, 'hex');
  gate := private.ingest_gate(api_key, rhash, 'COMPETITOR_PRICE');
  if not gate ? 'device' then
    return gate;
  end if;
  device := gate -> 'device';
  if jsonb_array_length(records) = 0 then
    return private.ingest_rejected_only(device, rhash, 'COMPETITOR_PRICE', rejected);
  end if;

  create temp table _obs on commit drop as
  select (r ->> 'i')::int as idx, r ->> 'sku' as sku, r ->> 'competitorId' as competitor_id,
         coalesce(r ->> 'regionId', device ->> 'regionId') as region_id, r ? 'regionId' as region_given,
         (r ->> 'pricePaise')::bigint / 100.0 as price, to_timestamp((r ->> 'at')::numeric / 1000) as observed_at,
         r ->> 'source' as claimed_source, r as raw, false as dup, false as ok
    from jsonb_array_elements(records) r;
  -- Statistics, so large batches get hash joins; not of the jsonb column (most of the cost).
  analyze pg_temp._obs (idx, competitor_id, sku, region_id, observed_at);
  create temp table _err (idx int, field text, message text, reason text) on commit drop;

  insert into pg_temp._err (idx, field, message, reason)
  select o.idx, 'source', format('must be %s, the source of this API key', device ->> 'source'), 'SOURCE_MISMATCH'
    from pg_temp._obs o where o.claimed_source is distinct from device ->> 'source'
  union all
  select o.idx, 'competitorId', 'is not a known competitor', 'UNKNOWN_COMPETITOR'
    from pg_temp._obs o where not exists (select 1 from public.competitors c where c.id = o.competitor_id)
  union all
  select o.idx, 'sku', 'is not in the catalogue', 'UNKNOWN_SKU'
    from pg_temp._obs o where not exists (select 1 from public.products p where p.sku = o.sku)
  union all
  select o.idx, 'regionId', case when o.region_id is null
                                 then 'is required for a feed that is not bound to a store'
                                 else 'is not a known region' end, 'UNKNOWN_REGION'
    from pg_temp._obs o where not exists (select 1 from public.regions g where g.id = o.region_id)
  union all
  select o.idx, 'timestamp', 'repeats an earlier observation in this batch with a different price', 'DUPLICATE_IN_BATCH'
    from pg_temp._obs o
   where exists (select 1 from pg_temp._obs p where p.idx < o.idx
                   and (p.competitor_id, p.sku, p.region_id, p.observed_at) = (o.competitor_id, o.sku, o.region_id, o.observed_at)
                   and p.price <> o.price);

  select array_agg(distinct format('%s/%s/%s@%s', o.competitor_id, o.sku, o.region_id,
                   to_char(o.observed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    into conflicts
    from pg_temp._obs o
    join public.competitor_prices x on (x.competitor_id, x.sku, x.region_id, x.observed_at)
                                     = (o.competitor_id, o.sku, o.region_id, o.observed_at)
   where x.price <> o.price and not exists (select 1 from pg_temp._err e where e.idx = o.idx);
  if conflicts is not null then
    perform private.note_health(device ->> 'id', 'COMPETITOR_PRICE', requests => 1);
    return jsonb_build_object('status', 409, 'body', jsonb_build_object('status', 'error',
      'code', 'IDEMPOTENCY_CONFLICT',
      'message', format('observations already recorded with a different price: %s', array_to_string(conflicts, ', ')),
      'ids', to_jsonb(conflicts)));
  end if;

  update pg_temp._obs o set dup = true
   where exists (select 1 from public.competitor_prices x
                  where (x.competitor_id, x.sku, x.region_id, x.observed_at) = (o.competitor_id, o.sku, o.region_id, o.observed_at))
      or exists (select 1 from pg_temp._obs p where p.idx < o.idx
                   and (p.competitor_id, p.sku, p.region_id, p.observed_at, p.price)
                     = (o.competitor_id, o.sku, o.region_id, o.observed_at, o.price));
  update pg_temp._obs o set ok = not o.dup and not exists (select 1 from pg_temp._err e where e.idx = o.idx);

  create temp table _newobs on commit drop as
  with ins as (
    insert into public.competitor_prices (competitor_id, sku, region_id, observed_at, price, source)
    select o.competitor_id, o.sku, o.region_id, o.observed_at, o.price, device ->> 'source'
      from pg_temp._obs o where o.ok
    on conflict do nothing
    returning competitor_id, sku, region_id, price
  )
  select * from ins;

  perform private.evaluate_pricing_alerts((select coalesce(jsonb_agg(jsonb_build_object('sku', sku,
    'regionId', region_id, 'competitorId', competitor_id, 'price', price)), '[]'::jsonb) from pg_temp._newobs));
  if exists (select 1 from pg_temp._newobs) then
    perform private.nudge_scopes(array[]::text[], array(select distinct region_id from pg_temp._newobs),
      array['competitor_prices', 'alerts']);
  end if;

  all_rejected := private.merge_rejections(rejected,
    (select coalesce(jsonb_agg(jsonb_build_object('index', e.idx, 'field', e.field, 'message', e.message,
                                                  'reason', e.reason) order by e.idx), '[]'::jsonb)
       from pg_temp._err e),
    (select coalesce(jsonb_object_agg(o.idx::text, o.raw - 'i'), '{}'::jsonb) from pg_temp._obs o
      where o.idx in (select e.idx from pg_temp._err e)));
  select count(*) filter (where ok), count(*) into accepted, total from pg_temp._obs;
  body := private.ingest_body(total + jsonb_array_length(rejected), accepted,
    (select coalesce(jsonb_agg(format('%s/%s', o.competitor_id, o.sku)), '[]'::jsonb) from pg_temp._obs o where o.dup),
    all_rejected);
  return private.ingest_finish(device, rhash, 'COMPETITOR_PRICE', (body ->> 'httpStatus')::int, body - 'httpStatus',
    total + jsonb_array_length(rejected), all_rejected);
end
$$;

comment on function public.ingest_competitor_prices(text, text, jsonb, jsonb) is
  'Ingests a validated batch of competitor price observations for the feed owning api_key: idempotent per competitor, SKU, region and time; PRICING alerts per SKU threshold and region nudges in one transaction. Returns {status, body, headers}. Service role only (edge function ingest-competitor-prices).';
revoke execute on function public.ingest_competitor_prices(text, text, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.ingest_competitor_prices(text, text, jsonb, jsonb) to service_role;
