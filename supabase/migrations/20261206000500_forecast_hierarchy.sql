-- Hierarchical forecasting in the nightly pipeline (issue 9 §2, Property 11). A chunk is
-- now one region × a contiguous range of active SKUs with every active store of the
-- region, so the worker can forecast the region×SKU total and disaggregate it to stores
-- by recent shares (TOP_DOWN), or forecast a high-volume store series on its own (DIRECT),
-- chosen per series by a 28-day backtest (shared/forecasting/hierarchy.ts).
--   public.forecasts          + path, share: which path each SKU×store forecast took;
--   public.region_forecasts   the newest region×SKU forecast (what regional screens show);
--   private.forecast_jobs     + region_id; store_id stays for chunks enqueued before this
--                             migration (still claimable and completed as before).
-- chunk_size keeps its meaning: about that many SKU×store series per chunk.

alter table public.forecasts
  add column path text not null default 'DIRECT' check (path in ('DIRECT', 'TOP_DOWN')),
  -- the store's share of the region's units over the last 28 days (TOP_DOWN scales by it)
  add column share real check (share between 0 and 1);

create table public.region_forecasts (
  region_id text not null references public.regions (id),
  sku text not null references public.products (sku),
  run_date date not null,
  start_date date not null,
  generated_at timestamptz not null,
  model text not null check (model in ('ETS(A,N,N)', 'ETS(A,N,A)', 'ETS(A,Ad,A)', 'ETS(A,N,M)', 'CROSTON', 'SBA',
                                       'TSB', 'SEASONAL_NAIVE', 'FALLBACK', 'ZERO')),
  insufficient_history boolean not null,
  history_days integer not null check (history_days >= 0),
  store_count integer not null check (store_count > 0),
  point real[] not null check (cardinality(point) = 30),
  lower80 real[] not null check (cardinality(lower80) = 30),
  upper80 real[] not null check (cardinality(upper80) = 30),
  lower95 real[] not null check (cardinality(lower95) = 30),
  upper95 real[] not null check (cardinality(upper95) = 30),
  forecast_7d numeric(14, 3) not null check (forecast_7d >= 0),
  forecast_30d numeric(14, 3) not null check (forecast_30d >= forecast_7d),
  -- one row per region×SKU: the newest run (older runs are scored per store, not here)
  primary key (region_id, sku)
);

alter table public.region_forecasts enable row level security;

create policy "planners see forecasts of their region" on public.region_forecasts for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER')
         or (select private.user_role()) = 'REGIONAL_MANAGER' and region_id = (select private.scope_region_id()));

grant select on public.region_forecasts to authenticated;
grant all on public.region_forecasts to service_role;

alter table private.forecast_jobs
  alter column store_id drop not null,
  add column region_id text references public.regions (id),
  add constraint forecast_jobs_run_date_region_id_chunk_no_key unique (run_date, region_id, chunk_no),
  add constraint forecast_jobs_scope_check check ((store_id is null) <> (region_id is null));

-- Splits every region's active SKUs into chunks of about chunk_size series (SKUs × the
-- region's active stores). Idempotent per day: a run already enqueued is left as it is.
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
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('private.enqueue_forecast_run'),
                                           run_date - date '2000-01-01');
  if exists (select from private.forecast_jobs j where j.run_date = enqueue_forecast_run.run_date) then
    return 0;
  end if;
  perform private.ensure_partitions('public.forecasts', 'day', run_date, run_date);
  with regions as (
    select s.region_id, count(*) as stores from public.stores s where s.status = 'ACTIVE' group by s.region_id
  ), series as (
    select r.region_id, r.stores, p.sku,
           (row_number() over (partition by r.region_id order by p.sku) - 1)
             / greatest(1, cfg.chunk_size / r.stores) as chunk_no
      from regions r cross join public.products p
     where p.status = 'ACTIVE'
  )
  insert into private.forecast_jobs (run_date, region_id, chunk_no, sku_from, sku_to, series_count)
  select enqueue_forecast_run.run_date, region_id, chunk_no, min(sku), max(sku), count(*) * max(stores)
    from series group by region_id, chunk_no
  on conflict on constraint forecast_jobs_run_date_region_id_chunk_no_key do nothing;
  get diagnostics added = row_count;
  return added;
end
$$;
comment on function private.enqueue_forecast_run(date) is
  'Enqueues the forecast run of an IST business day as region × SKU-range chunks (all the region''s active stores); idempotent per day. Returns the chunks added.';

