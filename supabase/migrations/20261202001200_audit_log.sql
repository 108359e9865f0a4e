-- Append-only audit log (Properties 31, 32, 35): who, when, what, outcome. Nobody —
-- not even the service role or the table owner — updates or truncates it; rows are
-- deleted only after the 7-year retention. Written through private.audit() only.

create table public.audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text,
  action text not null,
  resource text not null,
  resource_id text,
  outcome text not null check (outcome in ('ALLOWED', 'DENIED', 'ERROR')),
  details jsonb not null default '{}'::jsonb
);
create index audit_log_occurred_at_idx on public.audit_log (occurred_at);
create index audit_log_actor_id_occurred_at_idx on public.audit_log (actor_id, occurred_at);

create or replace function private.refuse_audit_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and old.occurred_at < now() - interval '7 years' then
    return old;
  end if;
  raise exception 'audit_log is append-only: % is not allowed', lower(tg_op)
    using errcode = '42501', hint = 'Audit entries are kept for 7 years.';
end
$$;

create trigger audit_log_append_only before update or delete on public.audit_log
  for each row execute function private.refuse_audit_change();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.refuse_change('Audit entries are kept for 7 years.');

alter table public.audit_log enable row level security;

create policy "admins read the audit log" on public.audit_log for select to authenticated
  using ((select private.user_role()) = 'ADMIN');

grant select on public.audit_log to authenticated;
grant select, insert on public.audit_log to service_role;

-- Records one entry as the current caller (from the token), whatever its role.
create or replace function private.audit(action text, resource text, resource_id text, outcome text,
                                         details jsonb default '{}'::jsonb)
returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into public.audit_log (actor_id, actor_role, action, resource, resource_id, outcome, details)
  values (private.try_uuid(auth.jwt() ->> 'sub'),
          coalesce(auth.jwt() ->> 'user_role', auth.jwt() ->> 'role', current_user),
          action, resource, resource_id, outcome, coalesce(details, '{}'::jsonb))
$$;

grant execute on function private.audit(text, text, text, text, jsonb) to authenticated, service_role;
