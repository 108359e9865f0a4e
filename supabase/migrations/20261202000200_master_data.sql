-- Master data: regions, stores, products, warehouses, competitors.
-- Everyone with a valid scope reads the catalogue; stores and regions are limited to the
-- caller's scope for store and regional managers; only admins write.

create table public.regions (
  id text primary key check (id ~ '^[A-Z0-9_-]{1,32}$'),
  name text not null unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.stores (
  id text primary key check (id ~ '^[A-Z0-9_-]{1,32}$'),
  name text not null,
  region_id text not null references public.regions (id),
  tier text not null check (tier in ('TIER_1', 'TIER_2', 'RURAL')),
  status text not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE')),
  city text not null,
  state text not null,
  -- Some stores sell from stock not yet received (counts lag); only they may go negative.
  allow_negative_stock boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index stores_region_id_idx on public.stores (region_id);

create table public.products (
  sku text primary key check (sku ~ '^[A-Z0-9_-]{1,40}$'),
  name text not null,
  category text not null,
  subcategory text not null,
  brand text not null,
  unit_price numeric(12, 2) not null check (unit_price >= 0),
  cost_price numeric(12, 2) not null check (cost_price >= 0),
  status text not null default 'ACTIVE' check (status in ('ACTIVE', 'DISCONTINUED')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index products_category_idx on public.products (category);

create table public.warehouses (
  id text primary key check (id ~ '^[A-Z0-9_-]{1,32}$'),
  name text not null,
  region_id text not null references public.regions (id),
  created_at timestamptz not null default now()
);
create index warehouses_region_id_idx on public.warehouses (region_id);

create table public.competitors (
  id text primary key check (id ~ '^[A-Z0-9_-]{1,32}$'),
  name text not null unique,
  created_at timestamptz not null default now()
);

alter table public.regions enable row level security;
alter table public.stores enable row level security;
alter table public.products enable row level security;
alter table public.warehouses enable row level security;
alter table public.competitors enable row level security;

create policy "scoped users see their regions" on public.regions for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER')
         or id = (select private.scope_region_id()));
create policy "scoped users see their stores" on public.stores for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER')
         or id = any ((select private.scope_store_ids())::text[]));
create policy "users with a role see products" on public.products for select to authenticated
  using ((select private.user_role()) is not null);
create policy "users with a role see warehouses" on public.warehouses for select to authenticated
  using ((select private.user_role()) is not null);
create policy "users with a role see competitors" on public.competitors for select to authenticated
  using ((select private.user_role()) is not null);

create policy "admins insert regions" on public.regions for insert to authenticated
  with check ((select private.user_role()) = 'ADMIN');
create policy "admins update regions" on public.regions for update to authenticated
  using ((select private.user_role()) = 'ADMIN') with check ((select private.user_role()) = 'ADMIN');
create policy "admins delete regions" on public.regions for delete to authenticated
  using ((select private.user_role()) = 'ADMIN');
create policy "admins insert stores" on public.stores for insert to authenticated
  with check ((select private.user_role()) = 'ADMIN');
create policy "admins update stores" on public.stores for update to authenticated
  using ((select private.user_role()) = 'ADMIN') with check ((select private.user_role()) = 'ADMIN');
create policy "admins delete stores" on public.stores for delete to authenticated
  using ((select private.user_role()) = 'ADMIN');
create policy "admins insert products" on public.products for insert to authenticated
  with check ((select private.user_role()) = 'ADMIN');
create policy "admins update products" on public.products for update to authenticated
  using ((select private.user_role()) = 'ADMIN') with check ((select private.user_role()) = 'ADMIN');
create policy "admins delete products" on public.products for delete to authenticated
  using ((select private.user_role()) = 'ADMIN');
create policy "admins insert warehouses" on public.warehouses for insert to authenticated
  with check ((select private.user_role()) = 'ADMIN');
create policy "admins update warehouses" on public.warehouses for update to authenticated
  using ((select private.user_role()) = 'ADMIN') with check ((select private.user_role()) = 'ADMIN');
create policy "admins delete warehouses" on public.warehouses for delete to authenticated
  using ((select private.user_role()) = 'ADMIN');
create policy "admins insert competitors" on public.competitors for insert to authenticated
  with check ((select private.user_role()) = 'ADMIN');
create policy "admins update competitors" on public.competitors for update to authenticated
  using ((select private.user_role()) = 'ADMIN') with check ((select private.user_role()) = 'ADMIN');
create policy "admins delete competitors" on public.competitors for delete to authenticated
  using ((select private.user_role()) = 'ADMIN');

grant select, insert, update, delete on public.regions, public.stores, public.products,
  public.warehouses, public.competitors to authenticated;
grant all on public.regions, public.stores, public.products, public.warehouses,
  public.competitors to service_role;
