-- The first step of every ingest call, in the ingest transaction: authenticate the API
-- key, check that the key's device may post this record kind, take a GCRA rate-limit
-- decision, and return the stored outcome when the same body was already accepted.

create or replace function private.note_health(client text, kind text, requests integer default 0,
  records integer default 0, invalid integer default 0, auth_failures integer default 0,
  server_errors integer default 0)
returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into private.ingest_health as h
    (minute, client, kind, requests, records, invalid, auth_failures, server_errors)
  values (date_trunc('minute', now()), client, kind, requests, records, invalid, auth_failures, server_errors)
  on conflict (client, kind, minute) do update
    set requests = h.requests + excluded.requests, records = h.records + excluded.records,
        invalid = h.invalid + excluded.invalid, auth_failures = h.auth_failures + excluded.auth_failures,
        server_errors = h.server_errors + excluded.server_errors
$$;

-- Raises one alert unless the same dedupe key exists (callers put the hour in the key:
-- Property 26, one alert per type and scope per hour). Returns whether it was new.
create or replace function private.raise_alert(type text, severity text, store_id text, region_id text,
  sku text, title text, message text, details jsonb, dedupe_key text)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  new_id uuid;
begin
  insert into public.alerts (type, severity, store_id, region_id, sku, title, message, details, dedupe_key)
  values (raise_alert.type, raise_alert.severity, raise_alert.store_id, raise_alert.region_id, raise_alert.sku,
          raise_alert.title, raise_alert.message, raise_alert.details, raise_alert.dedupe_key)
  on conflict (dedupe_key) where dedupe_key is not null do nothing
  returning id into new_id;
  if new_id is null then
    return false;
  end if;
  insert into public.alert_history (alert_id, action, to_status) values (new_id, 'CREATED', 'NEW');
  return true;
end
$$;

create or replace function private.alert_hour() returns text
language sql stable
set search_path = ''
as $$ select to_char(date_trunc('hour', now() at time zone 'UTC'), 'YYYY-MM-DD"T"HH24') $$;

-- Property 41: integration failures alert admins. Over the last 5 minutes for one client:
-- validation-error rate above 5%, 3 or more authentication failures, 3 or more server
-- errors. Alerts without a store or region are visible to admins only (alerts RLS).
create or replace function private.evaluate_integration_health(client text, kind text)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  w record;
  raised boolean := false;
begin
  select coalesce(sum(h.records), 0) as records, coalesce(sum(h.invalid), 0) as invalid,
         coalesce(sum(h.auth_failures), 0) as auth_failures, coalesce(sum(h.server_errors), 0) as server_errors
    into w
    from private.ingest_health h
   where h.client = evaluate_integration_health.client and h.kind = evaluate_integration_health.kind
     and h.minute > now() - interval '5 minutes';
  if w.records > 0 and w.invalid::numeric / w.records > 0.05 then
    raised := private.raise_alert('INTEGRATION', 'HIGH', null, null, null,
      format('Validation errors from %s', client),
      format('%s of %s %s records in the last 5 minutes failed validation (over 5%%)', w.invalid, w.records, lower(kind)),
      jsonb_build_object('client', client, 'kind', kind, 'records', w.records, 'invalid', w.invalid),
      format('INTEGRATION:VALIDATION:%s:%s:%s', client, kind, private.alert_hour())) or raised;
  end if;
  if w.auth_failures >= 3 then
    raised := private.raise_alert('INTEGRATION', 'HIGH', null, null, null,
      format('Repeated authentication failures (%s)', client),
      format('%s requests with an invalid API key in the last 5 minutes', w.auth_failures),
      jsonb_build_object('client', client, 'kind', kind, 'authFailures', w.auth_failures),
      format('INTEGRATION:AUTH:%s:%s:%s', client, kind, private.alert_hour())) or raised;
  end if;
  if w.server_errors >= 3 then
    raised := private.raise_alert('INTEGRATION', 'CRITICAL', null, null, null,
      format('Repeated ingestion server errors (%s)', client),
      format('%s requests failed with a server error in the last 5 minutes', w.server_errors),
      jsonb_build_object('client', client, 'kind', kind, 'serverErrors', w.server_errors),
      format('INTEGRATION:SERVER:%s:%s:%s', client, kind, private.alert_hour())) or raised;
  end if;
  if raised then
    perform realtime.send(jsonb_build_object('table', 'alerts'), 'changed', 'scope:chain', true);
  end if;
end
$$;

