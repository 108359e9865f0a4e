-- Forecast accuracy as actuals arrive (Property 12, issue 9 item 3) and the
-- FORECAST_ACCURACY alert. Each run's 7- and 30-day windows are scored once the window's
-- last day has closed, and re-scored for a week after (late actuals); a day without a
-- sales row sold nothing.
--   accuracy_percent        = 100 − MAPE over the window's days, exactly the design's
--                             formula; days with actual 0 are left out (the percentage
--                             error is undefined there); null when no day is left (n/a).
--                             Same rule as shared/forecasting/accuracy.ts.
--   total_accuracy_percent  = the same on the window total (the headline: daily SKU×store
--                             MAPE is often above 100 %).
--   wape, coverage80/95     = Σ|A−F| / ΣA, and the share of days inside each interval.
-- Alert: per store, 100 − MAPE of the SKUs' 7-day totals (SKUs with sales) for the
-- window that closed on the day, below private.forecast_settings.accuracy_alert_threshold;
-- one alert per store per day (dedupe key).

create table public.forecast_accuracy (
  store_id text not null references public.stores (id),
  sku text not null references public.products (sku),
  run_date date not null,
  window_days integer not null check (window_days in (7, 30)),
  window_end date not null,
  forecast_total numeric(14, 3) not null,
  actual_total numeric(14, 3) not null,
  accuracy_percent numeric,
  total_accuracy_percent numeric,
  wape numeric,
  coverage80 numeric not null check (coverage80 between 0 and 1),
  coverage95 numeric not null check (coverage95 between 0 and 1),
  evaluated_at timestamptz not null,
  -- no foreign key to forecasts: scores outlive the forecasts' partitions, which are dropped
  primary key (store_id, sku, run_date, window_days)
);
create index forecast_accuracy_window_end_idx on public.forecast_accuracy (window_end, window_days);

alter table public.forecast_accuracy enable row level security;

create policy "planners see forecast accuracy of their stores" on public.forecast_accuracy for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));

grant select on public.forecast_accuracy to authenticated;
grant all on public.forecast_accuracy to service_role;

-- Scores the windows that closed in the 7 days up to `as_of`, then raises the day's
-- FORECAST_ACCURACY alerts. Idempotent: re-running a day rewrites the same scores and
-- raises no second alert.
create or replace function private.update_forecast_accuracy(as_of date, now timestamptz default pg_catalog.now())
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  scored integer;
  alerted integer;
begin
  if as_of is null then
    raise exception 'as_of is required' using errcode = '22004';
  end if;
  with windows (days) as (values (7), (30)),
  due as (
    select f.*, w.days from public.forecasts f cross join windows w
     where f.start_date + w.days - 1 <= as_of and f.start_date + w.days - 1 > as_of - 7
  ), points as (
    select d.store_id, d.sku, d.run_date, d.days, d.start_date + d.days - 1 as window_end,
           d.point[i] as f, d.lower80[i] as l80, d.upper80[i] as u80, d.lower95[i] as l95, d.upper95[i] as u95,
           coalesce(s.units, 0) as a
      from due d
      cross join lateral generate_series(1, d.days) as i
      left join public.sales_sku_store_day s
        on s.store_id = d.store_id and s.sku = d.sku and s.business_date = d.start_date + i - 1
  ), scores as (
    select store_id, sku, run_date, days, window_end,
           sum(f) as ft, sum(a) as act, sum(abs(a - f)) as abs_err,
           100 - avg(abs(a - f) / a) filter (where a <> 0) * 100 as acc,
           avg((a between l80 and u80)::int) as cov80,
           avg((a between l95 and u95)::int) as cov95
      from points group by store_id, sku, run_date, days, window_end
  )
  insert into public.forecast_accuracy as fa (store_id, sku, run_date, window_days, window_end, forecast_total,
                                              actual_total, accuracy_percent, total_accuracy_percent, wape,
                                              coverage80, coverage95, evaluated_at)
  select store_id, sku, run_date, days, window_end, round(ft::numeric, 3), act, round(acc::numeric, 4),
         case when act <> 0 then round((100 - abs(act - ft) / act * 100)::numeric, 4) end,
         case when act <> 0 then round((abs_err / act)::numeric, 6) end,
         cov80, cov95, update_forecast_accuracy.now
    from scores
  on conflict (store_id, sku, run_date, window_days) do update
     set forecast_total = excluded.forecast_total, actual_total = excluded.actual_total,
         accuracy_percent = excluded.accuracy_percent, total_accuracy_percent = excluded.total_accuracy_percent,
         wape = excluded.wape, coverage80 = excluded.coverage80, coverage95 = excluded.coverage95,
         evaluated_at = excluded.evaluated_at;
  get diagnostics scored = row_count;
  alerted := private.raise_forecast_accuracy_alerts(as_of);
  return jsonb_build_object('asOf', as_of, 'scored', scored, 'alerts', alerted);
