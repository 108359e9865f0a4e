// Property 32: for random users of every role (and a deactivated one) calling the scoped API
// functions on random stores, a call is refused exactly when the store is outside the
// caller's permissions, and every refusal — and nothing else — leaves one audit entry
// naming who, what and which store.
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSchemaDb, type SchemaDb } from '../integration/schema-harness.ts';

type Role =
  'ADMIN' | 'REGIONAL_MANAGER' | 'STORE_MANAGER' | 'SUPPLY_CHAIN_USER' | 'BUSINESS_ANALYST' | 'EXECUTIVE';

interface User {
  readonly id: string;
  readonly role: Role;
  readonly store: string | null;
  readonly region: string | null;
  readonly active: boolean;
}

const STORES: Readonly<Record<string, string>> = { N1: 'NORTH', N2: 'NORTH', S1: 'SOUTH' };
const uid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const USERS: readonly User[] = [
  { id: uid(1), role: 'STORE_MANAGER', store: 'N1', region: null, active: true },
  { id: uid(2), role: 'STORE_MANAGER', store: 'S1', region: null, active: true },
  { id: uid(3), role: 'STORE_MANAGER', store: 'N2', region: null, active: false },
  { id: uid(4), role: 'REGIONAL_MANAGER', store: null, region: 'NORTH', active: true },
  { id: uid(5), role: 'REGIONAL_MANAGER', store: null, region: 'SOUTH', active: true },
  { id: uid(6), role: 'EXECUTIVE', store: null, region: null, active: true },
  { id: uid(7), role: 'BUSINESS_ANALYST', store: null, region: null, active: true },
  { id: uid(8), role: 'SUPPLY_CHAIN_USER', store: null, region: null, active: true },
  { id: uid(9), role: 'ADMIN', store: null, region: null, active: true },
];

/** The access rules: the store's raw rows are the caller's (store_in_scope). */
function storeInScope(u: User, store: string): boolean {
  if (!u.active) return false;
  if (u.role === 'ADMIN' || u.role === 'SUPPLY_CHAIN_USER') return true;
  if (u.role === 'STORE_MANAGER') return u.store === store;
  if (u.role === 'REGIONAL_MANAGER') return STORES[store] === u.region;
  return false;
}

/** Each scoped API function, how to call it, and who may call it on a store. */
const CALLS = [
  {
    fn: 'get_store_dashboard',
    sql: `select public.get_store_dashboard($1, date '2026-12-03') as r`,
    // aggregates of any store for chain roles, raw scope for the rest
    allowed: (u: User, s: string) =>
      storeInScope(u, s) || (u.active && (u.role === 'EXECUTIVE' || u.role === 'BUSINESS_ANALYST')),
  },
  { fn: 'get_store_stock', sql: 'select public.get_store_stock($1) as r', allowed: storeInScope },
  { fn: 'get_store_forecasts', sql: 'select public.get_store_forecasts($1) as r', allowed: storeInScope },
  {
    fn: 'get_store_forecast_list',
    sql: 'select public.get_store_forecast_list($1) as r',
    allowed: storeInScope,
  },
  {
    fn: 'get_store_forecast',
    sql: `select public.get_store_forecast($1, 'RICE-1') as r`,
    allowed: storeInScope,
  },
] as const;

let db: SchemaDb;
beforeAll(async () => {
  db = await startSchemaDb();
  await db.pool.query(`
    insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
    insert into public.stores (id, name, region_id, tier, city, state) values
      ('N1', 'Delhi 1', 'NORTH', 'TIER_1', 'Delhi', 'DL'), ('N2', 'Agra 1', 'NORTH', 'TIER_2', 'Agra', 'UP'),
      ('S1', 'Chennai 1', 'SOUTH', 'TIER_1', 'Chennai', 'TN');`);
  for (const u of USERS) {
    await db.pool.query(
      `insert into auth.users (id, email, aud, role) values ($1, $2, 'authenticated', 'authenticated')`,
      [u.id, `${u.id}@t.in`],
    );
    await db.pool.query(
      `insert into public.profiles (user_id, email, role, store_id, region_id, status) values ($1, $2, $3, $4, $5, $6)`,
      [u.id, `${u.id}@t.in`, u.role, u.store, u.region, u.active ? 'ACTIVE' : 'INACTIVE'],
    );
  }
}, 120_000);
afterAll(async () => {
  await db?.stop();
});

interface Audit {
  actor_id: string;
  action: string;
  resource: string;
  resource_id: string;
  outcome: string;
}

async function callAs(
  client: pg.PoolClient,
  u: User,
  sql: string,
  store: string,
): Promise<Record<string, unknown>> {
  // As the access-token hook issues them: the store manager's region is its store's.
  const region = u.region ?? (u.store === null ? null : (STORES[u.store] ?? null));
  const claims = {
    sub: u.id,
    role: 'authenticated',
    user_role: u.role,
    scope_version: 1,
    ...(u.store === null ? {} : { store_id: u.store }),
    ...(region === null ? {} : { region_id: region }),
  };
  await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
  await client.query('set local role authenticated');
  try {
    return (await client.query<{ r: Record<string, unknown> }>(sql, [store])).rows[0]!.r;
  } finally {
    await client.query('reset role');
  }
}

describe('scoped API functions', () => {
  it('Feature: bharat-retail-market-intelligence, Property 32: Authorization enforcement and logging — refused exactly outside the caller’s permissions, each refusal audited once', async () => {
    const client = await db.pool.connect();
    try {
      const step = fc.record({
        user: fc.constantFrom(...USERS),
        call: fc.constantFrom(...CALLS),
        store: fc.constantFrom(...Object.keys(STORES)),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
          await client.query('begin');
          try {
            for (const { user, call, store } of steps) {
              const before = Number(
                (await client.query('select count(*) from public.audit_log')).rows[0].count,
              );
              const answer = await callAs(client, user, call.sql, store);
              const added = (
                await client.query<Audit>(
                  `select actor_id::text, action, resource, resource_id, outcome from public.audit_log
                    order by id offset $1`,
                  [before],
                )
              ).rows;
              if (call.allowed(user, store)) {
                expect(answer['error'], `${user.role} ${call.fn}(${store})`).toBeUndefined();
                expect(added).toEqual([]);
              } else {
                expect(answer['error'], `${user.role} ${call.fn}(${store})`).toEqual({
                  code: 'FORBIDDEN',
                  message: `store ${store} is outside your scope`,
                });
                expect(added).toEqual([
                  {
                    actor_id: user.id,
                    action: call.fn,
                    resource: 'stores',
                    resource_id: store,
                    outcome: 'DENIED',
                  },
                ]);
              }
            }
          } finally {
            await client.query('rollback');
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      client.release();
    }
  }, 300_000);
});
