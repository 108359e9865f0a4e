-- A store's forecasts online in two steps, for supply-chain users and admins on a tablet:
-- get_store_forecasts answers with every SKU's arrays, scored accuracy and 90-day history,
-- about 1.7 MB of JSON for a 1,200-SKU store, while the list a planner scans needs five
-- fields per SKU. get_store_forecast_list returns those (about 15× smaller), and
-- get_store_forecast one SKU's full document and history when it is opened.
-- get_store_forecasts stays as it was, for clients of the earlier build.

-- SECURITY INVOKER: row-level security applies under the explicit check; volatile because a
-- refusal writes an audit entry (Property 32).
create or replace function public.get_store_forecast_list(store_id text)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  refusal jsonb := private.store_read_refusal('get_store_forecast_list', store_id);
begin
  if refusal is not null then
    return refusal;
  end if;
  return jsonb_build_object(
    'store_id', store_id,
    'as_of', pg_catalog.now(),
    'forecasts', (select coalesce(jsonb_agg(jsonb_build_object(
                           'sku', f.sku, 'run_date', f.run_date, 'model', f.model,
                           'insufficient_history', f.insufficient_history,
                           'forecast_7d', f.forecast_7d, 'forecast_30d', f.forecast_30d)
                         order by f.sku), '[]')
                    from public.forecasts f
                   where f.store_id = get_store_forecast_list.store_id
                     and f.run_date >= private.forecast_sync_from()
                     and not exists (select from public.forecasts n
                                      where n.store_id = f.store_id and n.sku = f.sku and n.run_date > f.run_date)));
end
$$;
comment on function public.get_store_forecast_list(text) is
  'Newest forecast totals of one store, one small entry per SKU (sku, run_date, model, insufficient_history, forecast_7d, forecast_30d). Out-of-scope stores are refused (403) and audited; unknown stores are 404.';

create or replace function public.get_store_forecast(store_id text, sku text)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  refusal jsonb := private.store_read_refusal('get_store_forecast', store_id);
  from_day date := private.sync_window_start();
begin
  if refusal is not null then
    return refusal;
  end if;
  return jsonb_build_object(
    'store_id', store_id,
    'sku', sku,
    'as_of', pg_catalog.now(),
    -- null when the store has no current forecast for the SKU
    'forecast', (select private.store_forecast_doc(f)
                   from public.forecasts f
                  where f.store_id = get_store_forecast.store_id and f.sku = get_store_forecast.sku
                    and f.run_date >= private.forecast_sync_from()
                  order by f.run_date desc
                  limit 1),
    'history', (select jsonb_build_object('id', get_store_forecast.store_id || '|' || get_store_forecast.sku,
                                          'store_id', get_store_forecast.store_id, 'sku', get_store_forecast.sku,
                                          'start_date', from_day,
                                          'units', jsonb_agg(coalesce(d.units, 0) order by g.day))
                  from generate_series(from_day, from_day + 89, interval '1 day') g(day)
                  left join public.sales_sku_store_day d
                    on d.store_id = get_store_forecast.store_id and d.sku = get_store_forecast.sku
                   and d.business_date = g.day::date));
end
$$;
comment on function public.get_store_forecast(text, text) is
  'One SKU''s newest forecast at one store (forecasts sync document shape, or null) and its last 90 days of units. Out-of-scope stores are refused (403) and audited; unknown stores are 404.';

revoke execute on function public.get_store_forecast_list(text) from public, anon;
grant execute on function public.get_store_forecast_list(text) to authenticated, service_role;
revoke execute on function public.get_store_forecast(text, text) from public, anon;
grant execute on function public.get_store_forecast(text, text) to authenticated, service_role;
