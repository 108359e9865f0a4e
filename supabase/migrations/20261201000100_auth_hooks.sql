-- The two auth hooks named in supabase/config.toml, called by GoTrue (and by the local
-- stand-in in supabase/local/auth/) as the role supabase_auth_admin.

create schema if not exists private;
grant usage on schema private to supabase_auth_admin;

-- Design Property 37: consecutive failed password attempts per user, and the lock they
-- cause. One row per user; the row lock taken by the upsert below serialises
-- concurrent attempts, so 50 simultaneous wrong passwords count at most 5 before the lock.
create table private.password_attempts (
  user_id uuid primary key references auth.users (id) on delete cascade,
  failed_attempts integer not null default 0 check (failed_attempts >= 0),
  locked_until timestamptz,
  last_failed_at timestamptz,
  updated_at timestamptz not null default now()
);
alter table private.password_attempts enable row level security;
comment on table private.password_attempts is
  'Failed password attempts and lockouts (design Property 37); written only by the password verification attempt hook.';

create policy "Auth admin records password attempts"
  on private.password_attempts for all to supabase_auth_admin
  using (true) with check (true);

revoke all on private.password_attempts from public, anon, authenticated;
grant select, insert, update, delete on private.password_attempts to supabase_auth_admin;

-- Same rule as shared/auth/lockout-policy.ts (LOCKOUT_POLICY: 5 failures, 30 minutes).
-- Not SECURITY DEFINER: Supabase runs hooks as supabase_auth_admin, which the grants above serve.
create or replace function public.password_verification_attempt_hook(event jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  max_failures constant integer := 5;
  lock_for constant interval := interval '30 minutes';
  v_user uuid := (event ->> 'user_id')::uuid;
  v_valid boolean := coalesce((event ->> 'valid')::boolean, false);
  v_now timestamptz := now();
  v_row private.password_attempts;
  v_minutes integer;
begin
  if v_user is null then
    return jsonb_build_object('error', jsonb_build_object('http_code', 400, 'message', 'user_id is required'));
  end if;

  if v_valid then
    select * into v_row from private.password_attempts where user_id = v_user for update;
    if not found or v_row.locked_until is null or v_row.locked_until <= v_now then
      -- A success outside a lock ends the run of failures.
      delete from private.password_attempts where user_id = v_user;
      return jsonb_build_object('decision', 'continue');
    end if;
  else
    -- Every right-hand side reads the row as it was before this attempt, under its lock.
    insert into private.password_attempts as a (user_id, failed_attempts, locked_until, last_failed_at, updated_at)
    values (v_user, 1, case when 1 >= max_failures then v_now + lock_for end, v_now, v_now)
    on conflict (user_id) do update set
      failed_attempts = case
        when a.locked_until > v_now then a.failed_attempts      -- locked: not counted
        when a.locked_until is not null then 1                  -- lock over: a fresh run
        else a.failed_attempts + 1 end,
      locked_until = case
        when a.locked_until > v_now then a.locked_until
        when (case when a.locked_until is not null then 1 else a.failed_attempts + 1 end) >= max_failures
          then v_now + lock_for
        end,
      last_failed_at = case when a.locked_until > v_now then a.last_failed_at else v_now end,
      updated_at = v_now
    returning * into v_row;
    if v_row.locked_until is null or v_row.locked_until <= v_now then
      return jsonb_build_object('decision', 'continue');
    end if;
  end if;

  v_minutes := greatest(1, ceil(extract(epoch from (v_row.locked_until - v_now)) / 60)::integer);
  return jsonb_build_object(
    'decision', 'reject',
    'message', format('Account locked after too many failed sign-in attempts. Try again in %s minute%s.',
                      v_minutes, case when v_minutes = 1 then '' else 's' end),
    'should_logout_user', false
  );
end;
$$;

comment on function public.password_verification_attempt_hook(jsonb) is
  'GoTrue password verification attempt hook: 5 consecutive failures lock the account for 30 minutes (design Property 37). Returns {decision, message, should_logout_user}.';

-- Returns the claims unchanged for now; the domain schema replaces it to add role and scope claims.
create or replace function public.custom_access_token_hook(event jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return jsonb_build_object('claims', event -> 'claims');
end;
$$;

comment on function public.custom_access_token_hook(jsonb) is
  'GoTrue custom access token hook: returns {claims} for the token being issued.';

grant usage on schema public to supabase_auth_admin;
revoke execute on function public.password_verification_attempt_hook(jsonb) from public, anon, authenticated;
revoke execute on function public.custom_access_token_hook(jsonb) from public, anon, authenticated;
grant execute on function public.password_verification_attempt_hook(jsonb) to supabase_auth_admin;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