create or replace function private.alert_failed_forecast_jobs(job_ids bigint[]) returns void
language sql volatile
set search_path = ''
as $$
  with raised as (
    insert into public.alerts (type, severity, title, message, details, dedupe_key)
    select 'SYSTEM', 'HIGH', 'Forecast chunk failed: ' || coalesce(j.store_id, 'region ' || j.region_id),
           format('Forecasts for %s, SKUs %s to %s (run %s) failed after %s attempts: %s',
                  coalesce('store ' || j.store_id, 'region ' || j.region_id), j.sku_from, j.sku_to, j.run_date,
                  j.attempts, coalesce(j.error, 'unknown error')),
           jsonb_build_object('jobId', j.id, 'runDate', j.run_date, 'storeId', j.store_id, 'regionId', j.region_id,
                              'skuFrom', j.sku_from, 'skuTo', j.sku_to, 'attempts', j.attempts, 'error', j.error),
           format('FORECAST_JOB:%s:%s', j.run_date, j.id)
      from private.forecast_jobs j where j.id = any (job_ids)
    on conflict (dedupe_key) where dedupe_key is not null do nothing
    returning id
  )
  insert into public.alert_history (alert_id, action, to_status) select id, 'CREATED', 'NEW' from raised
$$;

-- The histories of a region chunk: one sparse series per active store × active SKU in the
-- range, as forecast_chunk_series sends them, plus `storeId`. Ordered by SKU, then store.
create or replace function private.forecast_region_chunk_series(job private.forecast_jobs, history_days integer)
returns jsonb
language sql stable
set search_path = ''
as $$
  with stores as (
    select s.id from public.stores s where s.region_id = job.region_id and s.status = 'ACTIVE'
  ), sales as (
    select d.store_id, d.sku, d.business_date, d.units,
           min(d.business_date) over (partition by d.store_id, d.sku) as first_day
      from public.sales_sku_store_day d
     where d.store_id in (select id from stores) and d.sku between job.sku_from and job.sku_to
       and d.business_date >= job.run_date - history_days and d.business_date < job.run_date
  ), histories as (
    select store_id, sku, first_day,
           jsonb_agg(business_date - first_day order by business_date) as offsets,
           jsonb_agg(units order by business_date) as units
      from sales group by store_id, sku, first_day
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'storeId', st.id,
           'sku', p.sku,
           'startDate', coalesce(h.first_day, job.run_date),
           'days', coalesce(job.run_date - h.first_day, 0),
           'offsets', coalesce(h.offsets, '[]'::jsonb),
           'units', coalesce(h.units, '[]'::jsonb)) order by p.sku, st.id), '[]'::jsonb)
    from public.products p cross join stores st
    left join histories h on h.sku = p.sku and h.store_id = st.id
   where p.status = 'ACTIVE' and p.sku between job.sku_from and job.sku_to
$$;

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
    -- a region chunk names no store: its series carry their own storeId
    'storeId', coalesce(job.store_id, ''),
    'regionId', job.region_id,
    'region', coalesce(job.region_id, (select s.region_id from public.stores s where s.id = job.store_id)),
    'series', case when job.region_id is null then private.forecast_chunk_series(job, cfg.history_days)
                   else private.forecast_region_chunk_series(job, cfg.history_days) end);
end
$$;
comment on function public.claim_forecast_chunk(timestamptz) is
  'forecast-worker: claims the next open forecast chunk (FOR UPDATE SKIP LOCKED) with its series histories, or null. Service role only.';

