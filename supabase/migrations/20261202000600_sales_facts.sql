-- Sales facts: pseudonymous customers, transactions and their line items.
-- Raw rows live for a bounded retention window, so both fact tables are partitioned by
-- business day (Asia/Kolkata) and old days are dropped whole. A transaction id is unique
-- per source; the business day is part of the key because a replay carries the same
-- timestamp. Facts are written only by ingestion (service role); nobody edits them.
-- No name, phone or email anywhere (Property 34): a customer is a salted hash of the
-- loyalty id.

create table public.customers (
  id uuid primary key default gen_random_uuid(),
  loyalty_hash bytea not null unique check (length(loyalty_hash) = 32),
  home_store_id text not null references public.stores (id),
  first_seen_on date not null,
  created_at timestamptz not null default now()
);
create index customers_home_store_id_idx on public.customers (home_store_id);

create table public.transactions (
  id uuid not null default gen_random_uuid(),
  business_date date not null,
  store_id text not null,
  source text not null,
  external_id text not null,
  occurred_at timestamptz not null,
  customer_id uuid,
  total_amount numeric(14, 2) not null check (total_amount >= 0),
  item_count integer not null check (item_count > 0),
  payment_method text not null check (payment_method in ('CASH', 'UPI', 'CARD', 'WALLET', 'CREDIT')),
  payload_hash bytea,
  created_at timestamptz not null default now(),
  primary key (business_date, id),
  constraint transactions_source_external_id_key unique (source, external_id, business_date)
) partition by range (business_date);
create index transactions_store_id_occurred_at_idx on public.transactions (store_id, occurred_at);
create index transactions_customer_id_idx on public.transactions (customer_id) where customer_id is not null;

create table public.transaction_items (
  business_date date not null,
  transaction_id uuid not null,
  line_no smallint not null check (line_no > 0),
  store_id text not null,
  sku text not null,
  quantity numeric(12, 3) not null check (quantity > 0),
  unit_price numeric(12, 2) not null check (unit_price >= 0),
  discount numeric(12, 2) not null default 0 check (discount >= 0),
  line_total numeric(14, 2) not null check (line_total >= 0),
  primary key (business_date, transaction_id, line_no)
) partition by range (business_date);
create index transaction_items_store_id_sku_idx on public.transaction_items (store_id, sku);

-- Out-of-window days land here instead of failing ingestion; retention empties it.
create table public.transactions_default partition of public.transactions default;
create table public.transaction_items_default partition of public.transaction_items default;
alter table public.transactions_default enable row level security;
alter table public.transaction_items_default enable row level security;

alter table public.customers enable row level security;
alter table public.transactions enable row level security;
alter table public.transaction_items enable row level security;

-- Executives, analysts and supply chain see aggregates only, never raw baskets or customers.
create policy "store staff see customers of their stores" on public.customers for select to authenticated
  using ((select private.user_role()) = 'ADMIN' or home_store_id = any ((select private.scope_store_ids())::text[]));
create policy "store staff see transactions of their stores" on public.transactions for select to authenticated
  using ((select private.user_role()) = 'ADMIN' or store_id = any ((select private.scope_store_ids())::text[]));
create policy "store staff see line items of their stores" on public.transaction_items for select to authenticated
  using ((select private.user_role()) = 'ADMIN' or store_id = any ((select private.scope_store_ids())::text[]));

grant select on public.customers, public.transactions, public.transaction_items to authenticated;
grant all on public.customers, public.transactions, public.transaction_items to service_role;
