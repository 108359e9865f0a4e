// The demo loader fills its partitions bare (detached, no indexes) and rebuilds them
// (supabase/local/seed-copy.ts). The end state must be exactly the migrated schema: every
// partitioned table the loader touches, and each of its partitions, has the same columns,
// indexes, constraints, triggers, RLS flags and parent links as partitions made the ordinary
// way (private.ensure_partitions on a freshly migrated database, as ingestion does). Also:
// the bulk-loaded rows are the generator's rows, and a partition holding rows is refused.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { isoDate } from '../../shared/calendar/dates.ts';
import { buildDemoWorld } from '../../shared/demo/demo-world.ts';
import { emitHistory } from '../../shared/demo/history.ts';
import { mulberry32 } from '../../shared/forecasting/rng.ts';
import { createDatabase, dropDatabase } from '../../supabase/local/db/databases.ts';
import { detachForLoad, withBulkTriggersOff } from '../../supabase/local/seed-copy.ts';
import { loadDemo } from '../../supabase/local/seed.ts';

const PARENTS = ['public.sales_sku_store_day', 'public.transactions', 'public.transaction_items'];
// Loaded with their foreign-key and sync_stamp triggers switched off for the COPY.
const BULK_TABLES = [
  'public.competitor_prices',
  'public.inventory_movements',
  'public.sales_store_day_category',
  'public.sales_region_day_category',
];
// Emitters consume the world's seeded streams: each use builds its own (same seed, same data).
const makeWorld = (): ReturnType<typeof buildDemoWorld> =>
  buildDemoWorld(mulberry32(11), {
    stores: 4,
    skus: 120,
    days: 70,
    rawDays: 8,
    today: '2026-11-30',
    hourNow: 24,
  });
const world = makeWorld();

const adminUrl = inject('databaseAdminUrl');
const names = [`brmi_test_seed_${randomUUID().slice(0, 8)}`, `brmi_test_ref_${randomUUID().slice(0, 8)}`];
let loaded: pg.Pool;
let reference: pg.Pool;

beforeAll(async () => {
  const [a, b] = await Promise.all(names.map((n) => createDatabase(adminUrl, n, inject('templateDatabase'))));
  loaded = new pg.Pool({ connectionString: a, max: 2 });
  reference = new pg.Pool({ connectionString: b, max: 2 });
  await loadDemo(loaded, world);
  // The same partitions, made the ordinary way (what createPartitions in seed.ts asks for).
  await reference.query(`select private.ensure_partitions('public.transactions', 'day', $1, $2)`, [
    isoDate(world.firstRawDay),
    isoDate(world.lastDay + 7),
  ]);
  await reference.query(`select private.ensure_partitions('public.transaction_items', 'day', $1, $2)`, [
    isoDate(world.firstRawDay),
    isoDate(world.lastDay + 7),
  ]);
  await reference.query(`select private.ensure_partitions('public.sales_sku_store_day', 'month', $1, $2)`, [
    isoDate(world.firstDay),
    isoDate(world.lastDay + 62),
  ]);
}, 180_000);

afterAll(async () => {
  await loaded?.end();
  await reference?.end();
  for (const n of names) await dropDatabase(adminUrl, n);
});

