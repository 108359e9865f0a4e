// Starts what the e2e run needs and exposes it to the test workers through env
// (Playwright passes env set here to them): an embedded Postgres in a temp dir on a free
// port, bootstrapped and migrated, the local stack serving the built PWA from dist/, and
// the e2e users. Teardown stops it all and removes the temp dir.
import { createClient } from '@supabase/supabase-js';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import ws from 'ws';
import { bootstrap } from '../../supabase/local/db/bootstrap.ts';
import { startEmbeddedPostgres } from '../../supabase/local/db/embedded.ts';
import { migrate } from '../../supabase/local/db/migrate.ts';
import { DIST_DIR, MIGRATIONS_DIR } from '../../supabase/local/db/paths.ts';
import { startStack } from '../../supabase/local/stack.ts';
import { E2E_USER } from './users.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test builds it) before the e2e tests');
  }
  const dir = await mkdtemp(join(tmpdir(), 'brmi-e2e-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  const cleanup = async (): Promise<void> => {
    await pool.end().catch(() => {});
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await bootstrap(pool);
    await migrate(pool, MIGRATIONS_DIR);
    const stack = await startStack({ databaseUrl: server.url, port: 0, webRoot: DIST_DIR });
    const admin = createClient(stack.url, stack.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      // Node 20 has no global WebSocket; supabase-js needs one to construct its realtime client.
      realtime: { transport: ws as unknown as typeof WebSocket },
    });
    const { error } = await admin.auth.admin.createUser({
      email: E2E_USER.email,
      password: E2E_USER.password,
      email_confirm: true,
    });
    if (error) throw new Error(`creating the e2e user failed: ${error.message}`);
    process.env['E2E_BASE_URL'] = stack.url;
    return async () => {
      await stack.stop();
      await cleanup();
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
