-- The forecasts sync collection (issue 9 §6): the Forecast screen works offline from it.
--   store manager     one document per SKU of its store: the newest run's 30 daily points
--                     with 80/95 % intervals (the first 7 are the 7-day forecast), totals,
--                     model, hierarchy path and share, short-history flag (Property 10),
--                     generated_at (the device flags > 24 h, Property 13) and the latest
--                     scored 7- and 30-day accuracy; id "store:<store>|<sku>".
--   regional manager  one document per SKU of its region: the region×SKU forecast and
--                     each store's 7/30-day totals, share and path; id "region:<region>|<sku>".
--                     Not its stores' own forecasts: at 10 stores × 1,200 SKUs that is
--                     12,000 documents (~18 MB), half the regional slice budget (issue 7:
--                     60,000 docs / 40 MB) for one screen; the aggregate is 1,200 (~2.5 MB).
--   other roles       nothing (executives never see the SKU×store grain).
-- Only each series' newest run is sent; an older run's row is never re-sent, and a newer
-- run's row replaces the document on the device (same id). Forecasts are rewritten every
-- night, after the day's accuracy scoring (20:00 UTC, forecasts 20:30 UTC), so a document
-- carries fresh accuracy without syncing forecast_accuracy itself. Rows are never deleted
-- one by one (old runs' partitions are dropped), so there are no tombstones.

select private.sync_attach('public.forecasts');
select private.sync_attach('public.region_forecasts');

-- Newest run per store×SKU: the pull skips rows that a later run has replaced.
create index forecasts_store_sku_run_idx on public.forecasts (store_id, sku, run_date desc);

-- The oldest run a pull looks at: a week before the newest enqueued run. Bounds the scan
-- to a few daily partitions (runs are kept 40 days for accuracy); a series without a
-- forecast in the last week (retired SKU or store) is not sent to new devices.
create or replace function private.forecast_sync_from() returns date
language sql stable security definer set search_path = ''
as $$ select coalesce(max(j.run_date), date '1970-01-01') - 7 from private.forecast_jobs j $$;
comment on function private.forecast_sync_from() is
  'First run_date the forecasts sync collection reads: the newest enqueued run minus 7 days.';

create or replace function private.forecast_accuracy_doc(store_id text, sku text, window_days integer)
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object('window_days', a.window_days, 'run_date', a.run_date, 'window_end', a.window_end,
                            'forecast_total', a.forecast_total, 'actual_total', a.actual_total,
                            'accuracy_percent', a.accuracy_percent,
                            'total_accuracy_percent', a.total_accuracy_percent, 'wape', a.wape,
                            'coverage80', a.coverage80, 'coverage95', a.coverage95)
    from public.forecast_accuracy a
   where a.store_id = forecast_accuracy_doc.store_id and a.sku = forecast_accuracy_doc.sku
     and a.window_days = forecast_accuracy_doc.window_days
   order by a.run_date desc
   limit 1
$$;
comment on function private.forecast_accuracy_doc(text, text, integer) is
  'The latest scored accuracy window of one SKU×store as a sync document part (RLS applies), or null.';

-- The region's accuracy on the SKU's 7/30-day totals: 100 − |ΣA − ΣF| / ΣA × 100 over the
-- region's stores for the newest scored run (the design's formula on the region total).
create or replace function private.region_forecast_accuracy_doc(region_id text, sku text, window_days integer)
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object('window_days', r.window_days, 'run_date', r.run_date, 'window_end', r.window_end,
                            'forecast_total', r.f, 'actual_total', r.a, 'accuracy_percent', null,
                            'total_accuracy_percent', case when r.a > 0 then 100 - abs(r.a - r.f) / r.a * 100 end,
                            'wape', case when r.a > 0 then abs(r.a - r.f) / r.a end,
                            'coverage80', null, 'coverage95', null)
    from (select a.window_days, a.run_date, a.window_end, sum(a.forecast_total) as f, sum(a.actual_total) as a
            from public.forecast_accuracy a join public.stores s on s.id = a.store_id
           where s.region_id = region_forecast_accuracy_doc.region_id and a.sku = region_forecast_accuracy_doc.sku
             and a.window_days = region_forecast_accuracy_doc.window_days
           group by a.window_days, a.run_date, a.window_end
           order by a.run_date desc
           limit 1) r
$$;
comment on function private.region_forecast_accuracy_doc(text, text, integer) is
  'The latest scored accuracy of a region×SKU total as a sync document part (RLS applies), or null.';

create or replace function private.sync_pull_forecasts(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select u.id, u.doc, u._xid, u._seq, false
    from ((select 'store:' || f.store_id || '|' || f.sku as id,
                  jsonb_build_object(
                    'id', 'store:' || f.store_id || '|' || f.sku, 'kind', 'store', 'store_id', f.store_id,
                    'region_id', null, 'sku', f.sku, 'run_date', f.run_date, 'start_date', f.start_date,
                    'generated_at', f.generated_at, 'model', f.model, 'path', f.path, 'share', f.share,
                    'insufficient_history', f.insufficient_history, 'history_days', f.history_days,
                    'point', f.point, 'lower80', f.lower80, 'upper80', f.upper80,
                    'lower95', f.lower95, 'upper95', f.upper95,
                    'forecast_7d', f.forecast_7d, 'forecast_30d', f.forecast_30d, 'store_count', null,
                    'stores', '[]'::jsonb,
                    'accuracy7', private.forecast_accuracy_doc(f.store_id, f.sku, 7),
                    'accuracy30', private.forecast_accuracy_doc(f.store_id, f.sku, 30)) as doc,
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
comment on function private.sync_pull_forecasts(xid8, bigint, xid8, integer) is
  'sync_pull body of the forecasts collection: newest SKU×store forecasts (store managers) or region×SKU forecasts with store shares (regional managers).';

insert into private.sync_collections (name, pull_fn) values
  ('forecasts', 'private.sync_pull_forecasts(xid8, bigint, xid8, integer)');

revoke all on function private.sync_pull_forecasts(xid8, bigint, xid8, integer), private.forecast_sync_from(),
  private.forecast_accuracy_doc(text, text, integer),
  private.region_forecast_accuracy_doc(text, text, integer) from public;
grant execute on function private.sync_pull_forecasts(xid8, bigint, xid8, integer), private.forecast_sync_from(),
  private.forecast_accuracy_doc(text, text, integer),
  private.region_forecast_accuracy_doc(text, text, integer) to authenticated, service_role;
