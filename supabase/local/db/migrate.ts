// Applies supabase/migrations/*.sql in name order and records them in
// supabase_migrations.schema_migrations exactly as the Supabase CLI does, so a database
// migrated here and one migrated by `supabase db push` agree on what is applied.
// Each file runs in its own transaction together with its tracking row: a failing file
// leaves nothing of itself behind, and files before it stay applied.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { describeSqlFileError } from './pg-error.ts';
import { splitSqlStatements } from './sql-split.ts';

/** The CLI's file name rule: `<digits>_<name>.sql`; other files are skipped with a note. */
const MIGRATION_FILE = /^([0-9]+)_(.*)\.sql$/;

export class MigrationError extends Error {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
    this.file = file;
  }
}

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly skipped: readonly string[];
}

const TRACKING_DDL = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
alter table supabase_migrations.schema_migrations add column if not exists statements text[];
alter table supabase_migrations.schema_migrations add column if not exists name text;`;

// Serialises concurrent migrators (two `npm start`s, parallel test setups) on one database.
const LOCK_KEY = 0x5b_4d_31; // arbitrary, fixed

export async function migrate(
  pool: pg.Pool,
  dir: string,
  log: (line: string) => void = () => {},
): Promise<MigrateResult> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.sql')).sort();
  const client = await pool.connect();
  const applied: string[] = [];
  const skipped: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(TRACKING_DDL);
    const done = new Set(
      (
        await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')
      ).rows.map((r) => r.version),
    );
    for (const file of files) {
      const m = MIGRATION_FILE.exec(file);
      if (m === null) {
        log(`migrate: skipping ${file} (name must match <timestamp>_<name>.sql)`);
        skipped.push(file);
        continue;
      }
      const [, version = '', name = ''] = m;
      if (done.has(version)) continue;
      const sql = await readFile(join(dir, file), 'utf8');
      await applyOne(client, file, sql, version, name);
      applied.push(file);
      done.add(version);
      log(`migrate: applied ${file}`);
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
  return { applied, skipped };
}

async function applyOne(
  client: pg.PoolClient,
  file: string,
  sql: string,
  version: string,
  name: string,
): Promise<void> {
  await client.query('begin');
  try {
    // Simple-query protocol: the whole file at once, so an error position maps to a file line.
    await client.query(sql);
    await client.query(
      'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
      [version, name, splitSqlStatements(sql)],
    );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw new MigrationError(file, `Migration failed: ${describeSqlFileError(file, sql, err)}`, {
      cause: err,
    });
  }
}
