-- Rollups read by dashboards, sync and forecasting instead of raw items. Ingestion keeps
-- them equal to the facts in the same transaction (Property 1); the SKU×store×day series
-- outlives raw retention (years of forecasting input) and is partitioned by month.
-- Who sees what: store and regional managers their scope; executives and analysts
-- aggregates chain-wide but never the SKU×store grain for executives; supply chain the
-- SKU×store×day and category grains (forecast input), not hourly till activity.

create table public.sales_store_hour (
  store_id text not null references public.stores (id),
  hour_start timestamptz not null,
  revenue numeric(16, 2) not null,
  units numeric(16, 3) not null,
  transaction_count integer not null,
  primary key (store_id, hour_start)
);

create table public.sales_store_day_category (
  store_id text not null references public.stores (id),
  business_date date not null,
  category text not null,
  revenue numeric(16, 2) not null,
  units numeric(16, 3) not null,
  -- transactions with at least one line in the category
  transaction_count integer not null,
  primary key (store_id, business_date, category)
);
create index sales_store_day_category_business_date_idx on public.sales_store_day_category (business_date);

create table public.sales_region_day_category (
  region_id text not null references public.regions (id),
  business_date date not null,
  category text not null,
  revenue numeric(18, 2) not null,
  units numeric(18, 3) not null,
  transaction_count integer not null,
  primary key (region_id, business_date, category)
);

create table public.sales_sku_store_day (
  store_id text not null,
  sku text not null,
  business_date date not null,
  units numeric(14, 3) not null,
  revenue numeric(16, 2) not null,
  transaction_count integer not null,
  primary key (store_id, sku, business_date)
) partition by range (business_date);
create table public.sales_sku_store_day_default partition of public.sales_sku_store_day default;
alter table public.sales_sku_store_day_default enable row level security;

alter table public.sales_store_hour enable row level security;
alter table public.sales_store_day_category enable row level security;
alter table public.sales_region_day_category enable row level security;
alter table public.sales_sku_store_day enable row level security;

create policy "dashboard users see hourly sales of their stores" on public.sales_store_hour for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST')
         or store_id = any ((select private.scope_store_ids())::text[]));
create policy "dashboard users see daily category sales of their stores" on public.sales_store_day_category
  for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));
create policy "dashboard users see daily category sales of their region" on public.sales_region_day_category
  for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER')
         or region_id = (select private.scope_region_id()));
create policy "planners see daily SKU sales of their stores" on public.sales_sku_store_day for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));

grant select on public.sales_store_hour, public.sales_store_day_category,
  public.sales_region_day_category, public.sales_sku_store_day to authenticated;
grant all on public.sales_store_hour, public.sales_store_day_category,
  public.sales_region_day_category, public.sales_sku_store_day to service_role;
