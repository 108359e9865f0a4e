// Property 29: for random users of every role and scope (including stale tokens and
// inactive or missing profiles) and rows across stores and regions, each table's rows
// reached by select/insert/update/delete equal exactly the set the access rules allow.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSchemaDb, type SchemaDb } from '../integration/schema-harness.ts';
import { checkWorld, installProbe } from './rls-probe.ts';
import { worldArb } from './rls-world.ts';

let db: SchemaDb;
beforeAll(async () => {
  db = await startSchemaDb();
}, 120_000);
afterAll(async () => {
  await db?.stop();
});

describe('row-level security', () => {
  it('Feature: bharat-retail-market-intelligence, Property 29: Role-based data filtering — every table, every operation, exactly the expected rows', async () => {
    const client = await db.pool.connect();
    try {
      await installProbe(client);
      await fc.assert(
        fc.asyncProperty(worldArb(), async (world) => {
          await client.query('begin');
          try {
            expect(await checkWorld(client, world)).toEqual([]);
          } finally {
            await client.query('rollback');
          }
        }),
        { numRuns: 100, seed: 20261202, verbose: 1 },
      );
    } finally {
      client.release();
    }
  }, 300_000);
});
