-- Throughput of POS ingestion (issue 6). Where a 500-transaction batch (~1,000 lines)
-- spends its SQL time (auto_explain with nested statements, pg_stat_user_functions): about
-- half in the inventory_movements insert (row inserts into three indexes, two foreign-key
-- checks per row, the statement trigger's upsert of ~350 levels), a fifth in the other
-- fact and rollup writes, and the rest — what this migration cuts — in per-call overhead
-- of scratch tables, statistics and planning. The pipeline and its answers are those of
-- 20261203000500; what changes:
-- * scratch tables are created once per database session (ON COMMIT DELETE ROWS empties
--   them at commit, in place) instead of five CREATE TEMP TABLE … ON COMMIT DROP per call:
--   each create and drop wrote the catalog (pg_class, pg_attribute, pg_type), ~5–10 ms
--   apiece on this machine, and bloated it. They have their own names (_ingest_*), so
--   the other ingest functions' per-call _err tables do not collide with them;
-- * ANALYZE reads only the columns the joins use: a full ANALYZE of the transactions
--   scratch table spent most of its time on the jsonb columns (5–8× slower), twice a call;
--   batches under 64 records skip it (and so keep their cached plans);
-- * the insufficient-stock check computes its running sums only for stores that refuse
--   negative stock (the filter used to come after the window over every line);
-- * a batch whose every record failed validation skips the pipeline
--   (private.ingest_rejected_only, 20261206000300).

-- Creates the scratch tables on a session's first call; empties them otherwise (they are
-- empty already unless a caller ran two ingest calls in one transaction).
create or replace function private.ingest_transactions_scratch()
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if to_regclass('pg_temp._ingest_txn') is null then
    create temp table _ingest_txn (idx int, external_id text, store_id text, occurred_at timestamptz,
      business_date date, total_paise bigint, customer_key text, payment_method text, claimed_source text,
      items jsonb, payload_hash bytea, raw jsonb, dup boolean, ok boolean) on commit delete rows;
    create temp table _ingest_line (idx int, external_id text, store_id text, business_date date,
      occurred_at timestamptz, line_no int, sku text, quantity numeric, unit_paise bigint, total_paise bigint)
      on commit delete rows;
    create temp table _ingest_err (idx int, field text, message text, reason text) on commit delete rows;
    create temp table _ingest_new (idx int, id uuid, business_date date) on commit delete rows;
    create temp table _ingest_nl (txn_id uuid, business_date date, store_id text, region_id text, sku text,
      category text, line_no int, quantity numeric, line_total numeric, txn_total numeric,
      occurred_at timestamptz, external_id text) on commit delete rows;
  else
    delete from pg_temp._ingest_txn;
    delete from pg_temp._ingest_line;
    delete from pg_temp._ingest_err;
    delete from pg_temp._ingest_new;
    delete from pg_temp._ingest_nl;
  end if;
end
$$;

comment on function private.ingest_transactions_scratch() is
  'Makes the session''s empty scratch tables for public.ingest_transactions (created once, emptied at each commit).';
revoke all on function private.ingest_transactions_scratch() from public;

create or replace function private.reject_transactions_by_rules(device jsonb)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  insert into pg_temp._ingest_err (idx, field, message, reason)
  select t.idx, 'source', format('must be %s, the source of this API key', device ->> 'source'), 'SOURCE_MISMATCH'
    from pg_temp._ingest_txn t where t.claimed_source is distinct from device ->> 'source'
  union all
  select t.idx, 'storeId', 'is not a known store', 'UNKNOWN_STORE'
    from pg_temp._ingest_txn t where not exists (select 1 from public.stores s where s.id = t.store_id)
  union all
  select t.idx, 'storeId', format('must be %s, the store this API key is bound to', device ->> 'storeId'), 'WRONG_STORE'
    from pg_temp._ingest_txn t where device ->> 'storeId' is not null and t.store_id <> device ->> 'storeId'
  union all
  select l.idx, format('items[%s].sku', l.line_no - 1), 'is not in the catalogue', 'UNKNOWN_SKU'
    from pg_temp._ingest_line l where not exists (select 1 from public.products p where p.sku = l.sku)
  union all
  select t.idx, 'transactionId', 'appears earlier in this batch with different contents', 'DUPLICATE_IN_BATCH'
    from pg_temp._ingest_txn t
   where exists (select 1 from pg_temp._ingest_txn o
                  where o.external_id = t.external_id and o.idx < t.idx and o.payload_hash <> t.payload_hash);
