// Starts what the e2e run needs and exposes it to the test workers through env
// (Playwright passes env set here to them): an embedded Postgres in a temp dir on a free
// port, bootstrapped and migrated, the small fixture (fixture.ts) with the e2e users, and
// the local stack serving a copy of the built PWA (the update test changes sw.js in the
// copy, never in dist/). Teardown stops it all and removes the temp dir.
// E2E_DIST_DIR serves another build than dist/ (e.g. one built into /tmp).
import { createClient } from '@supabase/supabase-js';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import ws from 'ws';
import { bootstrap } from '../../supabase/local/db/bootstrap.ts';
import { startEmbeddedPostgres } from '../../supabase/local/db/embedded.ts';
import { migrate } from '../../supabase/local/db/migrate.ts';
import { DIST_DIR, MIGRATIONS_DIR } from '../../supabase/local/db/paths.ts';
import { startStack } from '../../supabase/local/stack.ts';
import { addPosDevices, FIXTURE_SQL, posTransaction, postSales } from './fixture.ts';
import { E2E_USER, ROLE_USERS } from './users.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dist = resolve(process.env['E2E_DIST_DIR'] ?? DIST_DIR);
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`${dist} has no build: run \`npm run build\` (npm test builds it) before the e2e tests`);
  }
  // Embedded Postgres hands its (fresh) data dir to an unprivileged user when run as root.
  const dir = await mkdtemp(join(tmpdir(), 'brmi-e2e-'));
  const webRoot = await mkdtemp(join(tmpdir(), 'brmi-e2e-web-'));
  const removeDirs = async (): Promise<void> => {
    await rm(dir, { recursive: true, force: true });
    await rm(webRoot, { recursive: true, force: true });
  };
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    await cp(dist, webRoot, { recursive: true });
    server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
  } catch (err) {
    await removeDirs();
    throw err;
  }
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  const cleanup = async (): Promise<void> => {
    await pool.end().catch(() => {});
    await server.stop();
    await removeDirs();
  };
  try {
    await bootstrap(pool);
    await migrate(pool, MIGRATIONS_DIR);
    await pool.query(FIXTURE_SQL);
    const devices = await addPosDevices(pool, ['S1', 'S2', 'S3']);
    const stack = await startStack({ databaseUrl: server.url, port: 0, webRoot });
    try {
      const admin = createClient(stack.url, stack.serviceRoleKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        // Node 20 has no global WebSocket; supabase-js needs one to construct its realtime client.
        realtime: { transport: ws as unknown as typeof WebSocket },
      });
      for (const u of [E2E_USER, ...ROLE_USERS]) {
        const { data, error } = await admin.auth.admin.createUser({
          email: u.email,
          password: u.password,
          email_confirm: true,
        });
        if (error) throw new Error(`creating the e2e user ${u.email} failed: ${error.message}`);
        if (!('role' in u)) continue;
        await pool.query(
          `insert into public.profiles (user_id, email, role, store_id, region_id) values ($1, $2, $3, $4, $5)`,
          [data.user.id, u.email, u.role, u.storeId, u.regionId],
        );
      }
      // Today's first sale in every store, so each dashboard has numbers to show.
      const at = Date.now() - 120_000;
      for (const [i, d] of devices.entries()) {
        await postSales(stack.url, d, [
          posTransaction(`E2E-OPEN-${d.storeId}`, d, at, [['RICE-1', i + 1, 120]]),
        ]);
      }
    } catch (err) {
      await stack.stop();
      throw err;
    }
    process.env['E2E_BASE_URL'] = stack.url;
    process.env['E2E_DATABASE_URL'] = server.url;
    process.env['E2E_WEB_ROOT'] = webRoot;
    process.env['E2E_POS_DEVICES'] = JSON.stringify(devices);
    return async () => {
      await stack.stop();
      await cleanup();
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
