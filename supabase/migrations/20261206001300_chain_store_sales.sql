-- Chain roles drill region → store → category (issue 8): executives, analysts and admins
-- now also replicate store_sales, the store × category packs (with '*' whole-day packs),
-- for every store row-level security shows them — a store×category aggregate, never the
-- SKU grain. At 60 stores that is ~1,000 packs (~2 MB), well inside the executive slice
-- budget (30,000 documents / 20 MB); regions stay in region_sales for the top level.
-- Same function as in 20261206000800, with the wider role check.

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
    select distinct on (h.store_id) h.store_id as key, '*'::text as category, h._xid, h._seq
      from public.sales_store_hour h
     where (h._xid, h._seq) > (cp_xid, cp_seq) and h._xid < visible_before
       and h.hour_start >= private.sync_window_start_at()
       and (select private.user_role()) in ('REGIONAL_MANAGER', 'EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN')
     order by h.store_id, h._xid desc, h._seq desc
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
              select ((h.hour_start at time zone 'Asia/Kolkata')::date)::text, sum(h.revenue), sum(h.units),
                     sum(h.transaction_count)
                from public.sales_store_hour h
               where p.category = '*' and h.store_id = p.key
                 and h.hour_start >= private.sync_window_start_at() and not h._deleted
               group by 1) d) s
    cross join lateral private.sync_pack_arrays(s.days) a
   order by p._xid, p._seq
$$;