end
$$;

create or replace function private.reject_transactions_by_stock()
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  insert into pg_temp._ingest_err (idx, field, message, reason)
  select c.idx, format('items[%s].quantity', c.line_no - 1),
         format('exceeds the stock of %s at store %s (%s on hand)', c.sku, c.store_id, c.on_hand),
         'INSUFFICIENT_STOCK'
    from (select l.idx, l.line_no, l.sku, l.store_id, coalesce(v.quantity, 0) as on_hand,
                 sum(l.quantity) over (partition by l.store_id, l.sku
                                       order by l.occurred_at, l.idx, l.line_no) as running
            from pg_temp._ingest_line l
            join pg_temp._ingest_txn t on t.idx = l.idx
            join public.stores s on s.id = l.store_id and not s.allow_negative_stock
            left join public.inventory_levels v on v.store_id = l.store_id and v.sku = l.sku
           where not t.dup and not exists (select 1 from pg_temp._ingest_err e where e.idx = l.idx)) c
   where c.running > c.on_hand;
end
$$;

create or replace function private.apply_transactions(src text)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  -- Pseudonymous customers (Property 34): only a hash of the loyalty id is kept.
  insert into public.customers (loyalty_hash, home_store_id, first_seen_on)
  select distinct on (h) h, store_id, business_date
    from (select extensions.digest(convert_to('brmi-loyalty:' || t.customer_key, 'UTF8'), 'sha256') as h,
                 t.store_id, t.business_date, t.occurred_at
            from pg_temp._ingest_txn t where t.ok and t.customer_key is not null) c
   order by h, occurred_at
  on conflict (loyalty_hash) do nothing;

  with ins as (
    insert into public.transactions (business_date, store_id, source, external_id, occurred_at, customer_id,
                                     total_amount, item_count, payment_method, payload_hash)
    select t.business_date, t.store_id, apply_transactions.src, t.external_id, t.occurred_at, c.id,
           t.total_paise / 100.0, jsonb_array_length(t.items), t.payment_method, t.payload_hash
      from pg_temp._ingest_txn t
      left join public.customers c
        on c.loyalty_hash = extensions.digest(convert_to('brmi-loyalty:' || t.customer_key, 'UTF8'), 'sha256')
     where t.ok
    on conflict on constraint transactions_source_external_id_key do nothing
    returning id, external_id, business_date
  )
  insert into pg_temp._ingest_new (idx, id, business_date)
  select t.idx, ins.id, ins.business_date from ins join pg_temp._ingest_txn t on t.ok and t.external_id = ins.external_id;

  -- A concurrent batch won the race for an id: same contents → a duplicate; different → 409.
  if exists (select 1 from pg_temp._ingest_txn t
               join public.transactions x on x.source = apply_transactions.src
                and x.external_id = t.external_id and x.business_date = t.business_date
              where t.ok and not exists (select 1 from pg_temp._ingest_new n where n.idx = t.idx)
                and x.payload_hash is distinct from t.payload_hash) then
    raise exception 'a transaction id was recorded concurrently with different contents'
      using errcode = 'PT409';
  end if;
  if (select count(*) >= 64 from pg_temp._ingest_new) then
    analyze pg_temp._ingest_new (idx, id);
  end if;
  update pg_temp._ingest_txn t set ok = false, dup = true
   where t.ok and not exists (select 1 from pg_temp._ingest_new n where n.idx = t.idx);

  insert into pg_temp._ingest_nl
  select n.id, n.business_date, l.store_id, s.region_id, l.sku, p.category, l.line_no, l.quantity,
         l.total_paise / 100.0, t.total_paise / 100.0, l.occurred_at, t.external_id
    from pg_temp._ingest_new n
    join pg_temp._ingest_txn t on t.idx = n.idx
    join pg_temp._ingest_line l on l.idx = n.idx
    join public.products p on p.sku = l.sku
    join public.stores s on s.id = l.store_id;
  if (select count(*) >= 64 from pg_temp._ingest_nl) then
    analyze pg_temp._ingest_nl (txn_id, store_id, sku, line_no);
  end if;

  insert into public.transaction_items (business_date, transaction_id, line_no, store_id, sku, quantity,
                                        unit_price, line_total)
  select l.business_date, l.txn_id, l.line_no, l.store_id, l.sku, l.quantity, x.unit_paise / 100.0, l.line_total
    from pg_temp._ingest_nl l join pg_temp._ingest_new n on n.id = l.txn_id
    join pg_temp._ingest_line x on x.idx = n.idx and x.line_no = l.line_no;

  -- One movement per item sold (Properties 5, 8); the statement trigger updates levels.
  insert into public.inventory_movements (store_id, sku, quantity, reason, source, reference, occurred_at)
  select l.store_id, l.sku, -l.quantity, 'SALE', apply_transactions.src, l.external_id, l.occurred_at
    from pg_temp._ingest_nl l;