-- Writes a claimed chunk's forecasts and marks it done, in one transaction. forecasts:
-- store rows [{sku, storeId?, path?, share?, startDate, model, insufficientHistory,
-- historyDays, point, lower80, upper80, lower95, upper95}] (storeId defaults to a store
-- chunk's store; a region chunk's rows must name a store of the region) and, for region
-- chunks, region rows {level: 'region', sku, storeCount, …the same fields}. Upserts, so a
-- re-run replaces the day's rows; a region row never replaces a newer run's. Anything
-- malformed or outside the chunk raises and writes nothing.
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
    raise exception 'forecast for sku % is outside chunk % (skus % to %)',
      outside, job_id, job.sku_from, job.sku_to using errcode = '22023';
  end if;
  select coalesce(e ->> 'storeId', '<missing store>') into outside
    from jsonb_array_elements(forecasts) e
   where coalesce(e ->> 'level', 'store') = 'store'
     and case when job.region_id is null then coalesce(e ->> 'storeId', job.store_id) <> job.store_id
              else not exists (select from public.stores s where s.id = e ->> 'storeId' and s.region_id = job.region_id)
         end
   limit 1;
  if found then
    raise exception 'forecast for store % is outside chunk % (%)', outside, job_id,
      coalesce('store ' || job.store_id, 'region ' || job.region_id) using errcode = '22023';
  end if;
  if job.region_id is null and exists (select from jsonb_array_elements(forecasts) e where e ->> 'level' = 'region') then
    raise exception 'chunk % is a store chunk: it takes no region forecasts', job_id using errcode = '22023';
  end if;

  insert into public.forecasts as f (store_id, sku, run_date, start_date, generated_at, model, insufficient_history,
                                     history_days, point, lower80, upper80, lower95, upper95, forecast_7d, forecast_30d,
                                     path, share)
  select coalesce(r."storeId", job.store_id), r.sku, job.run_date, r."startDate", complete_forecast_chunk.now, r.model,
         r."insufficientHistory", r."historyDays", r.point, r.lower80, r.upper80, r.lower95, r.upper95,
         (select coalesce(sum(x), 0) from unnest(r.point[1:7]) x),
         (select coalesce(sum(x), 0) from unnest(r.point) x),
         coalesce(r.path, 'DIRECT'), r.share
    from jsonb_to_recordset(forecasts) as r (level text, "storeId" text, sku text, "startDate" date, model text,
                                              "insufficientHistory" boolean, "historyDays" integer, point real[],
                                              lower80 real[], upper80 real[], lower95 real[], upper95 real[],
                                              path text, share real)
   where coalesce(r.level, 'store') = 'store'
  on conflict (store_id, sku, run_date) do update
     set start_date = excluded.start_date, generated_at = excluded.generated_at, model = excluded.model,
         insufficient_history = excluded.insufficient_history, history_days = excluded.history_days,
         point = excluded.point, lower80 = excluded.lower80, upper80 = excluded.upper80,
         lower95 = excluded.lower95, upper95 = excluded.upper95,
         forecast_7d = excluded.forecast_7d, forecast_30d = excluded.forecast_30d,
         path = excluded.path, share = excluded.share;
  get diagnostics written = row_count;

  insert into public.region_forecasts as g (region_id, sku, run_date, start_date, generated_at, model,
                                            insufficient_history, history_days, store_count, point, lower80, upper80,
                                            lower95, upper95, forecast_7d, forecast_30d)
  select job.region_id, r.sku, job.run_date, r."startDate", complete_forecast_chunk.now, r.model,
         r."insufficientHistory", r."historyDays", r."storeCount", r.point, r.lower80, r.upper80, r.lower95, r.upper95,
         (select coalesce(sum(x), 0) from unnest(r.point[1:7]) x),
         (select coalesce(sum(x), 0) from unnest(r.point) x)
    from jsonb_to_recordset(forecasts) as r (level text, sku text, "startDate" date, model text,
                                              "insufficientHistory" boolean, "historyDays" integer, "storeCount" integer,
                                              point real[], lower80 real[], upper80 real[], lower95 real[],
                                              upper95 real[])
   where r.level = 'region'
  on conflict (region_id, sku) do update
     set run_date = excluded.run_date, start_date = excluded.start_date, generated_at = excluded.generated_at,
         model = excluded.model, insufficient_history = excluded.insufficient_history,
         history_days = excluded.history_days, store_count = excluded.store_count, point = excluded.point,
         lower80 = excluded.lower80, upper80 = excluded.upper80, lower95 = excluded.lower95,
         upper95 = excluded.upper95, forecast_7d = excluded.forecast_7d, forecast_30d = excluded.forecast_30d
   where g.run_date <= excluded.run_date;

  update private.forecast_jobs j
     set status = 'done', finished_at = complete_forecast_chunk.now, error = null
   where j.id = job.id;
  return written;
end
$$;
comment on function public.complete_forecast_chunk(bigint, integer, jsonb, timestamptz) is
  'forecast-worker: writes a claimed chunk''s SKU×store (and region×SKU) forecasts, idempotent per day, and marks it done. Service role only.';

-- latest_forecasts gains the path and share (new columns go last, as create or replace view requires)
create or replace view public.latest_forecasts with (security_invoker = true) as
  select distinct on (f.store_id, f.sku)
         f.store_id, f.sku, f.run_date, f.start_date, f.generated_at, f.model, f.insufficient_history,
         f.history_days, f.point, f.lower80, f.upper80, f.lower95, f.upper95, f.forecast_7d, f.forecast_30d,
         private.is_forecast_stale(f.generated_at) as is_stale, f.path, f.share
    from public.forecasts f
   order by f.store_id, f.sku, f.run_date desc;

revoke all on function private.forecast_region_chunk_series(private.forecast_jobs, integer) from public;
