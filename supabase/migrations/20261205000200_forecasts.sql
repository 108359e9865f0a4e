-- Demand forecasts per SKU×store (issue 9): one row per series and nightly run, written
-- by the forecast-worker edge function in one statement per chunk. Daily values for the
-- next 30 days (the first 7 are the 7-day forecast) with 80% and 95% prediction
-- intervals per day; forecast_7d / forecast_30d are the point totals. Past runs are kept
-- so accuracy can be measured as actuals arrive (20261205000500), for
-- forecast_retention_days; then whole daily partitions are dropped (at 10,000 stores ×
-- 2,000 SKUs a run is 20M rows, so deleting rows one by one is not an option).
-- Who sees what: as the SKU×store×day sales they come from — admins, analysts and supply
-- chain chain-wide, store and regional managers their stores; executives never see the
-- SKU×store grain.

create table public.forecasts (
  store_id text not null references public.stores (id),
  sku text not null references public.products (sku),
  -- IST business day of the nightly run; history ends the day before start_date
  run_date date not null,
  -- first forecast day
  start_date date not null,
  generated_at timestamptz not null,
  model text not null check (model in ('ETS(A,N,N)', 'ETS(A,N,A)', 'ETS(A,Ad,A)', 'ETS(A,N,M)', 'CROSTON', 'SBA',
                                       'TSB', 'SEASONAL_NAIVE', 'FALLBACK', 'ZERO')),
  -- Property 10: under 12 months of history; the stated FALLBACK (mean of the same weekday
  -- over the last 4 weeks) was used
  insufficient_history boolean not null,
  history_days integer not null check (history_days >= 0),
  point real[] not null check (cardinality(point) = 30),
  lower80 real[] not null check (cardinality(lower80) = 30),
  upper80 real[] not null check (cardinality(upper80) = 30),
  lower95 real[] not null check (cardinality(lower95) = 30),
  upper95 real[] not null check (cardinality(upper95) = 30),
  forecast_7d numeric(14, 3) not null check (forecast_7d >= 0),
  forecast_30d numeric(14, 3) not null check (forecast_30d >= forecast_7d),
  primary key (store_id, sku, run_date),
  constraint forecasts_start_date_check check (start_date >= run_date - 1)
) partition by range (run_date);
-- enqueue_forecast_run creates each day's partition; the default catches direct writes
create table public.forecasts_default partition of public.forecasts default;
alter table public.forecasts_default enable row level security;

alter table public.forecasts enable row level security;

create policy "planners see forecasts of their stores" on public.forecasts for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));

grant select on public.forecasts to authenticated;
grant all on public.forecasts to service_role;

-- Drops the daily partitions of runs older than forecast_retention_days (the 30-day window
-- plus a week of late-actual re-scoring must stay). Returns the partitions dropped.
create or replace function private.prune_forecasts(now timestamptz default pg_catalog.now()) returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
  cutoff date := (prune_forecasts.now at time zone 'Asia/Kolkata')::date
                 - (select s.forecast_retention_days from private.forecast_settings s where s.id);
  part record;
  dropped integer := 0;
begin
  for part in
    select n.nspname, c.relname
      from pg_catalog.pg_inherits i
      join pg_catalog.pg_class c on c.oid = i.inhrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where i.inhparent = 'public.forecasts'::regclass and c.relname ~ '^forecasts_p[0-9]{8}$'
       and to_date(substr(c.relname, 12), 'YYYYMMDD') < cutoff
  loop
    execute format('drop table %I.%I', part.nspname, part.relname);
    dropped := dropped + 1;
  end loop;
  return dropped;
end
$$;
comment on function private.prune_forecasts(timestamptz) is
  'Cron body: drops daily forecast partitions older than forecast_retention_days.';
revoke all on function private.prune_forecasts(timestamptz) from public;
grant execute on function private.prune_forecasts(timestamptz) to service_role;
