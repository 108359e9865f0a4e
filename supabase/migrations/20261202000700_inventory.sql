-- Inventory: every change is a movement; the level is maintained from movements in the
-- same statement, so level = sum of movements always (Properties 5, 8). Movements are
-- append-only (a mistake is corrected by another movement); levels are written only by
-- the movement trigger. A movement that would take a level below zero is refused unless
-- the store allows negative stock.

create table public.inventory_movements (
  id uuid primary key default gen_random_uuid(),
  store_id text not null references public.stores (id),
  sku text not null references public.products (sku),
  quantity numeric(12, 3) not null check (quantity <> 0),
  reason text not null check (reason in ('OPENING', 'RECEIPT', 'SALE', 'RETURN', 'ADJUSTMENT',
                                         'TRANSFER_IN', 'TRANSFER_OUT', 'DAMAGE', 'COUNT')),
  source text not null,
  reference text,
  occurred_at timestamptz not null default now(),
  recorded_by uuid,
  -- Offline clients make this id so a retried push is a no-op.
  client_id uuid unique,
  created_at timestamptz not null default now()
);
create index inventory_movements_store_id_sku_occurred_at_idx
  on public.inventory_movements (store_id, sku, occurred_at);

create table public.inventory_levels (
  store_id text not null references public.stores (id),
  sku text not null references public.products (sku),
  quantity numeric(14, 3) not null,
  updated_at timestamptz not null default now(),
  primary key (store_id, sku)
);

-- Set-based: one upsert per statement, whatever the number of movements.
create or replace function private.apply_inventory_movements() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  bad record;
begin
  insert into public.inventory_levels as l (store_id, sku, quantity, updated_at)
  select m.store_id, m.sku, sum(m.quantity), now()
    from new_movements m
   group by m.store_id, m.sku
  on conflict (store_id, sku) do update
    set quantity = l.quantity + excluded.quantity, updated_at = excluded.updated_at;

  select l.store_id, l.sku, l.quantity into bad
    from public.inventory_levels l
    join (select distinct store_id, sku from new_movements) t using (store_id, sku)
    join public.stores s on s.id = l.store_id
   where l.quantity < 0 and not s.allow_negative_stock
   limit 1;
  if found then
    raise exception 'stock of SKU % at store % would become % (negative stock is not allowed at this store)',
      bad.sku, bad.store_id, bad.quantity
      using errcode = '23514', hint = 'Record a receipt or count first, or correct the quantity.';
  end if;
  return null;
end
$$;

create trigger inventory_movements_apply after insert on public.inventory_movements
  referencing new table as new_movements
  for each statement execute function private.apply_inventory_movements();

create or replace function private.refuse_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, lower(tg_op)
    using errcode = '42501', hint = tg_argv[0];
end
$$;

create trigger inventory_movements_append_only before update or delete on public.inventory_movements
  for each row execute function private.refuse_change('Record a correcting movement instead.');
create trigger inventory_movements_no_truncate before truncate on public.inventory_movements
  for each statement execute function private.refuse_change('Record a correcting movement instead.');

-- Levels change only through movements: the movement trigger runs at depth 1, so a write
-- at depth 0 comes from a direct statement.
create or replace function private.refuse_direct_level_write() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if pg_trigger_depth() <= 1 then
    raise exception 'inventory_levels is maintained from inventory_movements; insert a movement instead'
      using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger inventory_levels_only_from_movements before insert or update or delete on public.inventory_levels
  for each row execute function private.refuse_direct_level_write();

alter table public.inventory_movements enable row level security;
alter table public.inventory_levels enable row level security;

create policy "stock staff see movements of their stores" on public.inventory_movements for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));
create policy "stock staff record movements for their stores" on public.inventory_movements for insert to authenticated
  with check ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
              or store_id = any ((select private.scope_store_ids())::text[]));
create policy "stock staff see levels of their stores" on public.inventory_levels for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'SUPPLY_CHAIN_USER')
         or store_id = any ((select private.scope_store_ids())::text[]));

grant select, insert on public.inventory_movements to authenticated;
grant select on public.inventory_levels to authenticated;
grant all on public.inventory_movements, public.inventory_levels to service_role;
