// Schema guards: every table in an exposed schema has row-level security enabled, every
// SECURITY DEFINER function pins search_path, every public API function is documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const EXPOSED = ['public', 'private', 'realtime'];

describe('schema guards', () => {
  it('every table in an exposed schema (partitions included) has row-level security enabled', async () => {
    const { rows } = await stack.adminPool.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any ($1) and c.relkind in ('r', 'p') and not c.relrowsecurity
        order by 1`,
      [EXPOSED],
    );
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('the guard sees the tables it guards', async () => {
    const { rows } = await stack.adminPool.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity`,
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(23);
  });

  it('Feature: bharat-retail-market-intelligence, Property 34: no customer or analytics table has a name, phone, email or address column', async () => {
    const { rows } = await stack.adminPool.query<{ col: string }>(
      `select table_name || '.' || column_name as col from information_schema.columns
        where table_schema = 'public'
          and table_name in ('customers', 'transactions', 'transaction_items', 'sales_store_hour', 'sales_store_day_category',
                             'sales_region_day_category', 'sales_sku_store_day')
          and column_name ~ '(name|phone|email|address|mobile|loyalty_id)'`,
    );
    expect(rows.map((r) => r.col)).toEqual([]);
  });

  it('every SECURITY DEFINER function pins search_path', async () => {
    const { rows } = await stack.adminPool.query<{ fn: string }>(
      `select p.oid::regprocedure::text as fn
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef
          and n.nspname not in ('pg_catalog', 'information_schema', 'extensions', 'cron', 'net')
          and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')
        order by 1`,
    );
    expect(rows.map((r) => r.fn)).toEqual([]);
  });

  it('every policy reads the token through a (select …) wrapper, not per row — and the check can fail', async () => {
    expect(await unwrappedPolicies()).toEqual([]);
    const client = await stack.adminPool.connect();
    try {
      await client.query('begin');
      await client.query(`create policy "unwrapped on purpose" on public.products for select to authenticated
                            using (private.user_role() = 'ADMIN')`);
      expect(await unwrappedPolicies(client)).toEqual(['products: unwrapped on purpose']);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('every public function of this schema has a comment and is not executable by anon', async () => {
    const { rows } = await stack.adminPool.query<{ fn: string; documented: boolean; anon: boolean }>(
      `select p.oid::regprocedure::text as fn, obj_description(p.oid, 'pg_proc') is not null as documented,
              has_function_privilege('anon', p.oid, 'execute') as anon
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public'
          and p.proname in ('assign_user_role', 'record_inventory_movement', 'get_store_dashboard', 'custom_access_token_hook')`,
    );
    expect(rows).toHaveLength(4);
    for (const r of rows)
      expect({ fn: r.fn, documented: r.documented, anon: r.anon }).toEqual({
        fn: r.fn,
        documented: true,
        anon: false,
      });
  });
});

async function unwrappedPolicies(
  client: { query: TestStack['adminPool']['query'] } = stack.adminPool,
): Promise<string[]> {
  const { rows } = await client.query<{ policy: string }>(
    `select tablename || ': ' || policyname as policy from pg_policies
      where schemaname = 'public'
        and (coalesce(qual, '') || ' ' || coalesce(with_check, ''))
            ~ '(?<!SELECT )(auth\\.(uid|jwt|role)|private\\.(user_role|scope_store_ids|scope_region_id))\\(\\)'
      order by 1`,
  );
  return rows.map((r) => r.policy);
}
