-- Platform bootstrap, part 0: what a Supabase database has before any migration runs.
-- Idempotent and skipped where the objects exist, so it is harmless on a real Supabase
-- database and on every restart of the local stack.

-- The three API roles PostgREST switches to per request. NOLOGIN: only reachable through
-- set_config('role', ...) by the gateway's connection. service_role bypasses RLS, as on Supabase.
-- Roles are cluster-wide: a bootstrap of another database may create one concurrently,
-- hence the duplicate handlers.
do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'anon') then
    begin
      create role anon nologin noinherit;
    exception when duplicate_object or unique_violation then null;
    end;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'authenticated') then
    begin
      create role authenticated nologin noinherit;
    exception when duplicate_object or unique_violation then null;
    end;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'service_role') then
    begin
      create role service_role nologin noinherit bypassrls;
    exception when duplicate_object or unique_violation then null;
    end;
  end if;
  -- PostgREST's login role on Supabase; kept for SQL that grants to it. No password:
  -- the local gateway connects as the superuser and switches role like PostgREST.
  if not exists (select from pg_catalog.pg_roles where rolname = 'authenticator') then
    begin
      create role authenticator login noinherit;
    exception when duplicate_object or unique_violation then null;
    end;
  end if;
  if not pg_catalog.pg_has_role('authenticator', 'anon', 'member') then
    grant anon to authenticator;
  end if;
  if not pg_catalog.pg_has_role('authenticator', 'authenticated', 'member') then
    grant authenticated to authenticator;
  end if;
  if not pg_catalog.pg_has_role('authenticator', 'service_role', 'member') then
    grant service_role to authenticator;
  end if;
end
$$;

-- Extensions live in their own schema on Supabase (PostgREST's extra_search_path).
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;

-- Supabase's default privileges: the API roles may use schema public, and objects the
-- migration owner creates there are granted to them; RLS and revokes in migrations narrow it.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema extensions grant all on functions to anon, authenticated, service_role;
