// Migration runner and platform bootstrap on empty databases: name order, tracking as
// the Supabase CLI records it, idempotent re-runs, and a failing file that names itself
// and leaves nothing of itself applied.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { bootstrap } from '../../supabase/local/db/bootstrap.ts';
import { createDatabase, dropDatabase } from '../../supabase/local/db/databases.ts';
import { migrate, MigrationError } from '../../supabase/local/db/migrate.ts';

let name: string;
let pool: pg.Pool;
let dir: string;

beforeEach(async () => {
  name = `brmi_migr_${randomUUID().slice(0, 8)}`;
  pool = new pg.Pool({ connectionString: await createDatabase(inject('databaseAdminUrl'), name), max: 2 });
  dir = await mkdtemp(join(tmpdir(), 'brmi-migrations-'));
});

afterEach(async () => {
  await pool.end();
  await dropDatabase(inject('databaseAdminUrl'), name);
  await rm(dir, { recursive: true, force: true });
});

const file = (n: string, sql: string): Promise<void> => writeFile(join(dir, n), sql);

describe('migrate', () => {
  it('applies files in name order and records them as the Supabase CLI does', async () => {
    // The second file depends on the first: only name order makes this succeed.
    await file('20260102000000_add_column.sql', 'alter table public.things add column note text;');
    await file(
      '20260101000000_create_things.sql',
      "create table public.things (id int);\ncomment on table public.things is 'a; b';\n",
    );
    await file('README.md', 'not a migration');
    const r = await migrate(pool, dir);
    expect(r.applied).toEqual(['20260101000000_create_things.sql', '20260102000000_add_column.sql']);
    const { rows } = await pool.query(
      'select version, name, statements from supabase_migrations.schema_migrations order by version',
    );
    expect(rows).toEqual([
      {
        version: '20260101000000',
        name: 'create_things',
        statements: ['create table public.things (id int);', "comment on table public.things is 'a; b';"],
      },
      {
        version: '20260102000000',
        name: 'add_column',
        statements: ['alter table public.things add column note text;'],
      },
    ]);
  });

  it('applies only new files when run again', async () => {
    await file('20260101000000_a.sql', 'create table public.a (id int);');
    expect((await migrate(pool, dir)).applied).toHaveLength(1);
    expect((await migrate(pool, dir)).applied).toEqual([]);
    await file('20260103000000_b.sql', 'create table public.b (id int);');
    expect((await migrate(pool, dir)).applied).toEqual(['20260103000000_b.sql']);
  });

  it('stops at a failing file, names it with the line and the Postgres error, and leaves nothing of it', async () => {
    await file('20260101000000_ok.sql', 'create table public.ok (id int);');
    await file(
      '20260102000000_broken.sql',
      'create table public.half (id int);\ninsert into public.half values (1);\nselect * from public.missing_table;\n',
    );
    await file('20260103000000_later.sql', 'create table public.later (id int);');
    const err = await migrate(pool, dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MigrationError);
    const m = err as MigrationError;
    expect(m.file).toBe('20260102000000_broken.sql');
    expect(m.message).toContain('20260102000000_broken.sql (line 3, column 15)');
    expect(m.message).toContain('relation "public.missing_table" does not exist');
    const tables = await pool.query(
      `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual(['ok']);
    const versions = await pool.query('select version from supabase_migrations.schema_migrations');
    expect(versions.rows).toEqual([{ version: '20260101000000' }]);
  });
});

describe('bootstrap', () => {
  it('creates the API roles, extensions and default privileges, and is idempotent', async () => {
    await bootstrap(pool);
    await bootstrap(pool);
    const roles = await pool.query(
      `select rolname, rolcanlogin, rolbypassrls from pg_roles where rolname in ('anon', 'authenticated', 'service_role') order by 1`,
    );
    expect(roles.rows).toEqual([
      { rolname: 'anon', rolcanlogin: false, rolbypassrls: false },
      { rolname: 'authenticated', rolcanlogin: false, rolbypassrls: false },
      { rolname: 'service_role', rolcanlogin: false, rolbypassrls: true },
    ]);
    const ext = await pool.query(
      `select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pgcrypto'`,
    );
    expect(ext.rows).toEqual([{ nspname: 'extensions' }]);
    // Default privileges: a table a migration creates in public is granted to the API roles.
    await pool.query('create table public.granted (id int)');
    const grants = await pool.query(
      `select has_table_privilege('anon', 'public.granted', 'select') as anon,
              has_table_privilege('authenticated', 'public.granted', 'insert') as auth,
              has_table_privilege('service_role', 'public.granted', 'delete') as service`,
    );
    expect(grants.rows[0]).toEqual({ anon: true, auth: true, service: true });
  });
});
