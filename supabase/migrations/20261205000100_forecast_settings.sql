-- Settings of the forecasting pipeline, read by its cron jobs and SQL functions.
-- Supabase's pattern for cron → edge function keeps the project URL and a key in Vault;
-- the local stack has no Vault, so they live here, in `private` (service role only, RLS
-- on with no policies). Production sets them once after `supabase db push`:
--   update private.forecast_settings set functions_url = 'https://<ref>.supabase.co/functions/v1',
--                                        service_role_key = '<service role key>';
-- Until both are set, the nightly job still enqueues the run and the worker is not kicked
-- (a NOTICE says why); any later kick or invocation drains the queue.

create table private.forecast_settings (
  -- a single row: the pipeline has one configuration
  id boolean primary key default true check (id),
  functions_url text check (functions_url ~ '^https?://'),
  service_role_key text,
  -- series per chunk; the core needs ~0.2 ms CPU per 400-day series, so 500 leaves room
  -- for several chunks in one invocation's ~1.5 s CPU budget
  chunk_size integer not null default 500 check (chunk_size between 1 and 10000),
  -- invocations kicked in parallel by the nightly job
  parallel_workers integer not null default 2 check (parallel_workers between 1 and 64),
  -- attempts per chunk before it is marked failed and an alert is raised
  max_attempts integer not null default 3 check (max_attempts between 1 and 20),
  -- a claimed chunk not completed within this lease is claimable again (crashed worker)
  claim_lease interval not null default interval '5 minutes' check (claim_lease > interval '0'),
  -- days of history sent to the worker: a year for the festival window plus the horizon
  history_days integer not null default 400 check (history_days between 28 and 1100),
  -- FORECAST_ACCURACY alert below this accuracy (100 − MAPE of 7-day totals), percent
  accuracy_alert_threshold numeric not null default 70 check (accuracy_alert_threshold between -1000 and 100),
  -- days of nightly runs kept: the 30-day window plus a week of re-scoring late actuals
  forecast_retention_days integer not null default 40 check (forecast_retention_days >= 37),
  -- Property 13: a forecast older than this is stale
  stale_after interval not null default interval '24 hours' check (stale_after > interval '0'),
  updated_at timestamptz not null default now()
);
insert into private.forecast_settings default values;

alter table private.forecast_settings enable row level security;
revoke all on private.forecast_settings from public, anon, authenticated;
grant select, update on private.forecast_settings to service_role;

-- The settings row (there is always exactly one).
create or replace function private.forecast_config() returns private.forecast_settings
language sql stable
set search_path = ''
as $$ select s from private.forecast_settings s where s.id $$;

revoke all on function private.forecast_config() from public;
grant execute on function private.forecast_config() to service_role;
