-- Regional and chain sales packed like sales_series (issue 7 §3, slice budgets): one
-- document per store (regional manager) or region (executive, analyst, admin) and category
-- holding the 90 days of the window as arrays from `start_date`, instead of one document
-- per day and category (a regional manager's first sync fell from ~23,000 documents to a
-- few hundred). Each key also gets a '*' pack of whole-day totals from the store×day
-- rollup (20261206000700), whose transaction counts count every basket once (a category
-- row counts a basket in each category it touches), so average transaction value is exact
-- at every drill level.
--   store_sales  replaces store_daily  (ids "<store>|<category>", "<store>|*"), for
--                regional managers and, for the region → store drill, the chain roles
--                (a store×category aggregate, never the SKU grain: ~1,000 packs, ~2 MB
--                for the demo's 60 stores, inside the executive slice budget);
--   region_sales replaces region_daily (ids "<region>|<category>", "<region>|*")
-- A pack's place in the (_xid, _seq) order is that of its latest changed day, as
-- for sales_series: every change up to the checkpoint is in the returned pack, and a later
-- change has a larger (_xid, _seq), so the next pull returns the pack again.
-- Rollup rows are corrected in place, never deleted; a row marked _deleted counts as zero.

create or replace function private.sync_window_start_at() returns timestamptz
language sql stable set search_path = ''
as $$ select (private.sync_window_start()::timestamp at time zone 'Asia/Kolkata') $$;
comment on function private.sync_window_start_at() is
  'The instant the sync window starts: midnight India time of private.sync_window_start().';

-- The pack arrays: one value per day of the window, zero for days without sales.
create or replace function private.sync_pack_arrays(days jsonb)
returns table(revenue jsonb, units jsonb, transactions jsonb)
language sql stable set search_path = ''
as $$
  select jsonb_agg(coalesce((days -> g.day::date::text ->> 0)::numeric, 0) order by g.day),
         jsonb_agg(coalesce((days -> g.day::date::text ->> 1)::numeric, 0) order by g.day),
         jsonb_agg(coalesce((days -> g.day::date::text ->> 2)::numeric, 0) order by g.day)
    from generate_series(private.sync_window_start(), private.sync_window_start() + 89, interval '1 day') g(day)
$$;
comment on function private.sync_pack_arrays(jsonb) is
  'Spreads {"<date>": [revenue, units, transactions]} over the 90 days of the sync window.';

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

-- The per-day collections go: no client reads them any more (shared/sync/collections.ts).
delete from private.sync_tombstones where collection in ('store_daily', 'region_daily');
delete from private.sync_collections where name in ('store_daily', 'region_daily');
drop function private.sync_pull_store_daily(xid8, bigint, xid8, integer);
drop function private.sync_pull_region_daily(xid8, bigint, xid8, integer);

insert into private.sync_collections (name, pull_fn) values
  ('store_sales', 'private.sync_pull_store_sales(xid8, bigint, xid8, integer)'),
  ('region_sales', 'private.sync_pull_region_sales(xid8, bigint, xid8, integer)');

revoke all on function private.sync_window_start_at(),
  private.sync_pack_arrays(jsonb),
  private.sync_pull_store_sales(xid8, bigint, xid8, integer),
  private.sync_pull_region_sales(xid8, bigint, xid8, integer) from public;
grant execute on function private.sync_window_start_at(),
  private.sync_pack_arrays(jsonb),
  private.sync_pull_store_sales(xid8, bigint, xid8, integer),
  private.sync_pull_region_sales(xid8, bigint, xid8, integer) to authenticated, service_role;
