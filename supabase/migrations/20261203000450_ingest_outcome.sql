-- The answer of an ingest call, built once in SQL so the stored outcome of a request and
-- the first answer are the same bytes (a replay returns it as is).

-- ts_rejected: [{index, raw, errors}] from shared/ validation; sql_errors: [{index, field,
-- message, reason}] from business rules; normalised: {"<index>": record} for the records
-- those rules rejected. Returns one entry per rejected record, ordered by index.
create or replace function private.merge_rejections(ts_rejected jsonb, sql_errors jsonb, normalised jsonb)
returns jsonb
language sql immutable
set search_path = ''
as $$
  select coalesce(jsonb_agg(x order by (x ->> 'index')::int), '[]'::jsonb)
    from (select jsonb_build_object('index', (r ->> 'index')::int, 'raw', r -> 'raw', 'errors', r -> 'errors',
                                    'reason', 'VALIDATION_FAILED') as x
            from jsonb_array_elements(ts_rejected) r
          union all
          select jsonb_build_object('index', e.idx, 'raw', normalised -> e.idx::text,
                   'errors', jsonb_agg(jsonb_build_object('index', e.idx, 'field', e.field, 'message', e.message)),
                   'reason', min(e.reason))
            from (select (v ->> 'index')::int as idx, v ->> 'field' as field, v ->> 'message' as message,
                         v ->> 'reason' as reason
                    from jsonb_array_elements(sql_errors) v) e
           group by e.idx) s
$$;

-- 200 all accepted (or already recorded); 207 some accepted, some rejected; 400 none
-- accepted and some rejected (VALIDATION_FAILED). httpStatus is stripped before sending.
create or replace function private.ingest_body(received integer, accepted integer, duplicates jsonb, rejected jsonb)
returns jsonb
language sql immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'httpStatus', case when n = 0 then 200 when accepted > 0 or jsonb_array_length(duplicates) > 0 then 207 else 400 end,
    'status', case when n = 0 then 'ok' when accepted > 0 or jsonb_array_length(duplicates) > 0 then 'partial' else 'error' end,
    'code', case when n = 0 then 'OK' else 'VALIDATION_FAILED' end,
    'message', case when n = 0 then format('%s of %s records accepted', accepted, received)
                    else format('%s of %s records rejected; see errors', n, received) end,
    'received', received, 'accepted', accepted, 'duplicates', duplicates, 'rejected', n,
    'errors', (select coalesce(jsonb_agg(e), '[]'::jsonb)
                 from jsonb_array_elements(rejected) r, jsonb_array_elements(r -> 'errors') e))
  from (select jsonb_array_length(rejected) as n) c
$$;
