-- Forecasts of any store, online, for supply-chain users and admins (who reorder by them
-- and keep no forecasts on the device: the chain's SKU×store forecasts are far beyond a
-- phone's slice), one store at a time: the newest run per SKU in the forecasts sync
-- collection's document shape, and the SKU's last 90 days of units (the chart's history),
-- so the Forecast screen shows them with the same code as for a store manager.
--   get_store_forecast_list  a store's SKUs with their totals, six fields each (~170 KB for
--                            a 1,200-SKU store): the list a planner scans;
--   get_store_forecast       one SKU's full document and history, when it is opened;
--   get_store_forecasts      every SKU's documents and histories in one answer (~1.7 MB).
-- The store document now has one definition, private.store_forecast_doc, used by the sync
-- pull (re-created below with it, otherwise unchanged) and by the RPCs.

create or replace function private.store_forecast_doc(f public.forecasts)
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'id', 'store:' || f.store_id || '|' || f.sku, 'kind', 'store', 'store_id', f.store_id,
    'region_id', null, 'sku', f.sku, 'run_date', f.run_date, 'start_date', f.start_date,
    'generated_at', f.generated_at, 'model', f.model, 'path', f.path, 'share', f.share,
    'insufficient_history', f.insufficient_history, 'history_days', f.history_days,
    'point', f.point, 'lower80', f.lower80, 'upper80', f.upper80,
    'lower95', f.lower95, 'upper95', f.upper95,
    'forecast_7d', f.forecast_7d, 'forecast_30d', f.forecast_30d, 'store_count', null,
    'stores', '[]'::jsonb,
    'accuracy7', private.forecast_accuracy_doc(f.store_id, f.sku, 7),
    'accuracy30', private.forecast_accuracy_doc(f.store_id, f.sku, 30))
$$;
comment on function private.store_forecast_doc(public.forecasts) is
  'A SKU×store forecast row as a forecasts sync document (kind store), with its latest scored accuracy.';

create or replace function private.sync_pull_forecasts(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select u.id, u.doc, u._xid, u._seq, false
    from ((select 'store:' || f.store_id || '|' || f.sku as id,
                  private.store_forecast_doc(f) as doc,
                  f._xid, f._seq
             from public.forecasts f
            where (f._xid, f._seq) > (cp_xid, cp_seq) and f._xid < visible_before
              and f.run_date >= (select private.forecast_sync_from())
              and (select private.user_role()) = 'STORE_MANAGER'
              and not exists (select from public.forecasts n
                               where n.store_id = f.store_id and n.sku = f.sku and n.run_date > f.run_date)
            order by f._xid, f._seq
            limit lim)
          union all
          (select 'region:' || g.region_id || '|' || g.sku,
                  jsonb_build_object(
                    'id', 'region:' || g.region_id || '|' || g.sku, 'kind', 'region', 'store_id', null,
                    'region_id', g.region_id, 'sku', g.sku, 'run_date', g.run_date, 'start_date', g.start_date,
                    'generated_at', g.generated_at, 'model', g.model, 'path', null, 'share', null,
                    'insufficient_history', g.insufficient_history, 'history_days', g.history_days,
                    'point', g.point, 'lower80', g.lower80, 'upper80', g.upper80,
                    'lower95', g.lower95, 'upper95', g.upper95,
                    'forecast_7d', g.forecast_7d, 'forecast_30d', g.forecast_30d, 'store_count', g.store_count,
                    'stores', coalesce(st.stores, '[]'::jsonb),
                    'accuracy7', private.region_forecast_accuracy_doc(g.region_id, g.sku, 7),
                    'accuracy30', private.region_forecast_accuracy_doc(g.region_id, g.sku, 30)),
                  g._xid, g._seq
             from public.region_forecasts g
             left join lateral (
               select jsonb_agg(jsonb_build_object('store_id', f.store_id, 'forecast_7d', f.forecast_7d,
                                                   'forecast_30d', f.forecast_30d, 'share', f.share, 'path', f.path,
                                                   'model', f.model, 'insufficient_history', f.insufficient_history)
                                order by f.store_id) as stores
                 from public.forecasts f join public.stores s on s.id = f.store_id
                where s.region_id = g.region_id and f.sku = g.sku and f.run_date = g.run_date) st on true
            where (g._xid, g._seq) > (cp_xid, cp_seq) and g._xid < visible_before
              and (select private.user_role()) = 'REGIONAL_MANAGER'
            order by g._xid, g._seq
            limit lim)) u
   order by u._xid, u._seq
   limit lim
$$;

-- The newest forecast of each of a store's SKUs, if it is recent enough to show (the same
-- rule as the sync pull). Shared by the three store reads below.
create or replace function private.store_current_forecasts(store_id text)
returns setof public.forecasts
language sql stable security invoker set search_path = ''
as $$
  select f.* from public.forecasts f
   where f.store_id = store_current_forecasts.store_id
     and f.run_date >= private.forecast_sync_from()
     and not exists (select from public.forecasts n
                      where n.store_id = f.store_id and n.sku = f.sku and n.run_date > f.run_date)
