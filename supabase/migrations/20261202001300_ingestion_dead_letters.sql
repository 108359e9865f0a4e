-- Records that failed ingestion validation, with the raw record and the reasons, for
-- admins to inspect and replay (issue 6). Written by ingestion (service role) only.

create table public.ingestion_dead_letters (
  id bigint generated always as identity primary key,
  received_at timestamptz not null default now(),
  kind text not null check (kind in ('TRANSACTION', 'INVENTORY', 'COMPETITOR_PRICE')),
  source text not null,
  device_id uuid references public.devices (id) on delete set null,
  store_id text,
  raw jsonb not null,
  reason text not null,
  errors jsonb not null default '[]'::jsonb
);
create index ingestion_dead_letters_received_at_idx on public.ingestion_dead_letters (received_at);

alter table public.ingestion_dead_letters enable row level security;

create policy "admins see dead letters" on public.ingestion_dead_letters for select to authenticated
  using ((select private.user_role()) = 'ADMIN');

grant select on public.ingestion_dead_letters to authenticated;
grant all on public.ingestion_dead_letters to service_role;
