-- The `realtime` schema as Supabase Realtime installs it in a project database, for a
-- bare Postgres. Only what the broadcast path touches: realtime.messages (RLS decides who
-- may join or send on a private channel), realtime.topic() for policies, and
-- realtime.send(). Every statement is idempotent, so a re-run (or a database that already
-- has the schema) changes nothing the app relies on.
--
-- Local-only difference: Supabase delivers rows of realtime.messages to sockets through
-- logical replication; here a trigger NOTIFYs the local realtime service. NOTIFY is
-- transactional, so a send is delivered only after COMMIT and never after ROLLBACK.

create schema if not exists realtime;
grant usage on schema realtime to anon, authenticated, service_role;

-- Same columns as Supabase's (there partitioned by inserted_at; a plain table suffices here).
create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone not null default now(),
  inserted_at timestamp without time zone not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
);
-- No policies by default, as on Supabase: private channels are closed until the project adds some.
alter table realtime.messages enable row level security;
-- The reconnect catch-up of the local service reads recent broadcasts by time.
create index if not exists messages_inserted_at_idx on realtime.messages (inserted_at);
grant select, insert, update, delete on realtime.messages to anon, authenticated, service_role;

-- The topic being authorised or sent to; set by the realtime service (join/send checks)
-- and by realtime.send, read by RLS policies as `(select realtime.topic())`.
create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;
comment on function realtime.topic() is
  'The Realtime channel topic being authorised or broadcast to, for RLS policies on realtime.messages.';
grant execute on function realtime.topic() to anon, authenticated, service_role;

-- Supabase's signature and behaviour: adds `id` to the payload, never fails the caller's
-- transaction (errors become a WARNING), private by default.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  message_id uuid := gen_random_uuid();
begin
  begin
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (
      message_id,
      case when payload ? 'id' then payload else payload || jsonb_build_object('id', message_id) end,
      event, topic, private, 'broadcast'
    );
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;
comment on function realtime.send(jsonb, text, text, boolean) is
  'Broadcasts payload as event on topic to Realtime subscribers once the calling transaction commits.';
grant execute on function realtime.send(jsonb, text, text, boolean) to anon, authenticated, service_role;

-- Wakes the local realtime service. NOTIFY payloads are capped at 8000 bytes, so a large
-- message is announced by id only and the service reads the row.
create or replace function realtime.local_notify_broadcast() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  full_message text;
begin
  if new.extension <> 'broadcast' or new.event is null then
    return null; -- authorisation probes (no event) are never delivered
  end if;
  full_message := json_build_object(
    'id', new.id, 'topic', new.topic, 'event', new.event,
    'private', coalesce(new.private, false), 'payload', new.payload
  )::text;
  if octet_length(full_message) < 7900 then
    perform pg_notify('realtime_local_broadcast', full_message);
  else
    perform pg_notify('realtime_local_broadcast', json_build_object('id', new.id)::text);
  end if;
  return null;
end;
$$;
comment on function realtime.local_notify_broadcast() is
  'Local stack only: announces committed broadcasts to the realtime service (Supabase uses replication).';

create or replace trigger messages_local_notify_broadcast
  after insert on realtime.messages
  for each row execute function realtime.local_notify_broadcast();