$$;

-- SECURITY INVOKER: row-level security applies under the explicit check; volatile because a
-- refusal writes an audit entry (Property 32).
create or replace function public.get_store_forecasts(store_id text)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  refusal jsonb := private.store_read_refusal('get_store_forecasts', store_id);
  from_day date := private.sync_window_start();
begin
  if refusal is not null then
    return refusal;
  end if;
  return jsonb_build_object(
    'store_id', store_id,
    'as_of', pg_catalog.now(),
    'forecasts', (select coalesce(jsonb_agg(private.store_forecast_doc(f) order by f.sku), '[]')
                    from private.store_current_forecasts(get_store_forecasts.store_id) f),
    'history', (select coalesce(jsonb_agg(jsonb_build_object('id', get_store_forecasts.store_id || '|' || h.sku,
                                                             'store_id', get_store_forecasts.store_id, 'sku', h.sku,
                                                             'start_date', from_day, 'units', h.units)
                                          order by h.sku), '[]')
                  from (select k.sku, jsonb_agg(coalesce(d.units, 0) order by g.day) as units
                          from (select distinct s.sku from public.sales_sku_store_day s
                                 where s.store_id = get_store_forecasts.store_id and s.business_date >= from_day) k
                         cross join generate_series(from_day, from_day + 89, interval '1 day') g(day)
                          left join public.sales_sku_store_day d
                            on d.store_id = get_store_forecasts.store_id and d.sku = k.sku and d.business_date = g.day::date
                         group by k.sku) h));
end
$$;
comment on function public.get_store_forecasts(text) is
  'Newest forecasts of one store (forecasts sync document shape) and each SKU''s last 90 days of units. Out-of-scope stores are refused (403) and audited; unknown stores are 404.';

-- The list and the one opened (SECURITY INVOKER and volatile, as above).
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
                    from private.store_current_forecasts(get_store_forecast_list.store_id) f));
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
                   from private.store_current_forecasts(get_store_forecast.store_id) f
                  where f.sku = get_store_forecast.sku),
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

revoke all on function private.store_forecast_doc(public.forecasts) from public;
grant execute on function private.store_forecast_doc(public.forecasts) to authenticated, service_role;
revoke execute on function public.get_store_forecasts(text) from public, anon;
grant execute on function public.get_store_forecasts(text) to authenticated, service_role;
revoke all on function private.store_current_forecasts(text) from public;
grant execute on function private.store_current_forecasts(text) to authenticated, service_role;
revoke execute on function public.get_store_forecast_list(text) from public, anon;
grant execute on function public.get_store_forecast_list(text) to authenticated, service_role;
revoke execute on function public.get_store_forecast(text, text) from public, anon;
grant execute on function public.get_store_forecast(text, text) to authenticated, service_role;