end
$$;

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

create or replace function public.ingest_transactions(api_key text, request_hash text, records jsonb,
                                                      rejected jsonb default '[]'::jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  rhash bytea;
  gate jsonb;
  device jsonb;
  conflicts text[];
  body jsonb;
  all_rejected jsonb;
  accepted integer;
  total integer;
begin
  if request_hash !~ '^[0-9a-f]{64}$' or jsonb_typeof(records) <> 'array' or jsonb_typeof(rejected) <> 'array' then
    raise exception 'request_hash must be 64 hex digits and records/rejected JSON arrays' using errcode = '22023';
  end if;
  rhash := decode(request_hash, 'hex');
  gate := private.ingest_gate(api_key, rhash, 'TRANSACTION');
  if not gate ? 'device' then
    return gate;
  end if;
  device := gate -> 'device';

  if jsonb_array_length(records) = 0 then
    return private.ingest_rejected_only(device, rhash, 'TRANSACTION', rejected);
  end if;

  perform private.ingest_transactions_scratch();
  insert into pg_temp._ingest_txn
  select (r ->> 'i')::int, r ->> 'transactionId', r ->> 'storeId', to_timestamp((r ->> 'at')::numeric / 1000),
         (to_timestamp((r ->> 'at')::numeric / 1000) at time zone 'Asia/Kolkata')::date,
         (r ->> 'totalAmountPaise')::bigint, r ->> 'customerId', coalesce(r ->> 'paymentMethod', 'CASH'),
         r ->> 'source', r -> 'items', extensions.digest(convert_to((r - 'i')::text, 'UTF8'), 'sha256'),
         r - 'i', false, false
    from jsonb_array_elements(records) r;
  insert into pg_temp._ingest_line
  select t.idx, t.external_id, t.store_id, t.business_date, t.occurred_at, l.ord::int,
         l.v ->> 'sku', (l.v ->> 'quantity')::numeric, (l.v ->> 'unitPricePaise')::bigint,
         (l.v ->> 'totalPricePaise')::bigint
    from pg_temp._ingest_txn t, jsonb_array_elements(t.items) with ordinality l(v, ord);
  -- Statistics of the columns the joins use (without them the planner picks nested loops
  -- over 500 × 1,000 rows); not of the jsonb columns, which cost most of a full analyze.
  -- A small batch skips it: any plan is fast on a few rows, and an ANALYZE invalidates
  -- every cached plan that reads the table, so each statement would be planned again.
  if jsonb_array_length(records) >= 64 then
    analyze pg_temp._ingest_txn (idx, external_id, store_id, business_date, payload_hash);
    analyze pg_temp._ingest_line (idx, store_id, sku, line_no);
  end if;

  perform private.reject_transactions_by_rules(device);

  -- Same id, different contents → 409 naming the ids, nothing written.
  select array_agg(distinct t.external_id order by t.external_id) into conflicts
    from pg_temp._ingest_txn t
    join public.transactions x on x.source = device ->> 'source' and x.external_id = t.external_id
   where x.payload_hash is distinct from t.payload_hash
     and not exists (select 1 from pg_temp._ingest_err e where e.idx = t.idx);
  if conflicts is not null then
    perform private.note_health(device ->> 'id', 'TRANSACTION', requests => 1);
    return jsonb_build_object('status', 409, 'body', jsonb_build_object('status', 'error',
      'code', 'IDEMPOTENCY_CONFLICT',
      'message', format('transaction ids already recorded with different contents: %s', array_to_string(conflicts, ', ')),
      'ids', to_jsonb(conflicts)));
  end if;

  -- Two set-based updates (an OR of EXISTS would be re-run per row).
  update pg_temp._ingest_txn t set dup = true
    from public.transactions x
   where x.source = device ->> 'source' and x.external_id = t.external_id and x.business_date = t.business_date;
  update pg_temp._ingest_txn t set dup = true
   where t.idx in (select b.idx from pg_temp._ingest_txn a join pg_temp._ingest_txn b
                     on b.external_id = a.external_id and b.payload_hash = a.payload_hash and a.idx < b.idx);
  perform private.reject_transactions_by_stock();
  update pg_temp._ingest_txn t set ok = not t.dup and not exists (select 1 from pg_temp._ingest_err e where e.idx = t.idx);
  if jsonb_array_length(records) >= 64 then
    analyze pg_temp._ingest_txn (idx, external_id, ok);  -- again: `ok` changed, and the inserts join on it
  end if;

  perform private.apply_transactions(device ->> 'source');
  perform private.apply_sales_rollups();
  perform private.evaluate_stock_alerts(array(select store_id from pg_temp._ingest_nl), array(select sku from pg_temp._ingest_nl));
  if exists (select 1 from pg_temp._ingest_nl) then
    perform private.nudge_scopes(array(select distinct store_id from pg_temp._ingest_nl),
      array(select distinct region_id from pg_temp._ingest_nl),
      array['transactions', 'sales_store_hour', 'sales_store_day_category', 'sales_region_day_category',
            'sales_sku_store_day', 'inventory_levels', 'alerts']);
  end if;

  all_rejected := private.merge_rejections(rejected,
    (select coalesce(jsonb_agg(jsonb_build_object('index', e.idx, 'field', e.field, 'message', e.message,
                                                  'reason', e.reason) order by e.idx), '[]'::jsonb)
       from pg_temp._ingest_err e),
    (select coalesce(jsonb_object_agg(t.idx::text, t.raw), '{}'::jsonb)
       from pg_temp._ingest_txn t where t.idx in (select e.idx from pg_temp._ingest_err e)));
  select count(*) filter (where ok), count(*) into accepted, total from pg_temp._ingest_txn;
  body := private.ingest_body(total + jsonb_array_length(rejected), accepted,
    (select coalesce(jsonb_agg(distinct external_id), '[]'::jsonb) from pg_temp._ingest_txn where dup),
    all_rejected);
  return private.ingest_finish(device, rhash, 'TRANSACTION', (body ->> 'httpStatus')::int, body - 'httpStatus',
    total + jsonb_array_length(rejected), all_rejected);
end
$$;

comment on function public.ingest_transactions(text, text, jsonb, jsonb) is
  'Ingests a validated batch of POS transactions for the device owning api_key: idempotent per source and id, one SALE movement per line, rollups, stock alerts and scope nudges in one transaction. Returns {status, body, headers}. Service role only (edge function ingest-transactions).';
revoke execute on function public.ingest_transactions(text, text, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.ingest_transactions(text, text, jsonb, jsonb) to service_role;

revoke all on function private.reject_transactions_by_rules(jsonb), private.reject_transactions_by_stock(),
  private.apply_transactions(text), private.apply_sales_rollups() from public;
