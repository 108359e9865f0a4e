-- Competitor price observations, full history (Property 15): one row per observation,
-- never updated. Prices are observed per region; staleness is derived from observed_at.

create table public.competitor_prices (
  competitor_id text not null references public.competitors (id),
  sku text not null references public.products (sku),
  region_id text not null references public.regions (id),
  observed_at timestamptz not null,
  price numeric(12, 2) not null check (price > 0),
  source text not null,
  created_at timestamptz not null default now(),
  primary key (competitor_id, sku, region_id, observed_at)
);
create index competitor_prices_region_id_sku_observed_at_idx
  on public.competitor_prices (region_id, sku, observed_at desc);

create trigger competitor_prices_append_only before update or delete on public.competitor_prices
  for each row execute function private.refuse_change('Record a new observation instead.');

alter table public.competitor_prices enable row level security;

create policy "pricing users see competitor prices of their region" on public.competitor_prices
  for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER')
         or region_id = (select private.scope_region_id()));

grant select on public.competitor_prices to authenticated;
grant all on public.competitor_prices to service_role;
