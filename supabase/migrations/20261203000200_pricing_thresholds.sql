-- Per-SKU pricing alert threshold (Property 14 / design Alert Engine): a PRICING alert is
-- raised when our price minus a competitor's exceeds max_difference. SKUs without a row
-- use 5% of our price (private.pricing_threshold).

create table public.pricing_thresholds (
  sku text primary key references public.products (sku) on delete cascade,
  max_difference numeric(12, 2) not null check (max_difference >= 0),
  updated_at timestamptz not null default now()
);

alter table public.pricing_thresholds enable row level security;

create policy "users with a role see pricing thresholds" on public.pricing_thresholds for select to authenticated
  using ((select private.user_role()) is not null);
create policy "admins and analysts set pricing thresholds" on public.pricing_thresholds for insert to authenticated
  with check ((select private.user_role()) in ('ADMIN', 'BUSINESS_ANALYST'));
create policy "admins and analysts change pricing thresholds" on public.pricing_thresholds for update to authenticated
  using ((select private.user_role()) in ('ADMIN', 'BUSINESS_ANALYST'))
  with check ((select private.user_role()) in ('ADMIN', 'BUSINESS_ANALYST'));
create policy "admins and analysts remove pricing thresholds" on public.pricing_thresholds for delete to authenticated
  using ((select private.user_role()) in ('ADMIN', 'BUSINESS_ANALYST'));

grant select, insert, update, delete on public.pricing_thresholds to authenticated;
grant all on public.pricing_thresholds to service_role;

create or replace function private.pricing_threshold(our_price numeric, max_difference numeric) returns numeric
language sql immutable
set search_path = ''
as $$ select coalesce(max_difference, round(our_price * 0.05, 2)) $$;
