// Applies supabase/local/bootstrap/*.sql in name order before any migration: the
// platform objects (roles, auth, realtime, cron, net) a Supabase database already has.
// Every file is idempotent, so this runs on each start; each runs in its own transaction.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { describeSqlFileError } from './pg-error.ts';

export const BOOTSTRAP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'bootstrap');

// Serialises concurrent bootstraps of one database (two starts, parallel setups).
const LOCK_KEY = 0x5b_4d_30;

export async function bootstrap(
  pool: pg.Pool,
  dir: string = BOOTSTRAP_DIR,
  log: (line: string) => void = () => {},
): Promise<readonly string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    for (const file of files) {
      const sql = await readFile(join(dir, file), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw new Error(
          `Bootstrap failed: ${describeSqlFileError(`supabase/local/bootstrap/${file}`, sql, err)}`,
          {
            cause: err,
          },
        );
      }
      log(`bootstrap: ${file}`);
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
  return files;
}
