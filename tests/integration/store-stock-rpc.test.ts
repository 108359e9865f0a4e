// get_store_stock (migration 20261206000900): a supply-chain user's online stock of any
// store, shaped like the synced inventory documents; a store manager only its own store,
// another store refused and audited; an unknown store named in the error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser } from '../support/as-user.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
const SUPPLY = '00000000-0000-4000-8000-0000000000c1';
const SM_S1 = '00000000-0000-4000-8000-0000000000c2';
const supply = { sub: SUPPLY, role: 'authenticated', user_role: 'SUPPLY_CHAIN_USER', scope_version: 1 };
const smS1 = {
  sub: SM_S1,
  role: 'authenticated',
  user_role: 'STORE_MANAGER',
  store_id: 'S1',
  scope_version: 1,
};

interface Stock {
  store_id: string;
  levels: { store_id: string; sku: string; quantity: number }[];
  thresholds: { store_id: string; sku: string; reorder_threshold: number; overstock_threshold: number }[];
  error?: { code: string; message: string };
}

beforeAll(async () => {
  stack = await startTestStack();
  await stack.adminPool.query(`
    insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
    insert into public.stores (id, name, region_id, tier, city, state) values
      ('S1', 'Delhi 1', 'NORTH', 'TIER_1', 'Delhi', 'Delhi'), ('S2', 'Chennai 1', 'SOUTH', 'TIER_1', 'Chennai', 'Tamil Nadu');
    insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price) values
      ('ATTA-5', 'Atta 5 kg', 'Staples', 'Flour', 'Aashirvaad', 260, 220),
      ('DAL-1', 'Toor dal 1 kg', 'Staples', 'Pulses', 'Tata', 160, 130);
    insert into auth.users (id, email, aud, role) values
      ('${SUPPLY}', 'supply@t.in', 'authenticated', 'authenticated'),
      ('${SM_S1}', 'sm@t.in', 'authenticated', 'authenticated');
    insert into public.profiles (user_id, email, role, store_id, region_id) values
      ('${SUPPLY}', 'supply@t.in', 'SUPPLY_CHAIN_USER', null, null),
      ('${SM_S1}', 'sm@t.in', 'STORE_MANAGER', 'S1', null);
    insert into public.inventory_movements (store_id, sku, quantity, reason, source) values
      ('S1', 'ATTA-5', 40, 'OPENING', 'test'), ('S1', 'DAL-1', 3, 'OPENING', 'test'),
      ('S2', 'ATTA-5', 9, 'OPENING', 'test');
    insert into public.inventory_thresholds (store_id, sku, reorder_threshold, overstock_threshold)
      values ('S2', 'ATTA-5', 10, 200);`);
});
afterAll(async () => {
  await stack?.stop();
});

const stock = async (claims: Record<string, unknown>, store: string): Promise<Stock> =>
  (await asUser<{ s: Stock }>(stack.adminPool, claims, 'select public.get_store_stock($1) as s', [store]))
    .rows[0]!.s;

describe('get_store_stock', () => {
  it('gives a supply-chain user any store’s levels and thresholds in the synced documents’ shape', async () => {
    const s2 = await stock(supply, 'S2');
    expect(s2.levels).toEqual([{ store_id: 'S2', sku: 'ATTA-5', quantity: 9 }]);
    expect(s2.thresholds).toEqual([
      { store_id: 'S2', sku: 'ATTA-5', reorder_threshold: 10, overstock_threshold: 200 },
    ]);
    expect((await stock(supply, 'S1')).levels.map((l) => [l.sku, l.quantity])).toEqual([
      ['ATTA-5', 40],
      ['DAL-1', 3],
    ]);
  });

  it('refuses a store manager another store, and records the refusal in the audit log', async () => {
    expect((await stock(smS1, 'S1')).levels).toHaveLength(2);
    const refused = await stock(smS1, 'S2');
    expect(refused.error).toEqual({ code: 'FORBIDDEN', message: 'store S2 is outside your scope' });
    expect(refused.levels).toBeUndefined();
    const audit = await stack.adminPool.query(
      `select actor_id::text, outcome from public.audit_log where action = 'get_store_stock' and resource_id = 'S2'`,
    );
    expect(audit.rows).toEqual([{ actor_id: SM_S1, outcome: 'DENIED' }]);
  });

  it('names an unknown store', async () => {
    expect((await stock(supply, 'NOPE')).error).toEqual({
      code: 'NOT_FOUND',
      message: 'store NOPE does not exist',
    });
  });
});
