-- People: one profile per auth user with role, scope and notification preferences.
-- scope_version is bumped on every role, scope or status change (Property 28; the sync
-- client wipes and resyncs when the token's version changes, and old tokens stop working).

create table public.profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  first_name text not null default '',
  last_name text not null default '',
  role text not null check (role in ('ADMIN', 'REGIONAL_MANAGER', 'STORE_MANAGER',
                                     'SUPPLY_CHAIN_USER', 'BUSINESS_ANALYST', 'EXECUTIVE')),
  store_id text references public.stores (id),
  region_id text references public.regions (id),
  notification_preferences jsonb not null
    default '{"channels": ["email"], "alertTypes": [], "dailySummary": true}'::jsonb,
  status text not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE')),
  scope_version bigint not null default 1,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A store manager has exactly a store, a regional manager exactly a region, others neither.
  constraint profiles_scope_matches_role_check check (
    case role
      when 'STORE_MANAGER' then store_id is not null and region_id is null
      when 'REGIONAL_MANAGER' then region_id is not null and store_id is null
      else store_id is null and region_id is null
    end)
);
create index profiles_store_id_idx on public.profiles (store_id);
create index profiles_region_id_idx on public.profiles (region_id);

create or replace function private.bump_scope_version() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.role, new.store_id, new.region_id, new.status)
     is distinct from (old.role, old.store_id, old.region_id, old.status) then
    new.scope_version := old.scope_version + 1;
  else
    new.scope_version := old.scope_version;
  end if;
  new.updated_at := now();
  return new;
end
$$;

create trigger profiles_bump_scope_version before update on public.profiles
  for each row execute function private.bump_scope_version();

alter table public.profiles enable row level security;

create policy "users see their own profile and admins see all" on public.profiles for select to authenticated
  using (user_id = (select auth.uid()) and (select private.user_role()) is not null
         or (select private.user_role()) = 'ADMIN');
create policy "admins insert profiles" on public.profiles for insert to authenticated
  with check ((select private.user_role()) = 'ADMIN');
create policy "admins update profiles" on public.profiles for update to authenticated
  using ((select private.user_role()) = 'ADMIN') with check ((select private.user_role()) = 'ADMIN');
create policy "admins delete profiles" on public.profiles for delete to authenticated
  using ((select private.user_role()) = 'ADMIN');
-- The custom access token hook runs as supabase_auth_admin and reads the scope.
create policy "the auth server reads profiles for token claims" on public.profiles for select
  to supabase_auth_admin using (true);
create policy "the auth server reads stores for token claims" on public.stores for select
  to supabase_auth_admin using (true);

grant select, insert, update, delete on public.profiles to authenticated;
grant all on public.profiles to service_role;
grant select on public.profiles, public.stores to supabase_auth_admin;
