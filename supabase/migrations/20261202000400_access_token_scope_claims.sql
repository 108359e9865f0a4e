-- Custom access token hook: adds the caller's scope to every issued token as top-level
-- claims user_role, store_id, region_id (a store manager gets the store's region) and
-- scope_version. Policies honour them only while scope_version is current (private.user_role()).
-- Not SECURITY DEFINER, as Supabase recommends: supabase_auth_admin gets explicit grants.

create or replace function public.custom_access_token_hook(event jsonb) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  claims jsonb := coalesce(event -> 'claims', '{}'::jsonb);
  profile record;
begin
  select p.role, p.store_id, coalesce(p.region_id, s.region_id) as region_id, p.scope_version
    into profile
    from public.profiles p
    left join public.stores s on s.id = p.store_id
   where p.user_id = private.try_uuid(event ->> 'user_id') and p.status = 'ACTIVE';

  claims := claims - 'user_role' - 'store_id' - 'region_id' - 'scope_version';
  if found then
    claims := claims || jsonb_build_object(
      'user_role', profile.role,
      'store_id', profile.store_id,
      'region_id', profile.region_id,
      'scope_version', profile.scope_version);
  end if;
  return jsonb_build_object('claims', claims);
end
$$;

comment on function public.custom_access_token_hook(jsonb) is
  'Supabase custom access token hook: adds user_role, store_id, region_id and scope_version claims from public.profiles.';

grant usage on schema public to supabase_auth_admin;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
revoke execute on function public.custom_access_token_hook(jsonb) from authenticated, anon, public;
