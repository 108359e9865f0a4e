-- Bookkeeping for ingestion (issue 6), private to the ingest functions:
-- * ingest_requests: the stored outcome of every accepted request, keyed by device and the
--   SHA-256 of its body, so a retried request returns the original answer and writes
--   nothing (Stripe-style idempotency; brandur.org/idempotency-keys). Pruned after 7 days.
-- * rate_limits / rate_limit_policy: GCRA state, one theoretical arrival time per device
--   (Property 40).
-- * ingest_health: per device (or presented key prefix) and minute, the counts the
--   integration-failure rules read (Property 41).
-- * inventory_counts: every absolute count an ERP/WMS reported, so a replayed count is a
--   no-op and a different quantity for the same count is a conflict.
-- None of these is exposed: no grants to anon or authenticated.

create table private.ingest_requests (
  device_id uuid not null references public.devices (id) on delete cascade,
  request_hash bytea not null check (length(request_hash) = 32),
  status smallint not null,
  body jsonb not null,
  created_at timestamptz not null default now(),
  primary key (device_id, request_hash)
);
create index ingest_requests_created_at_idx on private.ingest_requests (created_at);

-- One row: the limit applies per device. 1,000 requests per minute (T = 60 ms) with a
-- burst of 100, so at most 1,100 requests in any 60 s window (reliability-security §4).
create table private.rate_limit_policy (
  id boolean primary key default true check (id),
  per_minute integer not null check (per_minute > 0),
  burst integer not null check (burst >= 0)
);
insert into private.rate_limit_policy (per_minute, burst) values (1000, 100);

create table private.rate_limits (
  device_id uuid primary key references public.devices (id) on delete cascade,
  tat timestamptz not null
);

create table private.ingest_health (
  minute timestamptz not null,
  -- a device id, or 'key:<prefix>' for keys that matched no active device
  client text not null,
  kind text not null,
  requests integer not null default 0,
  records integer not null default 0,
  invalid integer not null default 0,
  auth_failures integer not null default 0,
  server_errors integer not null default 0,
  primary key (client, kind, minute)
);

create table public.inventory_counts (
  source text not null,
  store_id text not null references public.stores (id),
  sku text not null references public.products (sku),
  counted_at timestamptz not null,
  warehouse_id text,
  quantity numeric(14, 3) not null check (quantity >= 0),
  created_at timestamptz not null default now(),
  primary key (source, store_id, sku, counted_at)
);

alter table private.ingest_requests enable row level security;
alter table private.rate_limit_policy enable row level security;
alter table private.rate_limits enable row level security;
alter table private.ingest_health enable row level security;
alter table public.inventory_counts enable row level security;

create policy "stock staff see counts of their stores" on public.inventory_counts for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));

grant select on public.inventory_counts to authenticated;
grant all on public.inventory_counts to service_role;
