-- The forecast job queue (ARCHITECTURE §8): the nightly run is split into chunks of
-- series (one store, a contiguous range of active SKUs) that forecast-worker invocations
-- claim with FOR UPDATE SKIP LOCKED, so any number of invocations share one run without
-- blocking each other. A chunk is idempotent per day: its forecasts are upserted on
-- (store_id, sku, run_date), so a retried or re-run chunk replaces its own rows.
-- Lifecycle: pending → running (claimed; attempts + 1) → done, or back to pending on a
-- reported failure or an expired lease, until max_attempts; then failed + a SYSTEM alert.

create table private.forecast_jobs (
  id bigint generated always as identity primary key,
  run_date date not null,
  store_id text not null references public.stores (id),
  chunk_no integer not null check (chunk_no >= 0),
  sku_from text not null,
  sku_to text not null,
  series_count integer not null check (series_count > 0),
  status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  error text,
  claimed_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  unique (run_date, store_id, chunk_no),
  constraint forecast_jobs_sku_range_check check (sku_from <= sku_to)
);
-- the claim scans open chunks only
create index forecast_jobs_status_run_date_idx on private.forecast_jobs (run_date desc, id)
  where status in ('pending', 'running');

alter table private.forecast_jobs enable row level security;
revoke all on private.forecast_jobs from public, anon, authenticated;
grant select on private.forecast_jobs to service_role;

-- Splits every active store × active product into chunks for `run_date`. Idempotent per
-- day: a run already enqueued is left as it is (0 is returned).
create or replace function private.enqueue_forecast_run(run_date date) returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
  cfg private.forecast_settings := private.forecast_config();
  added integer;
begin
  if run_date is null then
    raise exception 'run_date is required' using errcode = '22004';
  end if;
  -- one enqueuer per day at a time; the second one sees the first one's chunks
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('private.enqueue_forecast_run'),
                                           run_date - date '2000-01-01');
  if exists (select from private.forecast_jobs j where j.run_date = enqueue_forecast_run.run_date) then
    return 0;
  end if;
  perform private.ensure_partitions('public.forecasts', 'day', run_date, run_date);
  with series as (
    select s.id as store_id, p.sku,
           (row_number() over (partition by s.id order by p.sku) - 1) / cfg.chunk_size as chunk_no
      from public.stores s cross join public.products p
     where s.status = 'ACTIVE' and p.status = 'ACTIVE'
  )
  insert into private.forecast_jobs (run_date, store_id, chunk_no, sku_from, sku_to, series_count)
  select enqueue_forecast_run.run_date, store_id, chunk_no, min(sku), max(sku), count(*)
    from series group by store_id, chunk_no
  on conflict on constraint forecast_jobs_run_date_store_id_chunk_no_key do nothing;
  get diagnostics added = row_count;
  return added;
end
$$;
comment on function private.enqueue_forecast_run(date) is
  'Enqueues the forecast run of an IST business day as chunks of SKU×store series; idempotent per day. Returns the chunks added.';

-- One SYSTEM alert per failed chunk (admins: no store scope on the alert itself).
create or replace function private.alert_failed_forecast_jobs(job_ids bigint[]) returns void
language sql volatile
set search_path = ''
as $$
  with raised as (
    insert into public.alerts (type, severity, title, message, details, dedupe_key)
    select 'SYSTEM', 'HIGH', 'Forecast chunk failed: ' || j.store_id,
           format('Forecasts for store %s, SKUs %s to %s (run %s) failed after %s attempts: %s',
                  j.store_id, j.sku_from, j.sku_to, j.run_date, j.attempts, coalesce(j.error, 'unknown error')),
           jsonb_build_object('jobId', j.id, 'runDate', j.run_date, 'storeId', j.store_id, 'skuFrom', j.sku_from,
                              'skuTo', j.sku_to, 'attempts', j.attempts, 'error', j.error),
           format('FORECAST_JOB:%s:%s', j.run_date, j.id)
      from private.forecast_jobs j where j.id = any (job_ids)
    on conflict (dedupe_key) where dedupe_key is not null do nothing
    returning id
  )
  insert into public.alert_history (alert_id, action, to_status) select id, 'CREATED', 'NEW' from raised
$$;

