-- Platform bootstrap, part 3: pg_cron. Migrations call cron.schedule(...) unchanged on
-- Supabase, on CI's Debian Postgres 15 and on the embedded Postgres 17.
--
-- * Where the real extension can be created (available, in shared_preload_libraries, and
--   this is the database named by cron.database_name, default `postgres`), create it and
--   do nothing else.
-- * Everywhere else (the embedded Postgres; per-test databases cloned from a template,
--   which can never host the real pg_cron), a `cron` schema with pg_cron's API and tables,
--   whose jobs the local scheduler (supabase/local/cron/) runs. Idempotent: every start
--   re-applies it.
--
-- The scheduler runs only jobs whose `database` is the current database, as pg_cron runs
-- a job in the database it names. So jobs that migrations scheduled in the test template
-- do not fire in its per-test clones (their `database` is the template's): tests stay
-- deterministic, and a test that wants one adopts it with
-- cron.alter_job(jobid, database := current_database()).
--
-- Known differences from the real extension: the functions are SECURITY INVOKER (pg_cron's
-- are C code acting as the extension), so a non-superuser also needs write privileges on
-- cron.job; schedule_in_database only accepts the current database; @reboot is rejected.
do $bootstrap$
declare
  preload text := replace(replace(pg_catalog.current_setting('shared_preload_libraries'), ' ', ''), '"', '');
begin
  if exists (select from pg_catalog.pg_extension where extname = 'pg_cron') then
    return;
  end if;
  if exists (select from pg_catalog.pg_available_extensions where name = 'pg_cron')
     and 'pg_cron' = any (pg_catalog.string_to_array(preload, ','))
     and pg_catalog.current_database() = coalesce(pg_catalog.current_setting('cron.database_name', true), 'postgres')
     and not exists (select from pg_catalog.pg_namespace where nspname = 'cron') then
    create extension pg_cron;
    return;
  end if;

  create schema if not exists cron;
  comment on schema cron is 'Local stand-in for pg_cron; jobs are run by supabase/local/cron (startCronScheduler).';

  create sequence if not exists cron.jobid_seq;
  create table if not exists cron.job (
    jobid bigint primary key default pg_catalog.nextval('cron.jobid_seq'),
    schedule text not null,
    command text not null,
    nodename text not null default 'localhost',
    nodeport integer not null default pg_catalog.inet_server_port(),
    database text not null default pg_catalog.current_database(),
    username text not null default current_user,
    active boolean not null default true,
    jobname text,
    constraint jobname_username_uniq unique (jobname, username)
  );
  alter sequence cron.jobid_seq owned by cron.job.jobid;
  -- As pg_cron: everyone may read, and RLS shows each user only their own jobs.
  alter table cron.job enable row level security;
  drop policy if exists cron_job_policy on cron.job;
  create policy cron_job_policy on cron.job using (username = current_user);
  grant select on cron.job to public;

  create sequence if not exists cron.runid_seq;
  create table if not exists cron.job_run_details (
    jobid bigint,
    runid bigint primary key default pg_catalog.nextval('cron.runid_seq'),
    job_pid integer,
    database text,
    username text,
    command text,
    status text,
    return_message text,
    start_time timestamptz,
    end_time timestamptz
  );
  alter sequence cron.runid_seq owned by cron.job_run_details.runid;
  alter table cron.job_run_details enable row level security;
  drop policy if exists cron_job_run_details_policy on cron.job_run_details;
  create policy cron_job_run_details_policy on cron.job_run_details using (username = current_user);
  grant select, delete on cron.job_run_details to public;

  -- pg_cron's schedule grammar: '[1-59] seconds', an @nickname, or five Vixie cron fields
  -- (names for months and weekdays, `$` = last day of the month). Raises pg_cron's message.
  create or replace function cron._checked_schedule(schedule text) returns text
  language plpgsql immutable strict set search_path = '' as $fn$
  declare
    fields text[] := pg_catalog.regexp_split_to_array(pg_catalog.btrim(lower($1)), '\s+');
    lo constant int[] := array[0, 0, 1, 1, 0];
    hi constant int[] := array[59, 23, 31, 12, 7];
    names constant text[] := array['jan','feb','mar','apr','may','jun','jul','aug','sep','oct','nov','dec'];
    days constant text[] := array['sun','mon','tue','wed','thu','fri','sat'];
    item text;
    token text;
    n int;
  begin
    if $1 ~* '^\s*([1-9]|[1-5][0-9])\s+seconds?\s*$' then return $1; end if;
    if pg_catalog.btrim(lower($1)) in ('@yearly','@annually','@monthly','@weekly','@daily','@midnight','@hourly') then
      return $1;
    end if;
    if pg_catalog.array_length(fields, 1) is distinct from 5 then
      raise exception 'invalid schedule: %', $1 using errcode = '22023',
        hint = 'Use five cron fields (e.g. ''*/5 * * * *''), an @nickname, or ''N seconds'' with N from 1 to 59.';
    end if;
    for i in 1..5 loop
      foreach item in array pg_catalog.string_to_array(fields[i], ',') loop
        if i = 3 and item = '$' then continue; end if;
        if item !~ '^(\*|[0-9a-z]+(-[0-9a-z]+)?)(/[0-9]+)?$' then
          raise exception 'invalid schedule: %', $1 using errcode = '22023';
        end if;
        foreach token in array pg_catalog.regexp_split_to_array(pg_catalog.split_part(item, '/', 1), '-') loop
          continue when token = '*';
          n := case
            when token ~ '^[0-9]+$' then token::int
            when i = 4 then pg_catalog.array_position(names, token)
            when i = 5 then pg_catalog.array_position(days, token) - 1
          end;
          if n is null or n < lo[i] or n > hi[i] then
            raise exception 'invalid schedule: %', $1 using errcode = '22023';
          end if;
        end loop;
      end loop;
    end loop;
    return $1;
  end
  $fn$;

  create or replace function cron.schedule(job_name text, schedule text, command text) returns bigint
  language sql strict set search_path = '' as $fn$
    insert into cron.job (schedule, command, jobname) values (cron._checked_schedule($2), $3, $1)
    on conflict on constraint jobname_username_uniq
    do update set schedule = excluded.schedule, command = excluded.command,
                  database = excluded.database, active = true
    returning jobid;
  $fn$;
  comment on function cron.schedule(text, text, text) is
    'Schedules (or replaces, by name for the current user) a job; returns its jobid. pg_cron API.';

  create or replace function cron.schedule(schedule text, command text) returns bigint
  language sql strict set search_path = '' as $fn$
    insert into cron.job (schedule, command) values (cron._checked_schedule($1), $2) returning jobid;
  $fn$;
  comment on function cron.schedule(text, text) is 'Schedules an unnamed job; returns its jobid. pg_cron API.';

  create or replace function cron.schedule_in_database(
    job_name text, schedule text, command text, database text, username text default null, active boolean default true
  ) returns bigint
  language plpgsql set search_path = '' as $fn$
  declare
    id bigint;
  begin
    if $4 is distinct from pg_catalog.current_database() then
      raise exception 'the local pg_cron stand-in runs jobs only in the current database (%), not %',
        pg_catalog.current_database(), $4 using errcode = '0A000';
    end if;
    insert into cron.job (schedule, command, jobname, username, active)
    values (cron._checked_schedule($2), $3, $1, coalesce($5, current_user), coalesce($6, true))
    on conflict on constraint jobname_username_uniq
    do update set schedule = excluded.schedule, command = excluded.command, active = excluded.active
    returning jobid into id;
    return id;
  end
  $fn$;
  comment on function cron.schedule_in_database(text, text, text, text, text, boolean) is
    'Schedules a job in a database (the stand-in accepts only the current one). pg_cron API.';

  create or replace function cron.unschedule(job_name text) returns boolean
  language plpgsql strict set search_path = '' as $fn$
  begin
    delete from cron.job j where j.jobname = $1 and j.username = current_user;
    if not found then
      raise exception 'could not find valid entry for job ''%''', $1 using errcode = 'P0002';
    end if;
    return true;
  end
  $fn$;
  comment on function cron.unschedule(text) is 'Removes the current user''s job of that name. pg_cron API.';

  create or replace function cron.unschedule(job_id bigint) returns boolean
  language plpgsql strict set search_path = '' as $fn$
  begin
    delete from cron.job j where j.jobid = $1;
    if not found then
      raise exception 'could not find valid entry for job %', $1 using errcode = 'P0002';
    end if;
    return true;
  end
  $fn$;
  comment on function cron.unschedule(bigint) is 'Removes a job by id. pg_cron API.';

  create or replace function cron.alter_job(
    job_id bigint, schedule text default null, command text default null,
    database text default null, username text default null, active boolean default null
  ) returns void
  language plpgsql set search_path = '' as $fn$
  begin
    if $4 is not null and $4 <> pg_catalog.current_database() then
      raise exception 'the local pg_cron stand-in runs jobs only in the current database (%), not %',
        pg_catalog.current_database(), $4 using errcode = '0A000';
    end if;
    update cron.job j
       set schedule = coalesce(cron._checked_schedule($2), j.schedule),
           command = coalesce($3, j.command),
           database = coalesce($4, j.database),
           username = coalesce($5, j.username),
           active = coalesce($6, j.active)
     where j.jobid = $1;
    if not found then
      raise exception 'Job % does not exist or you don''t own it', $1 using errcode = 'P0002';
    end if;
  end
  $fn$;
  comment on function cron.alter_job(bigint, text, text, text, text, boolean) is
    'Changes a job''s schedule, command, user or active flag; null keeps the value. pg_cron API.';

  -- The scheduler LISTENs here and reloads the job list; NOTIFY is delivered on commit,
  -- so it never sees a job that is later rolled back.
  create or replace function cron._notify_job_change() returns trigger
  language plpgsql set search_path = '' as $fn$
  begin
    perform pg_catalog.pg_notify('cron_job_changed', '');
    return null;
  end
  $fn$;
  drop trigger if exists job_changed on cron.job;
  create trigger job_changed after insert or update or delete or truncate on cron.job
    for each statement execute function cron._notify_job_change();

  -- As pg_cron: the schema is not public; grant usage to the roles that may schedule.
  revoke all on schema cron from public;
  revoke all on all functions in schema cron from public;
end
$bootstrap$;
