-- Platform bootstrap, part 4: pg_net. Cron jobs call edge functions with
-- net.http_post(...) (supabase-surface.md §6.4); the same SQL must work locally.
--
-- * Where the real extension can be created (available, in shared_preload_libraries, and
--   this is the database its worker serves, pg_net.database_name, default `postgres`),
--   create it and do nothing else.
-- * Elsewhere, a `net` schema with pg_net's signatures and tables. Requests are queued in
--   net.http_request_queue and sent by the local worker (supabase/local/net/) only after
--   commit: it sees committed rows only, and net.wake()'s NOTIFY is delivered on commit.
--   Responses land in net._http_response. Idempotent: every start re-applies it.
--
-- Not in the stand-in: net._http_collect_response and the http_response_result types.
do $bootstrap$
declare
  preload text := replace(replace(pg_catalog.current_setting('shared_preload_libraries'), ' ', ''), '"', '');
begin
  if exists (select from pg_catalog.pg_extension where extname = 'pg_net') then
    return;
  end if;
  if exists (select from pg_catalog.pg_available_extensions where name = 'pg_net')
     and 'pg_net' = any (pg_catalog.string_to_array(preload, ','))
     and pg_catalog.current_database() = coalesce(pg_catalog.current_setting('pg_net.database_name', true), 'postgres')
     and not exists (select from pg_catalog.pg_namespace where nspname = 'net') then
    create extension pg_net;
    return;
  end if;

  create schema if not exists net;
  comment on schema net is 'Local stand-in for pg_net; requests are sent by supabase/local/net (startNetWorker).';

  if not exists (select from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'net' and t.typname = 'http_method') then
    create domain net.http_method as text check (value in ('GET', 'POST', 'DELETE'));
  end if;

  -- Unlogged, as in pg_net: a crash may lose queued requests and responses, never data.
  create unlogged table if not exists net.http_request_queue (
    id bigserial primary key,
    method net.http_method not null,
    url text not null,
    headers jsonb not null,
    body bytea,
    timeout_milliseconds integer not null
  );
  create unlogged table if not exists net._http_response (
    id bigint,
    status_code integer,
    content_type text,
    headers jsonb,
    content text,
    timed_out boolean,
    error_msg text,
    created timestamptz not null default pg_catalog.now()
  );
  create index if not exists _http_response_created_idx on net._http_response (created);
  -- Internal tables, reached only through the functions below and by the worker.
  alter table net.http_request_queue enable row level security;
  alter table net._http_response enable row level security;
  revoke all on net.http_request_queue, net._http_response from public;

  -- RFC 3986 percent-encoding of one query component (UTF-8 bytes).
  create or replace function net._urlencode(value text) returns text
  language sql immutable strict set search_path = '' as $fn$
    select coalesce(pg_catalog.string_agg(
             case when b between 48 and 57 or b between 65 and 90 or b between 97 and 122 or b in (45, 46, 95, 126)
                  then pg_catalog.chr(b)
                  else '%' || pg_catalog.upper(pg_catalog.lpad(pg_catalog.to_hex(b), 2, '0')) end,
             '' order by i), '')
    from (select i, pg_catalog.get_byte(pg_catalog.convert_to($1, 'UTF8'), i) as b
          from pg_catalog.generate_series(0, pg_catalog.octet_length(pg_catalog.convert_to($1, 'UTF8')) - 1) as i) as bytes;
  $fn$;

  create or replace function net._url_with_params(url text, params jsonb) returns text
  language sql immutable set search_path = '' as $fn$
    select case when $2 is null or $2 = '{}'::jsonb then $1
                else $1 || case when pg_catalog.strpos($1, '?') > 0 then '&' else '?' end
                     || (select pg_catalog.string_agg(net._urlencode(key) || '=' || net._urlencode(value), '&' order by key)
                         from pg_catalog.jsonb_each_text($2))
           end;
  $fn$;

  create or replace function net._enqueue(method text, url text, params jsonb, headers jsonb, body bytea, timeout_milliseconds integer)
  returns bigint
  language plpgsql security definer set search_path = '' as $fn$
  declare
    request_id bigint;
  begin
    if $2 is null or $2 = '' then
      raise exception 'url must not be null or empty' using errcode = '22023';
    end if;
    if $3 is not null and pg_catalog.jsonb_typeof($3) <> 'object' then
      raise exception 'params must be a JSON object of query parameters, got %', pg_catalog.jsonb_typeof($3) using errcode = '22023';
    end if;
    if $4 is null or pg_catalog.jsonb_typeof($4) <> 'object' then
      raise exception 'headers must be a JSON object' using errcode = '22023';
    end if;
    if $6 is null or $6 <= 0 then
      raise exception 'timeout_milliseconds must be positive, got %', $6 using errcode = '22023';
    end if;
    insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
    values ($1, net._url_with_params($2, $3), $4, $5, $6)
    returning http_request_queue.id into request_id;
    perform net.wake();
    return request_id;
  end
  $fn$;

  -- Signals the worker. NOTIFY is transactional: a rolled-back request is never sent.
  create or replace function net.wake() returns void
  language sql set search_path = '' as $fn$
    select pg_catalog.pg_notify('net_wake', '');
  $fn$;
  comment on function net.wake() is 'Wakes the request worker (delivered at commit). pg_net API.';

  create or replace function net.http_get(
    url text, params jsonb default '{}'::jsonb, headers jsonb default '{}'::jsonb, timeout_milliseconds integer default 5000
  ) returns bigint
  language sql security definer set search_path = '' as $fn$
    select net._enqueue('GET', $1, $2, $3, null, $4);
  $fn$;
  comment on function net.http_get(text, jsonb, jsonb, integer) is
    'Queues a GET sent after commit; returns the request id (= net._http_response.id). pg_net API.';

  create or replace function net.http_post(
    url text, body jsonb default '{}'::jsonb, params jsonb default '{}'::jsonb,
    headers jsonb default '{"Content-Type": "application/json"}'::jsonb, timeout_milliseconds integer default 5000
  ) returns bigint
  language plpgsql security definer set search_path = '' as $fn$
  declare
    content_type text := (select h.value from pg_catalog.jsonb_each_text(coalesce($4, '{}'::jsonb)) as h
                          where pg_catalog.lower(h.key) = 'content-type' limit 1);
  begin
    -- As pg_net: JSON bodies only; a missing Content-Type is added.
    if content_type is null then
      headers := coalesce($4, '{}'::jsonb) || '{"Content-Type": "application/json"}'::jsonb;
    elsif content_type <> 'application/json' then
      raise exception 'Content-Type header must be "application/json"' using errcode = '22023';
    end if;
    return net._enqueue('POST', $1, $3, headers, pg_catalog.convert_to($2::text, 'UTF8'), $5);
  end
  $fn$;
  comment on function net.http_post(text, jsonb, jsonb, jsonb, integer) is
    'Queues a JSON POST sent after commit; returns the request id (= net._http_response.id). pg_net API.';

  create or replace function net.http_delete(
    url text, params jsonb default '{}'::jsonb, headers jsonb default '{}'::jsonb,
    timeout_milliseconds integer default 5000, body jsonb default null
  ) returns bigint
  language sql security definer set search_path = '' as $fn$
    select net._enqueue('DELETE', $1, $2, $3, pg_catalog.convert_to($5::text, 'UTF8'), $4);
  $fn$;
  comment on function net.http_delete(text, jsonb, jsonb, integer, jsonb) is
    'Queues a DELETE sent after commit; returns the request id. pg_net API.';

  -- Outbound HTTP from SQL is powerful (SSRF): only the server-side roles may use it.
  revoke all on schema net from public;
  revoke all on all functions in schema net from public;
  if exists (select from pg_catalog.pg_roles where rolname = 'service_role') then
    grant usage on schema net to service_role;
    grant execute on function net.http_get(text, jsonb, jsonb, integer), net.http_post(text, jsonb, jsonb, jsonb, integer),
      net.http_delete(text, jsonb, jsonb, integer, jsonb) to service_role;
  end if;
end
$bootstrap$;
