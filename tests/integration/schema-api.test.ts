// The scope API and its refusals: token claims from the hook, role changes bumping the
// scope version, out-of-scope attempts refused and audited (Property 32), bad input
// refused with a clear error and nothing changed, append-only tables.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { asUser as asUserOn } from '../support/as-user.ts';

let stack: TestStack;
const ADMIN = '00000000-0000-4000-8000-000000000001';
const RM_NORTH = '00000000-0000-4000-8000-000000000002';
const SM_S1 = '00000000-0000-4000-8000-000000000003';

beforeAll(async () => {
  stack = await startTestStack();
  await stack.adminPool.query(`
    insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
    insert into public.stores (id, name, region_id, tier, city, state) values
      ('S1', 'Delhi 1', 'NORTH', 'TIER_1', 'Delhi', 'Delhi'), ('S2', 'Chennai 1', 'SOUTH', 'TIER_1', 'Chennai', 'Tamil Nadu');
    insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price)
      values ('ATTA-5', 'Atta 5 kg', 'Staples', 'Flour', 'Aashirvaad', 260, 220);
    insert into auth.users (id, email, aud, role) values
      ('${ADMIN}', 'admin@t.in', 'authenticated', 'authenticated'),
      ('${RM_NORTH}', 'rm@t.in', 'authenticated', 'authenticated'),
      ('${SM_S1}', 'sm@t.in', 'authenticated', 'authenticated');
    insert into public.profiles (user_id, email, role, store_id, region_id) values
      ('${ADMIN}', 'admin@t.in', 'ADMIN', null, null),
      ('${RM_NORTH}', 'rm@t.in', 'REGIONAL_MANAGER', null, 'NORTH'),
      ('${SM_S1}', 'sm@t.in', 'STORE_MANAGER', 'S1', null);
    insert into public.inventory_movements (store_id, sku, quantity, reason, source)
      values ('S1', 'ATTA-5', 10, 'OPENING', 'test'), ('S2', 'ATTA-5', 10, 'OPENING', 'test');`);
});
afterAll(async () => {
  await stack?.stop();
});

/** Claims as the hook issues them for `userId` right now. */
async function claimsFor(userId: string): Promise<Record<string, unknown>> {
  const client = await stack.adminPool.connect();
  try {
    await client.query('begin');
    await client.query('set local role supabase_auth_admin');
    const { rows } = await client.query<{ out: { claims: Record<string, unknown> } }>(
      `select public.custom_access_token_hook($1) as out`,
      [{ user_id: userId, claims: { sub: userId, role: 'authenticated', aud: 'authenticated' } }],
    );
    return rows[0]?.out.claims ?? {};
  } finally {
    await client.query('rollback');
    client.release();
  }
}

/** Runs `sql` as the user with `claims`, committing (so refusals' audit entries stay). */
function asUser<T extends pg.QueryResultRow>(
  claims: Record<string, unknown>,
  sql: string,
  params: unknown[] = [],
) {
  return asUserOn<T>(stack.adminPool, claims, sql, params);
}

const level = async (store: string): Promise<string | undefined> =>
  (
    await stack.adminPool.query<{ q: string }>(
      `select quantity::text as q from public.inventory_levels where store_id = $1`,
      [store],
    )
  ).rows[0]?.q;
const auditCount = async (): Promise<number> =>
  (await stack.adminPool.query<{ n: number }>(`select count(*)::int as n from public.audit_log`)).rows[0]
    ?.n ?? 0;

describe('custom access token hook', () => {
  it("adds role, store, the store's region and scope version to the claims", async () => {
    expect(await claimsFor(SM_S1)).toMatchObject({
      user_role: 'STORE_MANAGER',
      store_id: 'S1',
      region_id: 'NORTH',
      scope_version: 1,
      role: 'authenticated',
    });
    expect(await claimsFor(RM_NORTH)).toMatchObject({
      user_role: 'REGIONAL_MANAGER',
      store_id: null,
      region_id: 'NORTH',
    });
  });

  it('adds nothing for a user without a profile', async () => {
    const claims = await claimsFor('00000000-0000-4000-8000-0000000000ff');
    expect(claims).not.toHaveProperty('user_role');
  });
});

