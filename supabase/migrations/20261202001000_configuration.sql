-- Configuration: reorder/overstock thresholds per SKU×store (edited by whoever runs the
-- store's stock) and alert configurations owned by each user (Property 7).

create table public.inventory_thresholds (
  store_id text not null references public.stores (id),
  sku text not null references public.products (sku),
  reorder_threshold numeric(12, 3) not null check (reorder_threshold >= 0),
  overstock_threshold numeric(12, 3) not null,
  updated_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (store_id, sku),
  constraint inventory_thresholds_order_check check (overstock_threshold > reorder_threshold)
);

create table public.alert_configurations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  alert_type text not null check (alert_type in ('LOW_STOCK', 'OVERSTOCK', 'PRICING', 'SALES', 'FORECAST_ACCURACY')),
  thresholds jsonb not null default '{}'::jsonb check (jsonb_typeof(thresholds) = 'object'),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, alert_type)
);

alter table public.inventory_thresholds enable row level security;
alter table public.alert_configurations enable row level security;

create policy "stock staff see thresholds of their stores" on public.inventory_thresholds for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));
create policy "stock staff add thresholds for their stores" on public.inventory_thresholds for insert to authenticated
  with check ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
              or store_id = any ((select private.scope_store_ids())::text[]));
create policy "stock staff change thresholds of their stores" on public.inventory_thresholds for update to authenticated
  using ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]))
  with check ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
              or store_id = any ((select private.scope_store_ids())::text[]));
create policy "stock staff remove thresholds of their stores" on public.inventory_thresholds for delete to authenticated
  using ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));

create policy "users see their alert configurations" on public.alert_configurations for select to authenticated
  using ((select private.user_role()) = 'ADMIN'
         or user_id = (select auth.uid()) and (select private.user_role()) is not null);
create policy "users add their alert configurations" on public.alert_configurations for insert to authenticated
  with check ((select private.user_role()) = 'ADMIN'
              or user_id = (select auth.uid()) and (select private.user_role()) is not null);
create policy "users change their alert configurations" on public.alert_configurations for update to authenticated
  using ((select private.user_role()) = 'ADMIN'
         or user_id = (select auth.uid()) and (select private.user_role()) is not null)
  with check ((select private.user_role()) = 'ADMIN'
              or user_id = (select auth.uid()) and (select private.user_role()) is not null);
create policy "users remove their alert configurations" on public.alert_configurations for delete to authenticated
  using ((select private.user_role()) = 'ADMIN'
         or user_id = (select auth.uid()) and (select private.user_role()) is not null);

grant select, insert, update, delete on public.inventory_thresholds, public.alert_configurations to authenticated;
grant all on public.inventory_thresholds, public.alert_configurations to service_role;