-- Returns {"device": {...}} to go on, or {"status", "body", "headers"} to answer now
-- (401, 403, 429, or the stored outcome of an identical earlier request).
create or replace function private.ingest_gate(api_key text, request_hash bytea, kind text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  dev record;
  pol record;
  t interval;
  tau interval;
  n timestamptz := clock_timestamp();
  allowed boolean;
  tat timestamptz;
  stored record;
  wanted text := case kind when 'TRANSACTION' then 'POS' when 'INVENTORY' then 'ERP|WMS' else 'PRICE_FEED' end;
begin
  select d.id, d.kind, d.store_id, d.source, d.last_used_at, s.region_id into dev
    from public.devices d
    left join public.stores s on s.id = d.store_id
   where d.key_hash = private.hash_api_key(coalesce(api_key, '')) and d.status = 'ACTIVE';
  if not found then
    -- Only a short, sanitised prefix of what was presented is kept.
    perform private.note_health('key:' || regexp_replace(left(coalesce(api_key, ''), 8), '[^A-Za-z0-9_]', '', 'g'),
                                kind, requests => 1, auth_failures => 1);
    perform private.evaluate_integration_health(
      'key:' || regexp_replace(left(coalesce(api_key, ''), 8), '[^A-Za-z0-9_]', '', 'g'), kind);
    return jsonb_build_object('status', 401, 'body', jsonb_build_object('status', 'error',
      'code', 'INVALID_API_KEY', 'message', 'the x-api-key header does not match an active API key'));
  end if;
  if dev.kind !~ ('^(' || wanted || ')$') then
    return jsonb_build_object('status', 403, 'body', jsonb_build_object('status', 'error',
      'code', 'KEY_NOT_ALLOWED', 'message', format('a %s key cannot post %s records', dev.kind, lower(kind))));
  end if;

  -- GCRA in one statement (reliability-security §4): ON CONFLICT locks the row and the
  -- WHERE is re-checked against the latest version, so concurrent requests cannot both
  -- pass. A rejected request returns no row.
  select p.per_minute, p.burst into pol from private.rate_limit_policy p;
  t := interval '1 minute' / pol.per_minute;
  tau := t * pol.burst;
  insert into private.rate_limits as r (device_id, tat) values (dev.id, n + t)
  on conflict (device_id) do update set tat = greatest(r.tat, n) + t
   where greatest(r.tat, n) + t - n <= tau
  returning true into allowed;
  if allowed is null then
    select r.tat into tat from private.rate_limits r where r.device_id = dev.id;
    return jsonb_build_object('status', 429,
      'headers', jsonb_build_object('Retry-After',
        greatest(1, ceil(extract(epoch from (tat + t - tau - n))))::int::text),
      'body', jsonb_build_object('status', 'error', 'code', 'RATE_LIMITED',
        'message', format('more than %s requests per minute (burst %s) from this API key; retry later',
                          pol.per_minute, pol.burst)));
  end if;

  select q.status, q.body into stored
    from private.ingest_requests q
   where q.device_id = dev.id and q.request_hash = ingest_gate.request_hash;
  if found then
    return jsonb_build_object('status', stored.status, 'body', stored.body,
                              'headers', jsonb_build_object('Idempotent-Replayed', 'true'));
  end if;

  if dev.last_used_at is null or dev.last_used_at < now() - interval '1 minute' then
    update public.devices set last_used_at = now() where id = dev.id;
  end if;
  return jsonb_build_object('device', jsonb_build_object('id', dev.id, 'kind', dev.kind,
    'storeId', dev.store_id, 'regionId', dev.region_id, 'source', dev.source));
end
$$;

-- The end of every ingest call: store the outcome for replays, dead-letter the rejected
-- records, count them for Property 41, and answer.
create or replace function private.ingest_finish(device jsonb, request_hash bytea, kind text,
  status integer, body jsonb, records integer, rejected jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  insert into public.ingestion_dead_letters (kind, source, device_id, store_id, raw, reason, errors)
  select kind, device ->> 'source', (device ->> 'id')::uuid,
         case when jsonb_typeof(r -> 'raw') = 'object' then left(r -> 'raw' ->> 'storeId', 64) end,
         coalesce(r -> 'raw', 'null'::jsonb),
         coalesce(r ->> 'reason', 'VALIDATION_FAILED'),
         coalesce(r -> 'errors', '[]'::jsonb)
    from jsonb_array_elements(coalesce(rejected, '[]'::jsonb)) r;
  insert into private.ingest_requests (device_id, request_hash, status, body)
  values ((device ->> 'id')::uuid, request_hash, status, body)
  on conflict do nothing;
  perform private.note_health(device ->> 'id', kind, requests => 1, records => records,
                              invalid => jsonb_array_length(coalesce(rejected, '[]'::jsonb)));
  if jsonb_array_length(coalesce(rejected, '[]'::jsonb)) > 0 then
    perform private.evaluate_integration_health(device ->> 'id', kind);
  end if;
  return jsonb_build_object('status', status, 'body', body);
end
$$;

-- Called by an ingest function when its database call failed (5xx), best effort.
create or replace function public.report_ingest_failure(api_key text, kind text)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  client text;
begin
  if kind not in ('TRANSACTION', 'INVENTORY', 'COMPETITOR_PRICE') then
    raise exception 'unknown ingest kind %', kind using errcode = '22023';
  end if;
  select d.id::text into client from public.devices d where d.key_hash = private.hash_api_key(coalesce(api_key, ''));
  client := coalesce(client, 'key:' || regexp_replace(left(coalesce(api_key, ''), 8), '[^A-Za-z0-9_]', '', 'g'));
  perform private.note_health(client, kind, server_errors => 1);
  perform private.evaluate_integration_health(client, kind);
end
$$;
comment on function public.report_ingest_failure(text, text) is
  'Counts one server error of an ingest function for its API client and alerts admins when they repeat (Property 41). Service role only.';
revoke execute on function public.report_ingest_failure(text, text) from public, anon, authenticated;
grant execute on function public.report_ingest_failure(text, text) to service_role;
