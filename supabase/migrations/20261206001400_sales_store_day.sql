-- Whole-day store totals, kept by ingestion beside the hourly rollup: the '*' packs of
-- store_sales and region_sales (20261206000800) summed a store's hourly rows at pull time,
-- ~1,260 per store for the 90-day window once every day has its hours (a region: ~12,600;
-- at 10,000 stores the chain's executive pull would sum millions). They now read 90 rows
-- per store. A day row is the sum of the store's hours of that IST day (Property 1:
-- ingestion writes both in the same transaction; tests check the equality).

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

-- The packs' whole-day totals from the day rollup (otherwise as in 20261206000800).
create or replace function private.sync_pull_store_sales(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  with changed_category as (
    select distinct on (c.store_id, c.category) c.store_id as key, c.category, c._xid, c._seq
      from public.sales_store_day_category c
     where (c._xid, c._seq) > (cp_xid, cp_seq) and c._xid < visible_before
       and c.business_date >= private.sync_window_start()
       and (select private.user_role()) in ('REGIONAL_MANAGER', 'EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN')
     order by c.store_id, c.category, c._xid desc, c._seq desc
  ), changed_day as (
    select distinct on (d.store_id) d.store_id as key, '*'::text as category, d._xid, d._seq
      from public.sales_store_day d
     where (d._xid, d._seq) > (cp_xid, cp_seq) and d._xid < visible_before
       and d.business_date >= private.sync_window_start()
       and (select private.user_role()) in ('REGIONAL_MANAGER', 'EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN')
     order by d.store_id, d._xid desc, d._seq desc
  ), page as (
    select * from (select * from changed_category union all select * from changed_day) u
     order by u._xid, u._seq
     limit lim
  )
  select p.key || '|' || p.category,
         jsonb_build_object('id', p.key || '|' || p.category, 'store_id', p.key, 'category', p.category,
                            'start_date', private.sync_window_start(),
                            'revenue', a.revenue, 'units', a.units, 'transactions', a.transactions),
         p._xid, p._seq, false
    from page p
    cross join lateral (
      select coalesce(jsonb_object_agg(d.day, jsonb_build_array(d.revenue, d.units, d.transactions)), '{}'::jsonb) as days
        from (select c.business_date::text as day, c.revenue, c.units, c.transaction_count as transactions
                from public.sales_store_day_category c
               where p.category <> '*' and c.store_id = p.key and c.category = p.category
                 and c.business_date >= private.sync_window_start() and not c._deleted
              union all
              select d.business_date::text, d.revenue, d.units, d.transaction_count
                from public.sales_store_day d
               where p.category = '*' and d.store_id = p.key
                 and d.business_date >= private.sync_window_start() and not d._deleted) d) s
    cross join lateral private.sync_pack_arrays(s.days) a
   order by p._xid, p._seq
$$;

create or replace function private.sync_pull_region_sales(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  with changed_category as (
    select distinct on (c.region_id, c.category) c.region_id as key, c.category, c._xid, c._seq
      from public.sales_region_day_category c
     where (c._xid, c._seq) > (cp_xid, cp_seq) and c._xid < visible_before
       and c.business_date >= private.sync_window_start()
       and (select private.user_role()) in ('EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN')
     order by c.region_id, c.category, c._xid desc, c._seq desc
  ), changed_day as (
    select distinct on (st.region_id) st.region_id as key, '*'::text as category, d._xid, d._seq
      from public.sales_store_day d
      join public.stores st on st.id = d.store_id
     where (d._xid, d._seq) > (cp_xid, cp_seq) and d._xid < visible_before
       and d.business_date >= private.sync_window_start()
       and (select private.user_role()) in ('EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN')
     order by st.region_id, d._xid desc, d._seq desc
  ), page as (
    select * from (select * from changed_category union all select * from changed_day) u
     order by u._xid, u._seq
     limit lim
  )
  select p.key || '|' || p.category,
         jsonb_build_object('id', p.key || '|' || p.category, 'region_id', p.key, 'category', p.category,
                            'start_date', private.sync_window_start(),
                            'revenue', a.revenue, 'units', a.units, 'transactions', a.transactions),
         p._xid, p._seq, false
    from page p
    cross join lateral (
      select coalesce(jsonb_object_agg(d.day, jsonb_build_array(d.revenue, d.units, d.transactions)), '{}'::jsonb) as days
        from (select c.business_date::text as day, c.revenue, c.units, c.transaction_count as transactions
                from public.sales_region_day_category c
               where p.category <> '*' and c.region_id = p.key and c.category = p.category
                 and c.business_date >= private.sync_window_start() and not c._deleted
              union all
              select d.business_date::text, sum(d.revenue), sum(d.units), sum(d.transaction_count)
                from public.sales_store_day d
                join public.stores st on st.id = d.store_id
               where p.category = '*' and st.region_id = p.key
                 and d.business_date >= private.sync_window_start() and not d._deleted
               group by 1) d) s
    cross join lateral private.sync_pack_arrays(s.days) a
   order by p._xid, p._seq
$$;
