-- POS terminals and ERP/WMS/price feeds. The API key itself is never stored: only its
-- SHA-256 (keys are long random strings, so a fast hash is enough) and a short prefix
-- to tell keys apart in the admin screen. A POS device is bound to one store.

create table public.devices (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  kind text not null check (kind in ('POS', 'ERP', 'WMS', 'PRICE_FEED')),
  store_id text references public.stores (id),
  source text not null check (source ~ '^[a-z0-9_.:-]{1,64}$'),
  key_prefix text not null check (length(key_prefix) between 4 and 16),
  key_hash bytea not null unique check (length(key_hash) = 32),
  status text not null default 'ACTIVE' check (status in ('ACTIVE', 'REVOKED')),
  created_at timestamptz not null default now(),
  rotated_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  constraint devices_pos_has_store_check check (kind <> 'POS' or store_id is not null)
);
create index devices_store_id_idx on public.devices (store_id);

create or replace function private.hash_api_key(api_key text) returns bytea
language sql immutable
set search_path = ''
as $$ select extensions.digest(convert_to(api_key, 'UTF8'), 'sha256') $$;

alter table public.devices enable row level security;

create policy "admins see devices" on public.devices for select to authenticated
  using ((select private.user_role()) = 'ADMIN');
create policy "admins insert devices" on public.devices for insert to authenticated
  with check ((select private.user_role()) = 'ADMIN');
create policy "admins update devices" on public.devices for update to authenticated
  using ((select private.user_role()) = 'ADMIN') with check ((select private.user_role()) = 'ADMIN');
create policy "admins delete devices" on public.devices for delete to authenticated
  using ((select private.user_role()) = 'ADMIN');

grant select, insert, update, delete on public.devices to authenticated;
grant all on public.devices to service_role;
grant execute on function private.hash_api_key(text) to service_role;
