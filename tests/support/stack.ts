// One local stack per test file: a fresh database cloned from the run's migrated template
// and a gateway on a free port. stop() stops the stack and drops the database.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { LocalConfig } from '../../supabase/local/config.ts';
import { createDatabase, dropDatabase } from '../../supabase/local/db/databases.ts';
import type { Clock } from '../../supabase/local/service.ts';
import { startStack, type RunningStack } from '../../supabase/local/stack.ts';

export interface TestStack extends RunningStack {
  /** Superuser pool on the test's own database, for arranging and inspecting data. */
  readonly adminPool: pg.Pool;
  /** Database name, e.g. to open extra connections. */
  readonly databaseName: string;
}

export interface TestStackOptions {
  readonly clock?: Clock;
  readonly config?: LocalConfig;
  readonly log?: (line: string) => void;
  /** Directory served as the PWA (dist/ in production); default none. */
  readonly webRoot?: string;
  readonly bodyLimitBytes?: number;
  /** Edge functions folder; default supabase/functions. */
  readonly functionsRoot?: string;
}

export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  const adminUrl = inject('databaseAdminUrl');
  const name = `brmi_test_${randomUUID().slice(0, 8)}`;
  const databaseUrl = await createDatabase(adminUrl, name, inject('templateDatabase'));
  const adminPool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  adminPool.on('error', () => {});
  let stack: RunningStack;
  try {
    stack = await startStack({
      databaseUrl,
      port: 0,
      ...(opts.clock === undefined ? {} : { clock: opts.clock }),
      ...(opts.config === undefined ? {} : { config: opts.config }),
      ...(opts.log === undefined ? {} : { log: opts.log }),
      ...(opts.webRoot === undefined ? {} : { webRoot: opts.webRoot }),
      ...(opts.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: opts.bodyLimitBytes }),
      ...(opts.functionsRoot === undefined ? {} : { functionsRoot: opts.functionsRoot }),
    });
  } catch (err) {
    await adminPool.end();
    await dropDatabase(adminUrl, name);
    throw err;
  }
  return {
    ...stack,
    adminPool,
    databaseName: name,
    async stop() {
      try {
        await stack.stop();
      } finally {
        await adminPool.end();
        await dropDatabase(adminUrl, name);
      }
    },
  };
}