/** Everything the catalogue says about a partitioned table and its partitions, OID-free. */
async function shape(pool: pg.Pool, parent: string): Promise<unknown> {
  const { rows } = await pool.query<{ shape: unknown }>(
    `with rels as (
       select $1::regclass as oid
       union all
       select inhrelid from pg_inherits where inhparent = $1::regclass)
     select jsonb_agg(jsonb_build_object(
       'table', c.relname,
       'kind', c.relkind,
       'persistence', c.relpersistence,
       'rls', c.relrowsecurity,
       'forceRls', c.relforcerowsecurity,
       'isPartition', c.relispartition,
       'bound', pg_get_expr(c.relpartbound, c.oid),
       'options', c.reloptions,
       'acl', c.relacl::text,
       'parent', (select inhparent::regclass::text from pg_inherits where inhrelid = c.oid),
       'columns', (select jsonb_agg(jsonb_build_array(a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                                   a.attnotnull, a.attislocal, a.attinhcount, a.attcollation::regcollation::text,
                                   pg_get_expr(d.adbin, d.adrelid), a.attisdropped) order by a.attnum)
                     from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                    where a.attrelid = c.oid and a.attnum > 0),
       'indexes', (select jsonb_agg(jsonb_build_array(ic.relname, pg_get_indexdef(i.indexrelid), i.indisprimary,
                                   i.indisunique, i.indisvalid, i.indisready, i.indislive,
                                   (select inhparent::regclass::text from pg_inherits where inhrelid = i.indexrelid))
                                   order by ic.relname)
                     from pg_index i join pg_class ic on ic.oid = i.indexrelid where i.indrelid = c.oid),
       'constraints', (select jsonb_agg(jsonb_build_array(k.conname, k.contype, pg_get_constraintdef(k.oid),
                                       k.conislocal, k.coninhcount, k.convalidated,
                                       (select p.conname from pg_constraint p where p.oid = k.conparentid))
                                       order by k.conname)
                         from pg_constraint k where k.conrelid = c.oid),
       'triggers', (select jsonb_agg(jsonb_build_array(t.tgname, pg_get_triggerdef(t.oid), t.tgenabled,
                                    t.tgparentid <> 0) order by t.tgname)
                      from pg_trigger t where t.tgrelid = c.oid),
       'policies', (select jsonb_agg(jsonb_build_array(p.polname, p.polcmd, pg_get_expr(p.polqual, p.polrelid))
                                    order by p.polname)
                      from pg_policy p where p.polrelid = c.oid))
       order by c.relname) as shape
       from rels r join pg_class c on c.oid = r.oid`,
    [parent],
  );
  return rows[0]?.shape;
}

describe('bulk-loaded partitions', { timeout: 60_000 }, () => {
  it.each(PARENTS)('%s has exactly the migrated shape after the demo load', async (parent) => {
    const after = await shape(loaded, parent);
    expect((after as unknown[]).length).toBeGreaterThan(2);
    expect(after).toEqual(await shape(reference, parent));
  });

  it.each(BULK_TABLES)('%s keeps its triggers and constraints after the bulk load', async (table) => {
    expect(await shape(loaded, table)).toEqual(await shape(reference, table));
  });

  it('checks foreign keys of a bulk load in one pass, refusing an orphan row', async () => {
    const client = await loaded.connect();
    try {
      await client.query('begin');
      await expect(
        withBulkTriggersOff(client, 'public.competitor_prices', () =>
          client.query(
            `insert into public.competitor_prices (competitor_id, sku, region_id, observed_at, price, source)
             values ((select min(id) from public.competitors), 'NO-SUCH-SKU', 'SOUTH', now(), 10, 'test')`,
          ),
        ),
      ).rejects.toThrow(/violates competitor_prices_sku_fkey/);
      await client.query('rollback');
    } finally {
      client.release();
    }
  });

  it('every index of the loaded tables is valid and attached like a fresh one', async () => {
    const { rows } = await loaded.query<{ n: number }>(
      `select count(*)::int as n from pg_index i join pg_class c on c.oid = i.indrelid
        where c.relnamespace = 'public'::regnamespace and not (i.indisvalid and i.indisready and i.indislive)`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('holds the generator’s SKU×store×day history rows', async () => {
    let count = 0;
    let units = 0;
    emitHistory(makeWorld(), (r) => {
      count++;
      units += r.units;
    });
    const { rows } = await loaded.query<{ n: number; u: number }>(
      `select count(*)::int as n, sum(units)::int as u from public.sales_sku_store_day where business_date < $1`,
      [isoDate(world.firstRawDay)],
    );
    expect(rows[0]).toEqual({ n: count, u: units });
  });

  it('stamps the bulk rows for sync like rows written through the trigger', async () => {
    const { rows } = await loaded.query<{ n: number; unstamped: number; distinct_seq: number }>(
      `select count(*)::int as n, count(*) filter (where _xid is null or _seq is null or _deleted)::int as unstamped,
              count(distinct _seq)::int as distinct_seq
         from public.sales_sku_store_day`,
    );
    expect(rows[0]?.unstamped).toBe(0);
    expect(rows[0]?.distinct_seq).toBe(rows[0]?.n);
  });

  it('refuses a partition that already holds rows, changing nothing', async () => {
    const client = await loaded.connect();
    try {
      await client.query('begin');
      await expect(detachForLoad(client, 'public.sales_sku_store_day')).rejects.toThrow(/already holds rows/);
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await shape(loaded, 'public.sales_sku_store_day')).toEqual(
      await shape(reference, 'public.sales_sku_store_day'),
    );
  });
});
