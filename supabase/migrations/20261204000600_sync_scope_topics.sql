-- Who may join which live-nudge channel (ARCHITECTURE §6): ingestion broadcasts one
-- message per affected scope topic per batch (scope:store:<id>, scope:region:<id>,
-- scope:chain) on private channels, and Realtime authorises a private join by RLS on
-- realtime.messages. A user may listen to exactly the topics of their current scope (a
-- stale token, i.e. an old scope_version, gets none). Nobody but the backend sends.

create or replace function private.sync_scope_topics() returns text[]
language plpgsql stable security definer
set search_path = ''
as $$
declare
  role_name text := private.user_role();
begin
  if role_name is null then
    return '{}'::text[];
  elsif role_name = 'STORE_MANAGER' then
    return array['scope:store:' || (auth.jwt() ->> 'store_id')];
  elsif role_name = 'REGIONAL_MANAGER' then
    return array['scope:region:' || (auth.jwt() ->> 'region_id')];
  end if;
  return array['scope:chain'];
end
$$;
comment on function private.sync_scope_topics() is
  'Realtime topics the caller may listen to for sync nudges: its store, its region, or the chain.';
revoke all on function private.sync_scope_topics() from public;
grant execute on function private.sync_scope_topics() to authenticated, service_role;

do $$
begin
  if to_regclass('realtime.messages') is not null then
    create policy "users receive sync nudges of their scope" on realtime.messages for select to authenticated
      using (extension = 'broadcast' and (select realtime.topic()) = any ((select private.sync_scope_topics())::text[]));
  end if;
end
$$;
