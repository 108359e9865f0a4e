// Integration-test setup, once per vitest run: one Postgres (DATABASE_URL if set, else an
// embedded Postgres 17 in a fresh temp dir on a free port), one template database
// bootstrapped and migrated once; each test file clones it (tests/support/stack.ts).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { bootstrap } from '../../supabase/local/db/bootstrap.ts';
import { createDatabase, dropDatabase } from '../../supabase/local/db/databases.ts';
import { startEmbeddedPostgres } from '../../supabase/local/db/embedded.ts';
import { migrate } from '../../supabase/local/db/migrate.ts';
import { MIGRATIONS_DIR } from '../../supabase/local/db/paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of a maintenance database on the test server. */
    databaseAdminUrl: string;
    /** Name of the bootstrapped and migrated template database. */
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['DATABASE_URL'];
  let stopServer = async (): Promise<void> => {};
  let adminUrl: string;
  if (external !== undefined && external !== '') {
    adminUrl = external;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'brmi-pg-'));
    const server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    adminUrl = server.url;
    stopServer = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const template = `brmi_template_${randomUUID().slice(0, 8)}`;
  try {
    const url = await createDatabase(adminUrl, template);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await bootstrap(pool);
      await migrate(pool, MIGRATIONS_DIR);
    } finally {
      await pool.end();
    }
  } catch (err) {
    await dropDatabase(adminUrl, template).catch(() => {});
    await stopServer();
    throw err;
  }
  project.provide('databaseAdminUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabase(adminUrl, template).catch(() => {});
    await stopServer();
  };
}
