-- The nightly forecast run (ARCHITECTURE §8): pg_cron enqueues the day's chunks and
-- kicks forecast-worker invocations through pg_net (supabase-surface.md §6.4); each
-- invocation drains chunks until its CPU budget is spent, then re-kicks itself while
-- chunks remain. A drain job every 15 minutes re-kicks a worker when chunks are still
-- open (a crashed invocation, a retry after a failure), so a run never stalls overnight.
-- The function URL and key come from private.forecast_settings (20261205000100).

-- Queues `workers` POSTs to forecast-worker (sent by pg_net after commit). Returns the
-- number queued: 0, with a NOTICE, while the settings lack the URL or key.
create or replace function private.kick_forecast_workers(workers integer, run_date date) returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
  cfg private.forecast_settings := private.forecast_config();
begin
  if cfg.functions_url is null or cfg.service_role_key is null then
    raise notice 'forecast-worker not kicked: set functions_url and service_role_key in private.forecast_settings';
    return 0;
  end if;
  for i in 1 .. greatest(workers, 0) loop
    perform net.http_post(
      url := rtrim(cfg.functions_url, '/') || '/forecast-worker',
      body := jsonb_build_object('runDate', run_date),
      params := '{}'::jsonb,
      headers := jsonb_build_object('Content-Type', 'application/json',
                                    'Authorization', 'Bearer ' || cfg.service_role_key),
      -- the answer is not needed; the chunks record the outcome
      timeout_milliseconds := 30000);
  end loop;
  return greatest(workers, 0);
end
$$;

-- Nightly job body: enqueue today's (IST) run, kick the configured parallel workers.
create or replace function private.run_nightly_forecasts(now timestamptz default pg_catalog.now()) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  today date := (run_nightly_forecasts.now at time zone 'Asia/Kolkata')::date;
  added integer := private.enqueue_forecast_run(today);
begin
  return jsonb_build_object('runDate', today, 'chunksAdded', added,
    'kicked', private.kick_forecast_workers((private.forecast_config()).parallel_workers, today));
end
$$;
comment on function private.run_nightly_forecasts(timestamptz) is
  'Cron body: enqueues the IST day''s forecast run (idempotent) and kicks forecast-worker invocations.';

-- Drain job body: one kick when claimable chunks remain (none queued otherwise).
create or replace function private.drain_forecast_queue(now timestamptz default pg_catalog.now()) returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
  cfg private.forecast_settings := private.forecast_config();
  open_run date;
begin
  select max(j.run_date) into open_run from private.forecast_jobs j
   where j.attempts < cfg.max_attempts
     and (j.status = 'pending' or j.status = 'running' and j.claimed_at < drain_forecast_queue.now - cfg.claim_lease);
  if open_run is null then
    return 0;
  end if;
  return private.kick_forecast_workers(1, open_run);
end
$$;

-- The worker's own re-kick when its budget ran out with chunks left.
create or replace function public.kick_forecast_worker(run_date date) returns integer
language sql volatile security definer
set search_path = ''
as $$ select private.kick_forecast_workers(1, run_date) $$;
comment on function public.kick_forecast_worker(date) is
  'forecast-worker: queues one more invocation of itself (via pg_net, after commit). Service role only.';

revoke all on function private.kick_forecast_workers(integer, date), private.run_nightly_forecasts(timestamptz),
  private.drain_forecast_queue(timestamptz) from public;
revoke all on function public.kick_forecast_worker(date) from public, anon, authenticated;
grant execute on function private.run_nightly_forecasts(timestamptz), private.drain_forecast_queue(timestamptz)
  to service_role;
grant execute on function public.kick_forecast_worker(date) to service_role;

-- 20:30 UTC = 02:00 IST, after the day's sales have closed. Five-field schedules only:
-- Debian's pg_cron 1.4 has no '[1-59] seconds'. cron.schedule upserts by name.
select cron.schedule('forecast-nightly', '30 20 * * *', 'select private.run_nightly_forecasts()');
select cron.schedule('forecast-drain', '*/15 * * * *', 'select private.drain_forecast_queue()');
-- 21:30 UTC = 03:00 IST, after the night's run.
select cron.schedule('forecast-prune', '30 21 * * *', 'select private.prune_forecasts()');