end
$$;
comment on function private.update_forecast_accuracy(date, timestamptz) is
  'Cron body: scores forecast windows that closed in the week up to as_of (Property 12) and raises FORECAST_ACCURACY alerts.';

-- Property 12 per store on the 7-day windows that closed on `as_of`; one alert per store
-- and day below the configured threshold. Returns the number of new alerts.
create or replace function private.raise_forecast_accuracy_alerts(as_of date) returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
  threshold numeric := (private.forecast_config()).accuracy_alert_threshold;
  raised_count integer;
begin
  with per_store as (
    select fa.store_id, fa.run_date,
           100 - avg(abs(fa.actual_total - fa.forecast_total) / fa.actual_total)
                 filter (where fa.actual_total <> 0) * 100 as accuracy,
           count(*) filter (where fa.actual_total <> 0) as skus
      from public.forecast_accuracy fa
     where fa.window_days = 7 and fa.window_end = as_of
     group by fa.store_id, fa.run_date
  ), raised as (
    insert into public.alerts (type, severity, store_id, region_id, title, message, details, dedupe_key)
    select 'FORECAST_ACCURACY', 'MEDIUM', p.store_id, s.region_id, 'Forecast accuracy low: ' || p.store_id,
           format('7-day forecast accuracy at %s was %s%% (threshold %s%%) over %s SKUs, week ending %s',
                  p.store_id, round(p.accuracy, 1), threshold, p.skus, as_of),
           jsonb_build_object('accuracyPercent', round(p.accuracy, 2), 'threshold', threshold, 'skus', p.skus,
                              'runDate', p.run_date, 'windowEnd', as_of),
           format('FORECAST_ACCURACY:store:%s:%s', p.store_id, as_of)
      from per_store p join public.stores s on s.id = p.store_id
     where p.accuracy is not null and p.accuracy < threshold
    on conflict (dedupe_key) where dedupe_key is not null do nothing
    returning id
  ), history as (
    insert into public.alert_history (alert_id, action, to_status) select id, 'CREATED', 'NEW' from raised
    returning 1
  )
  select count(*) into raised_count from history;
  return raised_count;
end
$$;

-- Daily job body: score the IST business day that just closed.
create or replace function private.run_forecast_accuracy(now timestamptz default pg_catalog.now()) returns jsonb
language sql volatile
set search_path = ''
as $$ select private.update_forecast_accuracy(((now at time zone 'Asia/Kolkata')::date - 1), now) $$;

revoke all on function private.update_forecast_accuracy(date, timestamptz),
  private.raise_forecast_accuracy_alerts(date), private.run_forecast_accuracy(timestamptz) from public;
grant execute on function private.update_forecast_accuracy(date, timestamptz),
  private.run_forecast_accuracy(timestamptz) to service_role;

-- 20:00 UTC = 01:30 IST: the previous business day has closed; before the nightly run.
select cron.schedule('forecast-accuracy', '0 20 * * *', 'select private.run_forecast_accuracy()');
