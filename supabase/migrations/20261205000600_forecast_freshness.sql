-- Property 13: a forecast generated more than 24 hours ago (stale_after in
-- private.forecast_settings) is flagged stale. latest_forecasts is each series' newest
-- forecast with the flag; it runs with the caller's rights, so the forecasts' RLS applies.

create or replace function private.is_forecast_stale(generated_at timestamptz, now timestamptz default pg_catalog.now())
returns boolean
language sql stable security definer
set search_path = ''
as $$
  -- a future generation time cannot be trusted either (as shared/forecasting/freshness.ts)
  select generated_at is null or generated_at > now
         or now - generated_at > (select s.stale_after from private.forecast_settings s where s.id)
$$;
comment on function private.is_forecast_stale(timestamptz, timestamptz) is
  'Property 13: true when a forecast is older than the configured maximum age (24 h) or dated in the future.';

create view public.latest_forecasts with (security_invoker = true) as
  select distinct on (f.store_id, f.sku)
         f.store_id, f.sku, f.run_date, f.start_date, f.generated_at, f.model, f.insufficient_history,
         f.history_days, f.point, f.lower80, f.upper80, f.lower95, f.upper95, f.forecast_7d, f.forecast_30d,
         private.is_forecast_stale(f.generated_at) as is_stale
    from public.forecasts f
   order by f.store_id, f.sku, f.run_date desc;
comment on view public.latest_forecasts is
  'Newest forecast per SKU×store with the Property 13 staleness flag (older than 24 h).';

revoke all on function private.is_forecast_stale(timestamptz, timestamptz) from public;
grant execute on function private.is_forecast_stale(timestamptz, timestamptz) to authenticated, service_role;
revoke all on public.latest_forecasts from public, anon;
grant select on public.latest_forecasts to authenticated, service_role;
