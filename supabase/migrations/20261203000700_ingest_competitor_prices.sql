-- Competitor price observations, one set-based call per posted batch, in one transaction.
-- An observation is kept once per (competitor, SKU, region, time) (Property 15, history);
-- a replay is a no-op and a different price for the same observation is a 409. New
-- observations raise PRICING alerts when our price minus theirs exceeds the SKU's
-- threshold (Properties 4, 14). The region is the record's regionId or, for a feed bound
-- to a store, that store's region.
--
-- records: normalised by shared/ingest/records.ts validateCompetitorPrice plus the batch
-- index `i`: {i, sku, competitorId, pricePaise, at (epoch ms), source, regionId?}.

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

  create temp table _obs on commit drop as
  select (r ->> 'i')::int as idx, r ->> 'sku' as sku, r ->> 'competitorId' as competitor_id,
         coalesce(r ->> 'regionId', device ->> 'regionId') as region_id, r ? 'regionId' as region_given,
         (r ->> 'pricePaise')::bigint / 100.0 as price, to_timestamp((r ->> 'at')::numeric / 1000) as observed_at,
         r ->> 'source' as claimed_source, r as raw, false as dup, false as ok
    from jsonb_array_elements(records) r;
  analyze pg_temp._obs;  -- statistics, so large batches get hash joins
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
