// Mutation check for Property 29: widening any single policy (its USING and WITH CHECK
// replaced by `true`, in a rolled-back transaction) must make the RLS checker report a
// mismatch. A policy whose widening goes unnoticed is either redundant or untested.
// Covers the tables of shared/domain/access-rules.ts; a new table joins by getting rules
// there and a spec in rls-tables.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSchemaDb, type SchemaDb } from '../integration/schema-harness.ts';
import { checkWorldTables, installProbe } from './rls-probe.ts';
import { TABLE_SPECS } from './rls-tables.ts';
import { uuid, type World, type WorldUser } from './rls-world.ts';

const user = (n: number, u: Omit<WorldUser, 'id' | 'active' | 'token'> & Partial<WorldUser>): WorldUser => ({
  id: uuid(100 + n),
  active: true,
  token: 'current',
  ...u,
});

/** Every role, both scoped roles in and out of each other's scope, and invalid tokens. */
export const FIXED_WORLD: World = {
  regions: ['RA', 'RB', 'RC'],
  storeRegion: new Map([
    ['S1', 'RA'],
    ['S2', 'RA'],
    ['S3', 'RB'],
  ]),
  users: [
    user(0, { role: 'ADMIN', storeId: null, regionId: null }),
    user(1, { role: 'REGIONAL_MANAGER', storeId: null, regionId: 'RA' }),
    user(2, { role: 'STORE_MANAGER', storeId: 'S1', regionId: null }),
    user(3, { role: 'SUPPLY_CHAIN_USER', storeId: null, regionId: null }),
    user(4, { role: 'BUSINESS_ANALYST', storeId: null, regionId: null }),
    user(5, { role: 'EXECUTIVE', storeId: null, regionId: null }),
    user(6, { role: 'ADMIN', storeId: null, regionId: null, token: 'stale' }),
    user(7, { role: 'STORE_MANAGER', storeId: 'S3', regionId: null, active: false }),
    user(8, { role: 'EXECUTIVE', storeId: null, regionId: null, token: 'noProfile' }),
  ],
  alerts: [
    { title: 'alert-0', type: 'LOW_STOCK', storeId: 'S1', regionId: 'RA' },
    { title: 'alert-1', type: 'SALES', storeId: 'S3', regionId: 'RB' },
    { title: 'alert-2', type: 'PRICING', storeId: null, regionId: 'RB' },
    { title: 'alert-3', type: 'INTEGRATION', storeId: null, regionId: null },
  ],
};

let db: SchemaDb;
beforeAll(async () => {
  db = await startSchemaDb();
}, 120_000);
afterAll(async () => {
  await db?.stop();
});

describe('row-level security mutation check', () => {
  it('Feature: bharat-retail-market-intelligence, Property 29: the fixed world passes unmutated', async () => {
    const client = await db.pool.connect();
    try {
      await installProbe(client);
      await client.query('begin');
      expect(await checkWorldTables(client, FIXED_WORLD, TABLE_SPECS)).toEqual([]);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('Feature: bharat-retail-market-intelligence, Property 29: widening any single policy is detected', async () => {
    const client = await db.pool.connect();
    const undetected: string[] = [];
    try {
      await installProbe(client);
      const { rows: policies } = await client.query<{
        tablename: string;
        policyname: string;
        qual: string | null;
        with_check: string | null;
      }>(
        `select tablename, policyname, qual, with_check from pg_policies
            where schemaname = 'public' and 'authenticated' = any (roles) and tablename = any ($1)
            order by tablename, policyname`,
        [TABLE_SPECS.map((s) => s.table)],
      );
      expect(policies.length).toBeGreaterThan(40);
      for (const p of policies) {
        const specs = TABLE_SPECS.filter(
          (s) => s.table === p.tablename || (p.tablename === 'alerts' && s.table === 'alert_history'),
        );
        expect(specs.length, `no spec for table ${p.tablename}`).toBeGreaterThan(0);
        await client.query('begin');
        try {
          const widen = [
            p.qual !== null ? 'using (true)' : '',
            p.with_check !== null ? 'with check (true)' : '',
          ].join(' ');
          await client.query(
            `alter policy ${client.escapeIdentifier(p.policyname)} on public.${client.escapeIdentifier(p.tablename)} ${widen}`,
          );
          const problems = await checkWorldTables(client, FIXED_WORLD, specs);
          if (problems.length === 0) undetected.push(`${p.tablename}: ${p.policyname}`);
        } finally {
          await client.query('rollback');
        }
      }
    } finally {
      client.release();
    }
    expect(undetected).toEqual([]);
  }, 600_000);
});
