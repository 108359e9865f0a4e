// Real pg_cron where the server has it (CI's Debian PostgreSQL 15 preloads it with
// cron.database_name = postgres). pg_cron lives in that one database and runs jobs in
// any database through cron.schedule_in_database; per-test databases (clones of the
// migrated template) can never host it, so bootstrap/30-cron.sql gives them the local
// stand-in and the stack's scheduler runs their jobs. Both halves are checked here.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, withDatabase } from '../../supabase/local/db/databases.ts';

const adminUrl = inject('databaseAdminUrl');
const CRON_SQL = new URL('../../supabase/local/bootstrap/30-cron.sql', import.meta.url);

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const server = await withClient(adminUrl, async (c) => {
  const { rows } = await c.query<{ available: boolean; preload: string; cron_db: string | null }>(
    `select exists (select from pg_available_extensions where name = 'pg_cron') as available,
            current_setting('shared_preload_libraries') as preload,
            current_setting('cron.database_name', true) as cron_db`,
  );
  return rows[0]!;
});
const realCron = server.available && /(^|,)\s*pg_cron\s*(,|$)/.test(server.preload);
const cronDatabase = server.cron_db ?? 'postgres';

async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('pg_cron bootstrap choice', () => {
  it('gives a per-test database the stand-in, never a half-created extension', async () => {
    const name = `brmi_cron_${randomUUID().slice(0, 8)}`;
    const url = await createDatabase(adminUrl, name, inject('templateDatabase'));
    try {
      const state = await withClient(url, async (c) => {
        const { rows } = await c.query<{ ext: boolean; standin: boolean }>(
          `select exists (select from pg_extension where extname = 'pg_cron') as ext,
                  to_regprocedure('cron._checked_schedule(text)') is not null as standin`,
        );
        return rows[0]!;
      });
      expect(state).toEqual({ ext: false, standin: true });
    } finally {
      await dropDatabase(adminUrl, name);
    }
  });
});

describe.skipIf(!realCron)(
  'real pg_cron (skipped unless the server preloads pg_cron: embedded Postgres 17 has none; CI runs it on Debian PostgreSQL 15)',
  () => {
    const cronUrl = withDatabase(adminUrl, cronDatabase);

    it('creates the real extension in cron.database_name', async () => {
      await withClient(cronUrl, async (c) => {
        await c.query('begin');
        await c.query(await readFile(CRON_SQL, 'utf8'));
        await c.query('commit');
        const { rows } = await c.query<{ ext: boolean; standin: boolean }>(
          `select exists (select from pg_extension where extname = 'pg_cron') as ext,
                  to_regprocedure('cron._checked_schedule(text)') is not null as standin`,
        );
        expect(rows[0]).toEqual({ ext: true, standin: false });
      });
    });

    it('runs a job in its own database and, via schedule_in_database, in a per-test database', async () => {
      const id = randomUUID().slice(0, 8);
      const testDb = `brmi_cron_${id}`;
      const testUrl = await createDatabase(adminUrl, testDb, inject('templateDatabase'));
      const table = `public.pg_cron_probe_${id}`;
      const create = `create table ${table} (at timestamptz default now())`;
      const command = `insert into ${table} default values`;
      try {
        await withClient(testUrl, (c) => c.query(create));
        await withClient(cronUrl, async (c) => {
          await c.query(create);
          // Debian's pg_cron is 1.4: no '[1-59] seconds' schedules, so the next minute it is.
          const here = await c.query<{ id: string }>(`select cron.schedule($1, '* * * * *', $2) as id`, [
            `here-${id}`,
            command,
          ]);
          const there = await c.query<{ id: string }>(
            `select cron.schedule_in_database($1, '* * * * *', $2, $3) as id`,
            [`there-${id}`, command, testDb],
          );
          const jobs = [here.rows[0]!.id, there.rows[0]!.id];
          try {
            const runs = await poll(
              async () => {
                const { rows } = await c.query<{ jobid: string; status: string; return_message: string }>(
                  `select jobid, status, return_message from cron.job_run_details
                     where jobid = any($1::bigint[]) and status in ('succeeded', 'failed')`,
                  [jobs],
                );
                return new Set(rows.map((r) => r.jobid)).size === 2 ? rows : undefined;
              },
              'a finished run of both jobs',
              80_000,
            );
            for (const run of runs)
              expect(run).toMatchObject({ status: 'succeeded', return_message: 'INSERT 0 1' });
          } finally {
            for (const job of jobs) await c.query('select cron.unschedule($1::bigint)', [job]);
            await c.query(`drop table ${table}`);
          }
        });
        const landed = await withClient(testUrl, (c) => c.query(`select 1 from ${table}`));
        expect(landed.rowCount).toBeGreaterThanOrEqual(1);
      } finally {
        await dropDatabase(adminUrl, testDb);
      }
    }, 120_000);
  },
);
