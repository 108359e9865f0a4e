-- Admin RPCs for device API keys (issue 6): issue, rotate, revoke. A key is shown once, in
-- the answer to issue/rotate; only its SHA-256 and a short prefix are stored (devices).
-- Refusals are logged and answered with 403 (private.deny); every change is audited.
-- Rotation replaces the key at once (the old key stops working on commit).

create or replace function private.new_api_key() returns text
language sql volatile
set search_path = ''
as $$ select 'brmi_' || encode(extensions.gen_random_bytes(24), 'hex') $$;

create or replace function public.issue_api_key(name text, kind text, source text, store_id text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  key text := private.new_api_key();
  new_id uuid;
begin
  if private.user_role() is distinct from 'ADMIN' then
    return private.deny('api_key.issue', 'devices', null, 'only admins may issue API keys');
  end if;
  if coalesce(btrim(name), '') = '' then
    raise exception 'name must not be empty' using errcode = '22023';
  end if;
  if kind is null or kind not in ('POS', 'ERP', 'WMS', 'PRICE_FEED') then
    raise exception 'kind must be one of POS, ERP, WMS, PRICE_FEED' using errcode = '22023';
  end if;
  if source is null or source !~ '^[a-z0-9_.:-]{1,64}$' then
    raise exception 'source must be 1-64 characters of a-z 0-9 _ . : -' using errcode = '22023';
  end if;
  if kind = 'POS' and store_id is null then
    raise exception 'a POS key must be bound to a store' using errcode = '22023';
  end if;
  if store_id is not null and not exists (select 1 from public.stores s where s.id = issue_api_key.store_id) then
    raise exception 'store % does not exist', store_id using errcode = '22023';
  end if;
  insert into public.devices (name, kind, store_id, source, key_prefix, key_hash)
  values (btrim(name), kind, store_id, source, left(key, 13), private.hash_api_key(key))
  returning id into new_id;
  perform private.audit('api_key.issue', 'devices', new_id::text, 'ALLOWED',
                        jsonb_build_object('kind', kind, 'source', source, 'storeId', store_id));
  return jsonb_build_object('deviceId', new_id, 'apiKey', key, 'keyPrefix', left(key, 13));
end
$$;

create or replace function public.rotate_api_key(device_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  key text := private.new_api_key();
begin
  if private.user_role() is distinct from 'ADMIN' then
    return private.deny('api_key.rotate', 'devices', device_id::text, 'only admins may rotate API keys');
  end if;
  update public.devices d set key_prefix = left(key, 13), key_hash = private.hash_api_key(key), rotated_at = now()
   where d.id = rotate_api_key.device_id and d.status = 'ACTIVE';
  if not found then
    raise exception 'no active device %', device_id using errcode = '22023';
  end if;
  perform private.audit('api_key.rotate', 'devices', device_id::text, 'ALLOWED');
  return jsonb_build_object('deviceId', device_id, 'apiKey', key, 'keyPrefix', left(key, 13));
end
$$;

create or replace function public.revoke_api_key(device_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if private.user_role() is distinct from 'ADMIN' then
    return private.deny('api_key.revoke', 'devices', device_id::text, 'only admins may revoke API keys');
  end if;
  update public.devices d set status = 'REVOKED', revoked_at = now()
   where d.id = revoke_api_key.device_id and d.status = 'ACTIVE';
  if not found then
    raise exception 'no active device %', device_id using errcode = '22023';
  end if;
  perform private.audit('api_key.revoke', 'devices', device_id::text, 'ALLOWED');
  return jsonb_build_object('deviceId', device_id, 'status', 'REVOKED');
end
$$;

comment on function public.issue_api_key(text, text, text, text) is
  'Admin only: registers a POS/ERP/WMS/price-feed device and returns its new API key (shown once).';
comment on function public.rotate_api_key(uuid) is
  'Admin only: replaces an active device''s API key; the old key stops working. Returns the new key (shown once).';
comment on function public.revoke_api_key(uuid) is
  'Admin only: revokes a device''s API key; its requests get 401 from then on.';

revoke execute on function public.issue_api_key(text, text, text, text), public.rotate_api_key(uuid),
  public.revoke_api_key(uuid) from public, anon;
grant execute on function public.issue_api_key(text, text, text, text), public.rotate_api_key(uuid),
  public.revoke_api_key(uuid) to authenticated, service_role;
revoke all on function private.new_api_key(), private.note_health(text, text, integer, integer, integer, integer, integer),
  private.raise_alert(text, text, text, text, text, text, text, jsonb, text), private.alert_hour(),
  private.evaluate_integration_health(text, text), private.ingest_gate(text, bytea, text),
  private.ingest_finish(jsonb, bytea, text, integer, jsonb, integer, jsonb),
  private.evaluate_stock_alerts(text[], text[]), private.evaluate_pricing_alerts(jsonb),
  private.nudge_scopes(text[], text[], text[]), private.merge_rejections(jsonb, jsonb, jsonb),
  private.ingest_body(integer, integer, jsonb, jsonb), private.reject_transactions_by_rules(jsonb),
  private.reject_transactions_by_stock(), private.apply_transactions(text), private.apply_sales_rollups(),
  private.pricing_threshold(numeric, numeric)
  from public;
