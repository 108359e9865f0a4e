-- Whole-day store totals, kept by ingestion beside the hourly rollup, for the '*' packs of
-- store_sales and region_sales (20261206000800): summing a store's hours at pull time
-- reads ~1,260 rows per store for the 90-day window (a region: ~12,600; at 10,000 stores
-- the chain's executive pull would sum millions); the day rollup has 90. A day row is the
-- sum of the store's hours of that IST day (Property 1: ingestion writes both in the same
-- transaction; tests check the equality).

create table public.sales_store_day (
  store_id text not null references public.stores (id),
  -- the IST day of the hours it sums
  business_date date not null,
  revenue numeric(16, 2) not null,
  units numeric(16, 3) not null,
  -- baskets, each counted once
  transaction_count integer not null,
  primary key (store_id, business_date)
);
alter table public.sales_store_day enable row level security;
-- Who sees it: as the hourly rollup it sums.
create policy "dashboard users see daily sales of their stores" on public.sales_store_day for select to authenticated
  using ((select private.user_role()) in ('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST')
         or store_id = any ((select private.scope_store_ids())::text[]));
grant select on public.sales_store_day to authenticated;
grant all on public.sales_store_day to service_role;
select private.sync_attach('public.sales_store_day');

insert into public.sales_store_day (store_id, business_date, revenue, units, transaction_count)
select store_id, (hour_start at time zone 'Asia/Kolkata')::date, sum(revenue), sum(units), sum(transaction_count)
  from public.sales_store_hour
 where not _deleted
 group by 1, 2;

-- Property 1: every rollup grows by exactly the new facts, in the same transaction.
-- Rows are upserted in key order so concurrent batches lock them in the same order.
create or replace function private.apply_sales_rollups()
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  insert into public.sales_store_hour as r (store_id, hour_start, revenue, units, transaction_count)
  select store_id, date_trunc('hour', occurred_at at time zone 'Asia/Kolkata') at time zone 'Asia/Kolkata',
         sum(txn_total) filter (where line_no = 1), sum(quantity), count(*) filter (where line_no = 1)
    from pg_temp._ingest_nl group by 1, 2 order by 1, 2
  on conflict (store_id, hour_start) do update
    set revenue = r.revenue + excluded.revenue, units = r.units + excluded.units,
        transaction_count = r.transaction_count + excluded.transaction_count;

  -- The same baskets by IST day (the day of the hours above, so it equals their sum).
  insert into public.sales_store_day as r (store_id, business_date, revenue, units, transaction_count)
  select store_id, (occurred_at at time zone 'Asia/Kolkata')::date,
         sum(txn_total) filter (where line_no = 1), sum(quantity), count(*) filter (where line_no = 1)
    from pg_temp._ingest_nl group by 1, 2 order by 1, 2
  on conflict (store_id, business_date) do update
    set revenue = r.revenue + excluded.revenue, units = r.units + excluded.units,
        transaction_count = r.transaction_count + excluded.transaction_count;

  insert into public.sales_store_day_category as r (store_id, business_date, category, revenue, units, transaction_count)
  select store_id, business_date, category, sum(line_total), sum(quantity), count(distinct txn_id)
    from pg_temp._ingest_nl group by 1, 2, 3 order by 1, 2, 3
  on conflict (store_id, business_date, category) do update
    set revenue = r.revenue + excluded.revenue, units = r.units + excluded.units,
        transaction_count = r.transaction_count + excluded.transaction_count;

  insert into public.sales_region_day_category as r (region_id, business_date, category, revenue, units, transaction_count)
  select region_id, business_date, category, sum(line_total), sum(quantity), count(distinct txn_id)
    from pg_temp._ingest_nl group by 1, 2, 3 order by 1, 2, 3
  on conflict (region_id, business_date, category) do update
    set revenue = r.revenue + excluded.revenue, units = r.units + excluded.units,
        transaction_count = r.transaction_count + excluded.transaction_count;

  insert into public.sales_sku_store_day as r (store_id, sku, business_date, units, revenue, transaction_count)
  select store_id, sku, business_date, sum(quantity), sum(line_total), count(distinct txn_id)
    from pg_temp._ingest_nl group by 1, 2, 3 order by 1, 2, 3
  on conflict (store_id, sku, business_date) do update
    set revenue = r.revenue + excluded.revenue, units = r.units + excluded.units,
        transaction_count = r.transaction_count + excluded.transaction_count;
end
$$;
