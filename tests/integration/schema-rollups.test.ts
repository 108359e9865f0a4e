// Rollups equal the facts they summarise (Property 1), levels equal the sum of movements
// (Properties 5, 8), stock by category equals the sum of its SKUs (Property 9) — on a
// small generated demo, and for random movement sequences.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '../../shared/demo/demo-world.ts';
import { mulberry32 } from '../../shared/forecasting/rng.ts';
import { loadDemo } from '../../supabase/local/seed.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  const world = buildDemoWorld(mulberry32(5), {
    stores: 6,
    skus: 150,
    days: 45,
    rawDays: 10,
    today: '2026-11-30',
    hourNow: 24,
  });
  await loadDemo(stack.adminPool, world);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const count = async (sql: string): Promise<number> =>
  (await stack.adminPool.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`)).rows[0]?.n ?? -1;

const RAW_FROM = `(select min(business_date) from public.transaction_items)`;

describe('rollups equal the raw facts inside the raw window', () => {
  it('has raw facts to compare', async () => {
    expect(await count('select 1 from public.transaction_items')).toBeGreaterThan(1000);
    expect(await count('select 1 from public.transactions where customer_id is not null')).toBeGreaterThan(
      100,
    );
  });

  it('Feature: bharat-retail-market-intelligence, Property 1: SKU×store×day = line items', async () => {
    expect(
      await count(`
      select * from (select store_id, sku, business_date, sum(quantity) u, sum(line_total) r, count(*)::int c
                       from public.transaction_items group by 1, 2, 3) f
      full join (select store_id, sku, business_date, units u, revenue r, transaction_count c from public.sales_sku_store_day
                  where business_date >= ${RAW_FROM}) r using (store_id, sku, business_date)
      where (f.u, f.r, f.c) is distinct from (r.u, r.r, r.c)`),
    ).toBe(0);
  });

  it('Feature: bharat-retail-market-intelligence, Property 1: store×day×category and region×day×category = line items', async () => {
    expect(
      await count(`
      select * from (select i.store_id, i.business_date, p.category, sum(i.line_total) r, sum(i.quantity) u, count(distinct i.transaction_id)::int c
                       from public.transaction_items i join public.products p using (sku) group by 1, 2, 3) f
      full join (select store_id, business_date, category, revenue r, units u, transaction_count c from public.sales_store_day_category
                  where business_date >= ${RAW_FROM}) r using (store_id, business_date, category)
      where (f.r, f.u, f.c) is distinct from (r.r, r.u, r.c)`),
    ).toBe(0);
    expect(
      await count(`
      select * from (select s.region_id, i.business_date, p.category, sum(i.line_total) r, count(distinct i.transaction_id)::int c
                       from public.transaction_items i join public.products p using (sku) join public.stores s on s.id = i.store_id
                      group by 1, 2, 3) f
      full join (select region_id, business_date, category, revenue r, transaction_count c from public.sales_region_day_category
                  where business_date >= ${RAW_FROM}) r using (region_id, business_date, category)
      where (f.r, f.c) is distinct from (r.r, r.c)`),
    ).toBe(0);
  });

  it('Feature: bharat-retail-market-intelligence, Property 1: store×hour (IST) = transactions, and transaction totals = their lines', async () => {
    expect(
      await count(`
      select * from (select store_id, date_trunc('hour', occurred_at at time zone 'Asia/Kolkata') at time zone 'Asia/Kolkata' h,
                            sum(total_amount) r, count(*)::int c from public.transactions group by 1, 2) f
      full join (select store_id, hour_start h, revenue r, transaction_count c from public.sales_store_hour
                  where (hour_start at time zone 'Asia/Kolkata')::date >= ${RAW_FROM}) r using (store_id, h)
      where (f.r, f.c) is distinct from (r.r, r.c)`),
    ).toBe(0);
    // Whole-day store totals = the store's hours of that IST day, every day (history too).
    expect(
      await count(`
      select * from (select store_id, (hour_start at time zone 'Asia/Kolkata')::date d, sum(revenue) r, sum(units) u,
                            sum(transaction_count)::int c from public.sales_store_hour group by 1, 2) h
      full join (select store_id, business_date d, revenue r, units u, transaction_count c from public.sales_store_day) s
        using (store_id, d)
      where (h.r, h.u, h.c) is distinct from (s.r, s.u, s.c)`),
    ).toBe(0);
    expect(
      await count(`
      select 1 from public.transactions t
       join (select business_date, transaction_id, sum(line_total) s, count(*)::int n from public.transaction_items group by 1, 2) i
         on i.business_date = t.business_date and i.transaction_id = t.id
      where i.s <> t.total_amount or i.n <> t.item_count`),
    ).toBe(0);
  });

  it('Feature: bharat-retail-market-intelligence, Property 1: before the raw window, store and region category rollups = SKU×store×day', async () => {
    expect(
      await count(`
      select * from (select d.store_id, d.business_date, p.category, sum(d.revenue) r, sum(d.units) u
                       from public.sales_sku_store_day d join public.products p using (sku)
                      where d.business_date < ${RAW_FROM} group by 1, 2, 3) f
      full join (select store_id, business_date, category, revenue r, units u from public.sales_store_day_category
                  where business_date < ${RAW_FROM}) r using (store_id, business_date, category)
      where (f.r, f.u) is distinct from (r.r, r.u)`),
    ).toBe(0);
    expect(
      await count(`
      select * from (select s.region_id, c.business_date, c.category, sum(c.revenue) r, sum(c.transaction_count) n
                       from public.sales_store_day_category c join public.stores s on s.id = c.store_id group by 1, 2, 3) f
      full join public.sales_region_day_category r using (region_id, business_date, category)
      where (f.r, f.n) is distinct from (r.revenue, r.transaction_count)`),
    ).toBe(0);
  });

  it('Feature: bharat-retail-market-intelligence, Property 1: before the raw window, store×hour sums to SKU×store×day, with baskets counted once', async () => {
    expect(
      await count(`
      select * from (select store_id, business_date d, sum(revenue) r, sum(units) u
                       from public.sales_sku_store_day where business_date < ${RAW_FROM} group by 1, 2) f
      full join (select store_id, (hour_start at time zone 'Asia/Kolkata')::date d, sum(revenue) r, sum(units) u
                   from public.sales_store_hour
                  where (hour_start at time zone 'Asia/Kolkata')::date < ${RAW_FROM} group by 1, 2) h using (store_id, d)
      where (f.r, f.u) is distinct from (h.r, h.u)`),
    ).toBe(0);
    // Baskets counted once: fewer than the per-category counts, like the raw window's.
    const { rows } = await stack.adminPool.query<{ hist: number; raw: number }>(`
      select (select sum(revenue) / sum(transaction_count) from public.sales_store_hour
               where (hour_start at time zone 'Asia/Kolkata')::date < ${RAW_FROM})::float8 as hist,
             (select sum(revenue) / sum(transaction_count) from public.sales_store_hour
               where (hour_start at time zone 'Asia/Kolkata')::date >= ${RAW_FROM})::float8 as raw`);
    const { hist, raw } = rows[0]!;
    expect(hist / raw).toBeGreaterThan(0.8);
    expect(hist / raw).toBeLessThan(1.25);
  });

  it('keeps 45 days of SKU history but only 10 days of raw lines', async () => {
    const { rows } = await stack.adminPool.query<{ d: number }>(
      `select count(distinct business_date)::int as d from public.sales_sku_store_day`,
    );
    expect(rows[0]?.d).toBe(45);
    const raw = await stack.adminPool.query<{ d: number }>(
      `select count(distinct business_date)::int as d from public.transaction_items`,
    );
    expect(raw.rows[0]?.d).toBe(10);
  });
});

describe('inventory', () => {
  it('Feature: bharat-retail-market-intelligence, Property 8: every level equals the sum of its movements on the demo', async () => {
    expect(
      await count(`
      select * from (select store_id, sku, sum(quantity) q from public.inventory_movements group by 1, 2) m
      full join public.inventory_levels l using (store_id, sku)
      where m.q is distinct from l.quantity`),
    ).toBe(0);
    expect(await count('select 1 from public.inventory_levels where quantity < 0')).toBe(0);
  });

  it('Feature: bharat-retail-market-intelligence, Property 9: stock by category = sum of SKU levels', async () => {
    const store = (
      await stack.adminPool.query<{ id: string }>(`select id from public.stores order by id limit 1`)
    ).rows[0]?.id;
    const { rows } = await stack.adminPool.query<{ category: string; quantity: string }>(
      `select category, quantity::text from public.get_inventory_by_category($1)`,
      [store],
    );
    const levels = await stack.adminPool.query<{ category: string; q: string }>(
      `select p.category, l.quantity::text as q from public.inventory_levels l join public.products p using (sku) where l.store_id = $1`,
      [store],
    );
    const expected = new Map<string, number>();
    for (const l of levels.rows)
      expected.set(l.category, (expected.get(l.category) ?? 0) + Math.round(Number(l.q) * 1000));
    expect(rows.length).toBe(expected.size);
    for (const r of rows) expect(Math.round(Number(r.quantity) * 1000)).toBe(expected.get(r.category));
  });

  it('Feature: bharat-retail-market-intelligence, Property 5: for random movement sequences the level is their sum, and a movement below zero is refused whole', async () => {
    const client = await stack.adminPool.connect();
    try {
      await client.query(`insert into public.stores (id, name, region_id, tier, city, state, allow_negative_stock)
                          select 'NEG-OK', 'Counts lag', id, 'RURAL', 'Gaya', 'Bihar', true from public.regions limit 1
                          on conflict do nothing`);
      const sku =
        (await client.query<{ sku: string }>(`select sku from public.products order by sku limit 1`)).rows[0]
          ?.sku ?? '';
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.array(
              fc.integer({ min: -20, max: 30 }).filter((q) => q !== 0),
              { minLength: 1, maxLength: 4 },
            ),
            { minLength: 1, maxLength: 6 },
          ),
          fc.constantFrom('NEG-OK', 'ST-0001'),
          async (statements, store) => {
            await client.query('begin');
            try {
              const start = Number(
                (
                  await client.query(
                    `select coalesce((select quantity from public.inventory_levels where store_id = $1 and sku = $2), 0) q`,
                    [store, sku],
                  )
                ).rows[0]?.q,
              );
              let expected = start;
              for (const qs of statements) {
                await client.query('savepoint s');
                try {
                  await client.query(
                    `insert into public.inventory_movements (store_id, sku, quantity, reason, source)
                                      select $1, $2, q, 'ADJUSTMENT', 'test' from unnest($3::int[]) q`,
                    [store, sku, qs],
                  );
                  await client.query('release savepoint s');
                  expected += qs.reduce((a, b) => a + b, 0);
                  expect(store === 'NEG-OK' || expected >= 0).toBe(true);
                } catch (err) {
                  await client.query('rollback to savepoint s');
                  expect(store).toBe('ST-0001');
                  expect(expected + qs.reduce((a, b) => a + b, 0)).toBeLessThan(0);
                  expect((err as Error).message).toMatch(
                    /would become -\d+\.000 \(negative stock is not allowed/,
                  );
                }
              }
              const { rows } = await client.query<{ level: string; total: string }>(
                `select (select quantity from public.inventory_levels where store_id = $1 and sku = $2)::text as level,
                        (select sum(quantity) from public.inventory_movements where store_id = $1 and sku = $2)::text as total`,
                [store, sku],
              );
              expect(Number(rows[0]?.level)).toBe(expected);
              expect(Number(rows[0]?.total)).toBe(expected);
            } finally {
              await client.query('rollback');
            }
          },
        ),
        { numRuns: 100, seed: 5 },
      );
    } finally {
      client.release();
    }
  });
});
