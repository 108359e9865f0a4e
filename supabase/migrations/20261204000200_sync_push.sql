-- Sync push (ARCHITECTURE §6): one RPC per batch, not one request per row. Each collection
-- that accepts writes registers a push function `(rows jsonb) returns jsonb` taking RxDB's
-- [{newDocumentState, assumedMasterState}] and returning {conflicts: [master docs],
-- rejected: [{id, code, reason}]}. Push functions run as the caller (RLS applies) and
-- handle each row in its own subtransaction, so one refused row is reported and the rest
-- of the batch still lands, and a refused row leaves nothing half-written.

-- Users write replicated rows (thresholds, notes) under their own role, and the stamping
-- trigger (not SECURITY DEFINER) draws _seq from this sequence as the writer.
grant usage on sequence private.sync_seq to authenticated, service_role;

create table private.sync_push_handlers (
  name text primary key references private.sync_collections (name),
  push_fn regprocedure not null
);
alter table private.sync_push_handlers enable row level security;
create policy "signed-in users can read the push registry"
  on private.sync_push_handlers for select to authenticated using (true);
grant select on private.sync_push_handlers to authenticated, service_role;

-- Append-only collections are idempotent by the client-made UUID, which is the event's
-- primary or unique key in its own table (alert_history.client_id, stock_counts.id).

create or replace function public.sync_push(collection text, rows jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  handler regprocedure;
  result jsonb;
begin
  select h.push_fn into handler from private.sync_push_handlers h where h.name = collection;
  if not found then
    raise exception using errcode = 'P0001',
      message = format('sync collection "%s" does not accept writes', collection);
  end if;
  if rows is null or jsonb_typeof(rows) <> 'array' then
    raise exception using errcode = '22023', message = 'rows must be a JSON array of {newDocumentState, assumedMasterState}';
  end if;
  if jsonb_array_length(rows) > 500 then
    raise exception using errcode = '22023', message = 'at most 500 rows per push';
  end if;
  if private.user_role() is null then
    raise exception using errcode = '42501',
      message = 'no valid role in the token (signed out, deactivated, or scope changed: sign in again)';
  end if;
  execute format('select %s($1)', handler::regproc) into result using rows;
  return result;
end
$$;

comment on function public.sync_push(text, jsonb) is
  'Pushes a batch of RxDB rows [{newDocumentState, assumedMasterState}] to a collection as the caller (RLS applies). Returns {conflicts: [master documents], rejected: [{id, code, reason}]}.';
revoke execute on function public.sync_push(text, jsonb) from public, anon;
grant execute on function public.sync_push(text, jsonb) to authenticated, service_role;
