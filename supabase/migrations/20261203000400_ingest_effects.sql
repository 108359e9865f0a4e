-- Side effects shared by the ingest functions, each set-based over a whole batch:
-- stock alerts for the touched SKU×store pairs (Property 4), pricing alerts for new
-- competitor observations (Properties 4, 14), and one realtime nudge per affected store
-- and region topic plus one chain nudge per batch (never per row). Alerts are
-- deduplicated per type and scope within the clock hour through alerts.dedupe_key
-- (Property 26). Thresholds follow shared/metrics/inventory.ts stockStatus: LOW when
-- level <= reorder threshold, OVERSTOCK when level >= a positive overstock threshold.

create or replace function private.evaluate_stock_alerts(store_ids text[], skus text[])
returns void
language sql volatile security definer
set search_path = ''
as $$
  with touched as (
    select distinct u.store_id, u.sku from unnest(store_ids, skus) as u(store_id, sku)
  ), state as (
    select l.store_id, s.region_id, l.sku, l.quantity, t.reorder_threshold, t.overstock_threshold
      from touched x
      join public.inventory_levels l on l.store_id = x.store_id and l.sku = x.sku
      join public.inventory_thresholds t on t.store_id = x.store_id and t.sku = x.sku
      join public.stores s on s.id = x.store_id
  ), candidates as (
    select 'LOW_STOCK' as type, case when quantity <= 0 then 'CRITICAL' else 'HIGH' end as severity,
           store_id, region_id, sku, 'Low stock: ' || sku as title,
           format('%s units left at %s (reorder at %s)', quantity, store_id, reorder_threshold) as message,
           jsonb_build_object('quantity', quantity, 'reorderThreshold', reorder_threshold) as details
      from state where quantity <= reorder_threshold
    union all
    select 'OVERSTOCK', 'MEDIUM', store_id, region_id, sku, 'Overstock: ' || sku,
           format('%s units at %s (overstock from %s)', quantity, store_id, overstock_threshold),
           jsonb_build_object('quantity', quantity, 'overstockThreshold', overstock_threshold)
      from state where overstock_threshold > 0 and quantity >= overstock_threshold
  ), raised as (
    insert into public.alerts (type, severity, store_id, region_id, sku, title, message, details, dedupe_key)
    select type, severity, store_id, region_id, sku, title, message, details,
           format('%s:%s:%s:%s', type, store_id, sku, private.alert_hour())
      from candidates
    on conflict (dedupe_key) where dedupe_key is not null do nothing
    returning id
  )
  insert into public.alert_history (alert_id, action, to_status) select id, 'CREATED', 'NEW' from raised
$$;

-- observations: [{sku, regionId, competitorId, price}] (rupees) of newly recorded prices.
create or replace function private.evaluate_pricing_alerts(observations jsonb)
returns void
language sql volatile security definer
set search_path = ''
as $$
  with obs as (
    select o ->> 'sku' as sku, o ->> 'regionId' as region_id, o ->> 'competitorId' as competitor_id,
           (o ->> 'price')::numeric as price
      from jsonb_array_elements(observations) o
  ), gaps as (
    -- Property 14: difference = our price − competitor price; the largest gap per scope.
    select distinct on (o.region_id, o.sku) o.region_id, o.sku, o.competitor_id, o.price,
           p.unit_price as our_price, p.unit_price - o.price as difference,
           private.pricing_threshold(p.unit_price, t.max_difference) as threshold
      from obs o
      join public.products p on p.sku = o.sku
      left join public.pricing_thresholds t on t.sku = o.sku
     order by o.region_id, o.sku, p.unit_price - o.price desc
  ), raised as (
    insert into public.alerts (type, severity, store_id, region_id, sku, title, message, details, dedupe_key)
    select 'PRICING', 'MEDIUM', null, region_id, sku, 'Competitor is cheaper: ' || sku,
           format('%s sells %s at %s, %s below our %s (threshold %s)', competitor_id, sku, price, difference,
                  our_price, threshold),
           jsonb_build_object('competitorId', competitor_id, 'competitorPrice', price, 'ourPrice', our_price,
                              'priceDifference', difference, 'threshold', threshold),
           format('PRICING:%s:%s:%s', region_id, sku, private.alert_hour())
      from gaps where difference > threshold
    on conflict (dedupe_key) where dedupe_key is not null do nothing
    returning id
  )
  insert into public.alert_history (alert_id, action, to_status) select id, 'CREATED', 'NEW' from raised
$$;

-- One nudge per distinct store and region topic, and one for the chain. Clients refetch
-- the named tables for their scope; a nudge carries no row data.
create or replace function private.nudge_scopes(store_ids text[], region_ids text[], tables text[])
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  topic text;
  payload jsonb := jsonb_build_object('source', 'ingest', 'tables', to_jsonb(tables));
begin
  for topic in
    select distinct 'scope:store:' || s from unnest(store_ids) s where s is not null
    union
    select distinct 'scope:region:' || r from unnest(region_ids) r where r is not null
  loop
    perform realtime.send(payload, 'changed', topic, true);
  end loop;
  perform realtime.send(payload, 'changed', 'scope:chain', true);
end
$$;
