// The Inventory screen's online drill-down, get_inventory_movements (migration
// 20261206000600): the latest movements newest first with the level after each, the sum
// of all movements equal to the level on record (Property 8), scoped by row-level
// security (another store's SKU comes back empty), and a bad page size refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser } from '../support/as-user.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
const SM_S1 = '00000000-0000-4000-8000-0000000000a1';
const claims = {
  sub: SM_S1,
  role: 'authenticated',
  user_role: 'STORE_MANAGER',
  store_id: 'S1',
  scope_version: 1,
};

interface Trail {
  level: number | null;
  movement_count: number;
  movements_sum: number;
  movements: { quantity: number; reason: string; level_after: number; occurred_at: string }[];
}

beforeAll(async () => {
  stack = await startTestStack();
  await stack.adminPool.query(`
    insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
    insert into public.stores (id, name, region_id, tier, city, state) values
      ('S1', 'Delhi 1', 'NORTH', 'TIER_1', 'Delhi', 'Delhi'), ('S2', 'Chennai 1', 'SOUTH', 'TIER_1', 'Chennai', 'Tamil Nadu');
    insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price)
      values ('ATTA-5', 'Atta 5 kg', 'Staples', 'Flour', 'Aashirvaad', 260, 220);
    insert into auth.users (id, email, aud, role) values ('${SM_S1}', 'sm@t.in', 'authenticated', 'authenticated');
    insert into public.profiles (user_id, email, role, store_id, region_id) values ('${SM_S1}', 'sm@t.in', 'STORE_MANAGER', 'S1', null);
    insert into public.inventory_movements (store_id, sku, quantity, reason, source, occurred_at) values
      ('S1', 'ATTA-5', 40, 'OPENING', 'test', '2026-11-01T04:00:00Z'),
      ('S1', 'ATTA-5', -6, 'SALE', 'test', '2026-11-02T04:00:00Z'),
      ('S1', 'ATTA-5', 12, 'RECEIPT', 'test', '2026-11-03T04:00:00Z'),
      ('S1', 'ATTA-5', -1.5, 'DAMAGE', 'test', '2026-11-04T04:00:00Z'),
      ('S2', 'ATTA-5', 9, 'OPENING', 'test', '2026-11-01T04:00:00Z');`);
});
afterAll(async () => {
  await stack?.stop();
});

const history = async (store: string, rows: number): Promise<Trail> => {
  const r = await asUser<{ t: Trail }>(
    stack.adminPool,
    claims,
    'select public.get_inventory_movements($1, $2, $3) as t',
    [store, 'ATTA-5', rows],
  );
  return r.rows[0]!.t;
};

describe('get_inventory_movements', () => {
  it('returns the latest movements with the level after each, and all of them add up to the level (Property 8)', async () => {
    const t = await history('S1', 3);
    expect(t.level).toBe(44.5);
    expect([t.movement_count, t.movements_sum]).toEqual([4, 44.5]);
    expect(t.movements.map((m) => [m.reason, m.quantity, m.level_after])).toEqual([
      ['DAMAGE', -1.5, 44.5],
      ['RECEIPT', 12, 46],
      ['SALE', -6, 34],
    ]);
  });

  it("shows nothing of a store outside the caller's scope", async () => {
    expect(await history('S2', 10)).toMatchObject({
      level: null,
      movement_count: 0,
      movements_sum: 0,
      movements: [],
    });
  });

  it('refuses a page size out of range with a clear error', async () => {
    await expect(history('S1', 0)).rejects.toThrow('max_rows must be between 1 and 500, got 0');
    await expect(history('S1', 501)).rejects.toThrow('max_rows must be between 1 and 500, got 501');
  });
});