-- The daily history of one chunk's series, ending the day before run_date, sent sparse
-- (the worker fills the days between with 0; a day without a sales row sold nothing):
-- {sku, startDate, days, offsets, units}, offsets counted from startDate. A series starts
-- on the first day the SKU sold at the store (within history_days), so a new store or
-- product has a short history and gets the Property 10 fallback; a series that never
-- sold has days = 0. Sparse, because building the dense day grid in SQL cost ~10× more.
create or replace function private.forecast_chunk_series(job private.forecast_jobs, history_days integer)
returns jsonb
language sql stable
set search_path = ''
as $$
  with sales as (
    select d.sku, d.business_date, d.units, min(d.business_date) over (partition by d.sku) as first_day
      from public.sales_sku_store_day d
     where d.store_id = job.store_id and d.sku between job.sku_from and job.sku_to
       and d.business_date >= job.run_date - history_days and d.business_date < job.run_date
  ), histories as (
    select sku, first_day,
           jsonb_agg(business_date - first_day order by business_date) as offsets,
           jsonb_agg(units order by business_date) as units
      from sales group by sku, first_day
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'sku', p.sku,
           'startDate', coalesce(h.first_day, job.run_date),
           'days', coalesce(job.run_date - h.first_day, 0),
           'offsets', coalesce(h.offsets, '[]'::jsonb),
           'units', coalesce(h.units, '[]'::jsonb)) order by p.sku), '[]'::jsonb)
    from public.products p left join histories h on h.sku = p.sku
   where p.status = 'ACTIVE' and p.sku between job.sku_from and job.sku_to
$$;

-- Claims the next open chunk (newest run first) for a forecast-worker invocation and
-- returns it with its series' histories, or null when there is none. Chunks whose lease
-- expired after their last allowed attempt are failed (and alerted) first.
create or replace function public.claim_forecast_chunk(now timestamptz default pg_catalog.now())
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  cfg private.forecast_settings := private.forecast_config();
  job private.forecast_jobs;
  expired bigint[];
begin
  with gone as (
    update private.forecast_jobs j
       set status = 'failed', finished_at = claim_forecast_chunk.now,
           error = coalesce(j.error || '; ', '') || 'lease expired on attempt ' || j.attempts
     where j.status = 'running' and j.claimed_at < claim_forecast_chunk.now - cfg.claim_lease
       and j.attempts >= cfg.max_attempts
    returning j.id
  )
  select array_agg(id) into expired from gone;
  if expired is not null then
    perform private.alert_failed_forecast_jobs(expired);
  end if;

  select * into job from private.forecast_jobs j
   where (j.status = 'pending'
          or j.status = 'running' and j.claimed_at < claim_forecast_chunk.now - cfg.claim_lease)
     and j.attempts < cfg.max_attempts
   order by j.run_date desc, j.id
   limit 1
   for update skip locked;
  if not found then
    return null;
  end if;
  update private.forecast_jobs j
     set status = 'running', attempts = j.attempts + 1, claimed_at = claim_forecast_chunk.now
   where j.id = job.id
  returning * into job;
  return jsonb_build_object(
    'jobId', job.id,
    'attempt', job.attempts,
    'runDate', job.run_date,
    'storeId', job.store_id,
    'region', (select s.region_id from public.stores s where s.id = job.store_id),
    'series', private.forecast_chunk_series(job, cfg.history_days));
end
$$;
comment on function public.claim_forecast_chunk(timestamptz) is
  'forecast-worker: claims the next open forecast chunk (FOR UPDATE SKIP LOCKED) with its series histories, or null. Service role only.';

-- Locks a claimed chunk; raises when this attempt no longer holds it (lease expired and
-- another invocation took it over, or it was already finished).
create or replace function private.lock_claimed_forecast_job(job_id bigint, attempt integer)
returns private.forecast_jobs
language plpgsql volatile
set search_path = ''
as $$
declare
  job private.forecast_jobs;
begin
  select * into job from private.forecast_jobs j where j.id = job_id for update;
  if not found then
    raise exception 'forecast job % does not exist', job_id using errcode = 'P0002';
  end if;
  if job.status <> 'running' or job.attempts <> attempt then
    raise exception 'forecast job % attempt % no longer holds the claim (status %, attempt %)',
      job_id, attempt, job.status, job.attempts using errcode = '55000';
  end if;
  return job;
end
$$;

-- Writes a claimed chunk's forecasts in one statement and marks it done. forecasts:
-- [{sku, startDate, model, insufficientHistory, historyDays, point, lower80, upper80,
-- lower95, upper95}] with 30 daily values each. Upserts, so a re-run replaces the day's
-- rows. Anything malformed or outside the chunk raises and writes nothing.
create or replace function public.complete_forecast_chunk(job_id bigint, attempt integer, forecasts jsonb,
                                                          now timestamptz default pg_catalog.now())
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  job private.forecast_jobs := private.lock_claimed_forecast_job(job_id, attempt);
  outside text;
  written integer;
