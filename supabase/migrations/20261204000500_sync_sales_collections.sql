-- Sales sync collections, shaped for the screens and the slice budgets (issue 7 §3):
--   sales_series  (store manager): one document per SKU with its last 90 days, packed as
--                 arrays, built at pull time from sales_sku_store_day — not one per day;
--   hourly_sales  (store manager): the store's hourly rollup (today's chart);
--   store_daily   (regional manager): the region's stores' daily category rollups, 90 days;
--   region_daily  (executive, analyst, admin): chain aggregates by region, 90 days.
-- The 90-day window is anchored on the current India date; days that age out stay on the
-- device until the client prunes them (they are never wrong, only old).

select private.sync_attach('public.sales_sku_store_day');
select private.sync_attach('public.sales_store_hour');
select private.sync_attach('public.sales_store_day_category');
select private.sync_attach('public.sales_region_day_category');

create or replace function private.sync_window_start() returns date
language sql stable set search_path = ''
as $$ select ((pg_catalog.now() at time zone 'Asia/Kolkata')::date - 89) $$;

-- A pack's position in the (_xid, _seq) order is that of its latest changed day: every
-- changed day of a returned pack is at or before the checkpoint, and a pack with a day
-- changed after it has that day's (_xid, _seq) > checkpoint, so the next pull returns it.
create or replace function private.sync_pull_sales_series(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  with changed as (
    select distinct on (d.store_id, d.sku) d.store_id, d.sku, d._xid, d._seq
      from public.sales_sku_store_day d
     where (d._xid, d._seq) > (cp_xid, cp_seq) and d._xid < visible_before
       and d.business_date >= private.sync_window_start()
       and (select private.user_role()) = 'STORE_MANAGER'
     order by d.store_id, d.sku, d._xid desc, d._seq desc
  ), page as (
    select * from changed c order by c._xid, c._seq limit lim
  )
  select p.store_id || '|' || p.sku,
         jsonb_build_object('id', p.store_id || '|' || p.sku, 'store_id', p.store_id, 'sku', p.sku,
                            'start_date', private.sync_window_start(),
                            'units', s.units, 'revenue', s.revenue),
         p._xid, p._seq, false
    from page p
    cross join lateral (
      select jsonb_agg(coalesce(d.units, 0) order by g.day) as units,
             jsonb_agg(coalesce(d.revenue, 0) order by g.day) as revenue
        from generate_series(private.sync_window_start(), private.sync_window_start() + 89, interval '1 day') g(day)
        left join public.sales_sku_store_day d
          on d.store_id = p.store_id and d.sku = p.sku and d.business_date = g.day::date) s
   order by p._xid, p._seq
$$;

create or replace function private.sync_pull_hourly_sales(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select h.store_id || '|' || to_char(h.hour_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'),
         jsonb_build_object('id', h.store_id || '|' || to_char(h.hour_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'),
                            'store_id', h.store_id, 'hour_start', h.hour_start, 'revenue', h.revenue,
                            'units', h.units, 'transaction_count', h.transaction_count),
         h._xid, h._seq, h._deleted
    from public.sales_store_hour h
   where (h._xid, h._seq) > (cp_xid, cp_seq) and h._xid < visible_before
     and h.hour_start >= private.sync_window_start()
     and (select private.user_role()) = 'STORE_MANAGER'
   order by h._xid, h._seq
   limit lim
$$;

create or replace function private.sync_pull_store_daily(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select c.store_id || '|' || c.business_date || '|' || c.category,
         jsonb_build_object('id', c.store_id || '|' || c.business_date || '|' || c.category,
                            'store_id', c.store_id, 'business_date', c.business_date, 'category', c.category,
                            'revenue', c.revenue, 'units', c.units, 'transaction_count', c.transaction_count),
         c._xid, c._seq, c._deleted
    from public.sales_store_day_category c
   where (c._xid, c._seq) > (cp_xid, cp_seq) and c._xid < visible_before
     and c.business_date >= private.sync_window_start()
     and (select private.user_role()) = 'REGIONAL_MANAGER'
   order by c._xid, c._seq
   limit lim
$$;

create or replace function private.sync_pull_region_daily(cp_xid xid8, cp_seq bigint, visible_before xid8, lim integer)
returns table(id text, doc jsonb, _xid xid8, _seq bigint, _deleted boolean)
language sql stable security invoker set search_path = ''
as $$
  select c.region_id || '|' || c.business_date || '|' || c.category,
         jsonb_build_object('id', c.region_id || '|' || c.business_date || '|' || c.category,
                            'region_id', c.region_id, 'business_date', c.business_date, 'category', c.category,
                            'revenue', c.revenue, 'units', c.units, 'transaction_count', c.transaction_count),
         c._xid, c._seq, c._deleted
    from public.sales_region_day_category c
   where (c._xid, c._seq) > (cp_xid, cp_seq) and c._xid < visible_before
     and c.business_date >= private.sync_window_start()
     and (select private.user_role()) in ('EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN')
   order by c._xid, c._seq
   limit lim
$$;

insert into private.sync_collections (name, pull_fn) values
  ('sales_series', 'private.sync_pull_sales_series(xid8, bigint, xid8, integer)'),
  ('hourly_sales', 'private.sync_pull_hourly_sales(xid8, bigint, xid8, integer)'),
  ('store_daily', 'private.sync_pull_store_daily(xid8, bigint, xid8, integer)'),
  ('region_daily', 'private.sync_pull_region_daily(xid8, bigint, xid8, integer)');

revoke all on function private.sync_window_start(),
  private.sync_pull_sales_series(xid8, bigint, xid8, integer),
  private.sync_pull_hourly_sales(xid8, bigint, xid8, integer),
  private.sync_pull_store_daily(xid8, bigint, xid8, integer),
  private.sync_pull_region_daily(xid8, bigint, xid8, integer) from public;
grant execute on function private.sync_window_start(),
  private.sync_pull_sales_series(xid8, bigint, xid8, integer),
  private.sync_pull_hourly_sales(xid8, bigint, xid8, integer),
  private.sync_pull_store_daily(xid8, bigint, xid8, integer),
  private.sync_pull_region_daily(xid8, bigint, xid8, integer) to authenticated, service_role;
