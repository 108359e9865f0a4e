-- Alerts and their history (Properties 24, 25). Alerts are raised by the system
-- (service role); users in scope acknowledge or resolve them, each step recorded in
-- alert_history with an optional note. Store-level alerts also carry their store's region
-- so regional views need no join. Supply chain sees stock alerts chain-wide; integration,
-- backup and system alerts without a store or region are for admins.

create table public.alerts (
  id uuid primary key default gen_random_uuid(),
  type text not null check (type in ('LOW_STOCK', 'OVERSTOCK', 'PRICING', 'SALES', 'FORECAST_ACCURACY',
                                     'INTEGRATION', 'BACKUP', 'SYSTEM')),
  severity text not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  store_id text references public.stores (id),
  region_id text references public.regions (id),
  sku text references public.products (sku),
  title text not null,
  message text not null,
  details jsonb not null default '{}'::jsonb,
  status text not null default 'NEW' check (status in ('NEW', 'ACKNOWLEDGED', 'RESOLVED')),
  -- One open alert per type and scope per hour (Property 26) is decided on this key.
  dedupe_key text,
  created_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  resolved_at timestamptz,
  resolved_by uuid,
  constraint alerts_store_has_region_check check (store_id is null or region_id is not null)
);
create index alerts_store_id_created_at_idx on public.alerts (store_id, created_at desc);
create index alerts_region_id_created_at_idx on public.alerts (region_id, created_at desc);
create unique index alerts_dedupe_key_idx on public.alerts (dedupe_key) where dedupe_key is not null;

create table public.alert_history (
  id uuid primary key default gen_random_uuid(),
  alert_id uuid not null references public.alerts (id) on delete cascade,
  action text not null check (action in ('CREATED', 'ACKNOWLEDGED', 'RESOLVED', 'REOPENED', 'NOTE')),
  from_status text,
  to_status text,
  note text check (length(note) <= 2000),
  actor_id uuid,
  client_id uuid unique,
  occurred_at timestamptz not null default now()
);
create index alert_history_alert_id_idx on public.alert_history (alert_id, occurred_at);

create trigger alert_history_append_only before update or delete on public.alert_history
  for each row when (pg_trigger_depth() = 0)
  execute function private.refuse_change('Add a NOTE entry instead.');

alter table public.alerts enable row level security;
alter table public.alert_history enable row level security;

create policy "users see alerts of their scope" on public.alerts for select to authenticated
  using ((select private.user_role()) = 'ADMIN'
         or store_id = any ((select private.scope_store_ids())::text[])
         or (select private.user_role()) = 'REGIONAL_MANAGER' and region_id = (select private.scope_region_id())
         or (select private.user_role()) = 'SUPPLY_CHAIN_USER' and type in ('LOW_STOCK', 'OVERSTOCK'));
create policy "users acknowledge alerts of their scope" on public.alerts for update to authenticated
  using ((select private.user_role()) = 'ADMIN'
         or store_id = any ((select private.scope_store_ids())::text[])
         or (select private.user_role()) = 'REGIONAL_MANAGER' and region_id = (select private.scope_region_id())
         or (select private.user_role()) = 'SUPPLY_CHAIN_USER' and type in ('LOW_STOCK', 'OVERSTOCK'))
  with check ((select private.user_role()) = 'ADMIN'
         or store_id = any ((select private.scope_store_ids())::text[])
         or (select private.user_role()) = 'REGIONAL_MANAGER' and region_id = (select private.scope_region_id())
         or (select private.user_role()) = 'SUPPLY_CHAIN_USER' and type in ('LOW_STOCK', 'OVERSTOCK'));
-- The parent alert's own policy decides (the subquery runs under the caller's RLS).
create policy "users see history of alerts they see" on public.alert_history for select to authenticated
  using (exists (select 1 from public.alerts a where a.id = alert_id));
create policy "users add history to alerts they see" on public.alert_history for insert to authenticated
  with check (actor_id = (select auth.uid()) and exists (select 1 from public.alerts a where a.id = alert_id));

grant select on public.alerts to authenticated;
grant update (status, acknowledged_at, acknowledged_by, resolved_at, resolved_by) on public.alerts to authenticated;
grant select, insert on public.alert_history to authenticated;
grant all on public.alerts, public.alert_history to service_role;
