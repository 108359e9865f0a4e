-- Scope helpers for row-level security. Policies call them wrapped in `(select …)` so
-- each runs once per statement (an initPlan), not once per row.
--
-- The scope comes from the access token (custom access token hook: user_role, store_id,
-- region_id, scope_version). A token is honoured only while its scope_version equals the
-- profile's current one and the profile is ACTIVE: a role or scope change, or a
-- deactivation, bumps the version and so revokes old tokens at once instead of at expiry.
-- plpgsql (not sql) because the tables they read are created by later migrations.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role, supabase_auth_admin;

create or replace function private.try_uuid(value text) returns uuid
language sql immutable
set search_path = ''
as $$
  select case when value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then value::uuid end
$$;

-- The caller's application role, or null when the token carries none, is stale, or
-- belongs to an inactive or unknown user.
create or replace function private.user_role() returns text
language plpgsql stable security definer
set search_path = ''
as $$
declare
  claims jsonb := auth.jwt();
  result text;
begin
  if claims is null or claims ->> 'role' is distinct from 'authenticated' then
    return null;
  end if;
  select p.role into result
    from public.profiles p
   where p.user_id = private.try_uuid(claims ->> 'sub')
     and p.status = 'ACTIVE'
     and p.role = claims ->> 'user_role'
     and p.scope_version::text = claims ->> 'scope_version';
  return result;
end
$$;

-- Stores whose raw rows the caller may see through its store/region scope: the own store
-- for a store manager, the region's stores for a regional manager, none otherwise
-- (chain-wide roles are granted per table, by role, in each policy).
create or replace function private.scope_store_ids() returns text[]
language plpgsql stable security definer
set search_path = ''
as $$
declare
  role_name text := private.user_role();
  claims jsonb := auth.jwt();
begin
  if role_name = 'STORE_MANAGER' then
    return array[claims ->> 'store_id'];
  elsif role_name = 'REGIONAL_MANAGER' then
    return array(select s.id from public.stores s where s.region_id = claims ->> 'region_id');
  end if;
  return '{}'::text[];
end
$$;

-- The region of a store or regional manager (the store's region for a store manager).
create or replace function private.scope_region_id() returns text
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if private.user_role() in ('STORE_MANAGER', 'REGIONAL_MANAGER') then
    return auth.jwt() ->> 'region_id';
  end if;
  return null;
end
$$;

-- Creates the missing range partitions of `parent` covering [from_date, to_date], one per
-- day or month, named <parent>_pYYYYMMDD / <parent>_pYYYYMM. Idempotent.
create or replace function private.ensure_partitions(parent regclass, grain text, from_date date, to_date date)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  step interval;
  start_at date;
  created integer := 0;
  part_name text;
  parent_schema text;
  parent_name text;
begin
  if grain not in ('day', 'month') then
    raise exception 'partition grain must be day or month, got %', grain using errcode = '22023';
  end if;
  select n.nspname, c.relname into parent_schema, parent_name
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where c.oid = parent;
  step := case grain when 'day' then interval '1 day' else interval '1 month' end;
  start_at := date_trunc(grain, from_date)::date;
  while start_at <= to_date loop
    part_name := parent_name || '_p' || to_char(start_at, case grain when 'day' then 'YYYYMMDD' else 'YYYYMM' end);
    if to_regclass(format('%I.%I', parent_schema, part_name)) is null then
      execute format('create table %I.%I partition of %I.%I for values from (%L) to (%L)',
                     parent_schema, part_name, parent_schema, parent_name, start_at, (start_at + step)::date);
      -- Reached directly (not through the parent) a partition has no policies: deny all.
      execute format('alter table %I.%I enable row level security', parent_schema, part_name);
      created := created + 1;
    end if;
    start_at := (start_at + step)::date;
  end loop;
  return created;
end
$$;

revoke all on all functions in schema private from public;
grant execute on function private.try_uuid(text), private.user_role(), private.scope_store_ids(),
  private.scope_region_id() to authenticated, service_role, supabase_auth_admin;
grant execute on function private.ensure_partitions(regclass, text, date, date) to service_role;