begin
  if jsonb_typeof(forecasts) is distinct from 'array' then
    raise exception 'forecasts must be a JSON array' using errcode = '22023';
  end if;
  select coalesce(e ->> 'sku', '<missing sku>') into outside
    from jsonb_array_elements(forecasts) e
   where jsonb_typeof(e) <> 'object' or e ->> 'sku' is null
      or not (e ->> 'sku' between job.sku_from and job.sku_to)
   limit 1;
  if found then
    raise exception 'forecast for sku % is outside chunk % (store %, skus % to %)',
      outside, job_id, job.store_id, job.sku_from, job.sku_to using errcode = '22023';
  end if;
  insert into public.forecasts as f (store_id, sku, run_date, start_date, generated_at, model, insufficient_history,
                                     history_days, point, lower80, upper80, lower95, upper95, forecast_7d, forecast_30d)
  select job.store_id, r.sku, job.run_date, r."startDate", complete_forecast_chunk.now, r.model,
         r."insufficientHistory", r."historyDays", r.point, r.lower80, r.upper80, r.lower95, r.upper95,
         (select coalesce(sum(x), 0) from unnest(r.point[1:7]) x),
         (select coalesce(sum(x), 0) from unnest(r.point) x)
    from jsonb_to_recordset(forecasts) as r (sku text, "startDate" date, model text, "insufficientHistory" boolean,
                                              "historyDays" integer, point real[], lower80 real[], upper80 real[],
                                              lower95 real[], upper95 real[])
  on conflict (store_id, sku, run_date) do update
     set start_date = excluded.start_date, generated_at = excluded.generated_at, model = excluded.model,
         insufficient_history = excluded.insufficient_history, history_days = excluded.history_days,
         point = excluded.point, lower80 = excluded.lower80, upper80 = excluded.upper80,
         lower95 = excluded.lower95, upper95 = excluded.upper95,
         forecast_7d = excluded.forecast_7d, forecast_30d = excluded.forecast_30d;
  get diagnostics written = row_count;
  update private.forecast_jobs j
     set status = 'done', finished_at = complete_forecast_chunk.now, error = null
   where j.id = job.id;
  return written;
end
$$;
comment on function public.complete_forecast_chunk(bigint, integer, jsonb, timestamptz) is
  'forecast-worker: writes a claimed chunk''s forecasts in one statement (idempotent per day) and marks it done. Service role only.';

-- Reports a failed attempt: the chunk goes back to pending, or after max_attempts it is
-- failed and a SYSTEM alert raised. Returns the chunk's new status.
create or replace function public.fail_forecast_chunk(job_id bigint, attempt integer, error text,
                                                      now timestamptz default pg_catalog.now())
returns text
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  cfg private.forecast_settings := private.forecast_config();
  job private.forecast_jobs := private.lock_claimed_forecast_job(job_id, attempt);
  next_status text := case when job.attempts >= cfg.max_attempts then 'failed' else 'pending' end;
begin
  update private.forecast_jobs j
     set status = next_status, error = left(coalesce(fail_forecast_chunk.error, 'unknown error'), 2000),
         finished_at = case when next_status = 'failed' then fail_forecast_chunk.now end
   where j.id = job.id;
  if next_status = 'failed' then
    perform private.alert_failed_forecast_jobs(array[job.id]);
  end if;
  return next_status;
end
$$;
comment on function public.fail_forecast_chunk(bigint, integer, text, timestamptz) is
  'forecast-worker: reports a failed attempt on a chunk; retried until max_attempts, then failed and alerted. Service role only.';

-- Progress of a run, for the worker's re-kick decision and for operators.
create or replace function public.forecast_run_status(run_date date)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'runDate', forecast_run_status.run_date,
    'chunks', count(*),
    'pending', count(*) filter (where j.status = 'pending'),
    'running', count(*) filter (where j.status = 'running'),
    'done', count(*) filter (where j.status = 'done'),
    'failed', count(*) filter (where j.status = 'failed'),
    'series', coalesce(sum(j.series_count), 0))
    from private.forecast_jobs j where j.run_date = forecast_run_status.run_date
$$;
comment on function public.forecast_run_status(date) is
  'Chunk counts by status of one forecast run. Service role only.';

revoke all on function private.enqueue_forecast_run(date), private.alert_failed_forecast_jobs(bigint[]),
  private.forecast_chunk_series(private.forecast_jobs, integer), private.lock_claimed_forecast_job(bigint, integer)
  from public;
revoke all on function public.claim_forecast_chunk(timestamptz),
  public.complete_forecast_chunk(bigint, integer, jsonb, timestamptz),
  public.fail_forecast_chunk(bigint, integer, text, timestamptz), public.forecast_run_status(date)
  from public, anon, authenticated;
grant execute on function private.enqueue_forecast_run(date) to service_role;
grant execute on function public.claim_forecast_chunk(timestamptz),
  public.complete_forecast_chunk(bigint, integer, jsonb, timestamptz),
  public.fail_forecast_chunk(bigint, integer, text, timestamptz), public.forecast_run_status(date)
  to service_role;