describe('assign_user_role', () => {
  it('refuses a wrong role name with a clear error and changes nothing', async () => {
    const admin = await claimsFor(ADMIN);
    await expect(
      asUser(admin, `select public.assign_user_role($1, 'STORE_BOSS', 'S1')`, [SM_S1]),
    ).rejects.toThrow(/invalid role "STORE_BOSS": expected one of ADMIN, REGIONAL_MANAGER, STORE_MANAGER/);
    expect((await claimsFor(SM_S1))['scope_version']).toBe(1);
  });

  it('refuses a store outside the given region', async () => {
    const admin = await claimsFor(ADMIN);
    await expect(
      asUser(admin, `select public.assign_user_role($1, 'STORE_MANAGER', 'S2', 'NORTH')`, [SM_S1]),
    ).rejects.toThrow(/store "S2" is in region "SOUTH", not in region "NORTH"/);
  });

  it('refuses and audits a non-admin', async () => {
    const before = await auditCount();
    const { rows } = await asUser<{ r: { error: { code: string } } }>(
      await claimsFor(RM_NORTH),
      `select public.assign_user_role($1, 'ADMIN') as r`,
      [RM_NORTH],
    );
    expect(rows[0]?.r.error.code).toBe('FORBIDDEN');
    expect(await auditCount()).toBe(before + 1);
    const { rows: audit } = await stack.adminPool.query(
      `select actor_id, actor_role, action, outcome from public.audit_log order by id desc limit 1`,
    );
    expect(audit[0]).toEqual({
      actor_id: RM_NORTH,
      actor_role: 'REGIONAL_MANAGER',
      action: 'assign_user_role',
      outcome: 'DENIED',
    });
  });

  it('bumps the scope version, which retires tokens issued before', async () => {
    const oldClaims = await claimsFor(SM_S1);
    const seenBefore = await asUser<{ n: number }>(oldClaims, `select count(*)::int as n from public.stores`);
    expect(seenBefore.rows[0]?.n).toBe(1);
    await asUser(await claimsFor(ADMIN), `select public.assign_user_role($1, 'STORE_MANAGER', 'S2')`, [
      SM_S1,
    ]);
    expect(await claimsFor(SM_S1)).toMatchObject({ store_id: 'S2', region_id: 'SOUTH', scope_version: 2 });
    const seenAfter = await asUser<{ n: number }>(oldClaims, `select count(*)::int as n from public.stores`);
    expect(seenAfter.rows[0]?.n).toBe(0);
    await asUser(await claimsFor(ADMIN), `select public.assign_user_role($1, 'STORE_MANAGER', 'S1')`, [
      SM_S1,
    ]);
  });
});

describe('record_inventory_movement', () => {
  it("refuses and audits a store outside the regional manager's region, stock unchanged", async () => {
    const before = await auditCount();
    const { rows } = await asUser<{ r: { error: { message: string } } }>(
      await claimsFor(RM_NORTH),
      `select public.record_inventory_movement('S2', 'ATTA-5', 5, 'RECEIPT') as r`,
    );
    expect(rows[0]?.r.error.message).toBe('store S2 is outside your scope');
    expect(await auditCount()).toBe(before + 1);
    expect(await level('S2')).toBe('10.000');
  });

  it('refuses a movement that would make stock negative, nothing written', async () => {
    const movements = async () =>
      (await stack.adminPool.query(`select count(*)::int as n from public.inventory_movements`)).rows[0];
    const countBefore = await movements();
    await expect(
      asUser(
        await claimsFor(SM_S1),
        `select public.record_inventory_movement('S1', 'ATTA-5', -11, 'ADJUSTMENT')`,
      ),
    ).rejects.toThrow(
      /stock of SKU ATTA-5 at store S1 would become -1.000 \(negative stock is not allowed at this store\)/,
    );
    expect(await level('S1')).toBe('10.000');
    expect(await movements()).toEqual(countBefore);
  });

  it('records an in-scope movement once per client id', async () => {
    const sm = await claimsFor(SM_S1);
    const sql = `select public.record_inventory_movement('S1', 'ATTA-5', 4, 'RECEIPT', '00000000-0000-4000-8000-0000000000aa') as r`;
    const first = await asUser<{ r: { level: number; replayed: boolean } }>(sm, sql);
    const again = await asUser<{ r: { level: number; replayed: boolean } }>(sm, sql);
    expect(first.rows[0]?.r).toMatchObject({ level: 14, replayed: false });
    expect(again.rows[0]?.r).toMatchObject({ level: 14, replayed: true });
  });

  it('refuses an unknown reason with the list of valid ones', async () => {
    await expect(
      asUser(await claimsFor(SM_S1), `select public.record_inventory_movement('S1', 'ATTA-5', 1, 'GIFT')`),
    ).rejects.toThrow(/invalid reason "GIFT": expected one of RECEIPT, RETURN/);
  });
});

describe('append-only tables', () => {
  it('refuses updates and deletes of the audit log and movements even for the superuser', async () => {
    await expect(stack.adminPool.query(`update public.audit_log set outcome = 'ALLOWED'`)).rejects.toThrow(
      /audit_log is append-only/,
    );
    await expect(stack.adminPool.query(`delete from public.audit_log`)).rejects.toThrow(
      /audit_log is append-only/,
    );
    await expect(stack.adminPool.query(`truncate public.audit_log`)).rejects.toThrow(/append-only/);
    await expect(stack.adminPool.query(`delete from public.inventory_movements`)).rejects.toThrow(
      /inventory_movements is append-only/,
    );
    await expect(stack.adminPool.query(`update public.inventory_levels set quantity = 99`)).rejects.toThrow(
      /insert a movement instead/,
    );
  });

  it('refuses the dashboard of another store and audits it', async () => {
    const before = await auditCount();
    const { rows } = await asUser<{ r: { error?: unknown; store_id?: string } }>(
      await claimsFor(SM_S1),
      `select public.get_store_dashboard('S2', '2026-12-01') as r`,
    );
    expect(rows[0]?.r.error).toBeDefined();
    expect(await auditCount()).toBe(before + 1);
    const own = await asUser<{ r: { store_id: string } }>(
      await claimsFor(SM_S1),
      `select public.get_store_dashboard('S1', '2026-12-01') as r`,
    );
    expect(own.rows[0]?.r.store_id).toBe('S1');
  });
});
