// `npm start`: the whole local Supabase stand-in and the PWA on one port.
// Postgres (embedded unless DATABASE_URL) → platform bootstrap → migrations → demo seed
// → PWA build (when stale) → gateway on 54321 (PORT overrides). Ctrl-C stops it all;
// the next start reuses the data.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from './config.ts';
import { bootstrap } from './db/bootstrap.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { DIST_DIR, MIGRATIONS_DIR, REPO_ROOT } from './db/paths.ts';
import { makeKeys } from './keys.ts';
import { seedIfEmpty } from './seed.ts';
import { startStack, type RunningStack } from './stack.ts';
import { buildWebIfStale } from './web-build.ts';

const out = (line: string): void => console.log(line);

/**
 * Written only when it changes, so an unchanged file does not trigger a rebuild. No URL:
 * the gateway serves the app and the API on one origin, so the app uses its own origin
 * and works however it is reached (localhost, a LAN address from a phone).
 */
async function writeEnvLocal(anonKey: string): Promise<void> {
  const path = join(REPO_ROOT, '.env.local');
  const text = `# Written by npm start (supabase/local/start.ts); read by the web build. Not committed.\nVITE_SUPABASE_ANON_KEY=${anonKey}\n`;
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current !== text) await writeFile(path, text);
}

/**
 * pg_cron jobs reach edge functions through pg_net with a URL and key kept in a settings
 * table (Vault's job on Supabase, set once after `db push` in production). Locally the
 * port can change between starts, so each start points them at this stack.
 */
async function pointScheduledWorkAtStack(stack: RunningStack): Promise<void> {
  const client = await stack.pool.connect();
  try {
    await client.query('begin');
    // Values travel as bound parameters into transaction-local settings the block reads.
    await client.query(
      "select set_config('brmi.functions_url', $1, true), set_config('brmi.service_role_key', $2, true)",
      [`${stack.url}/functions/v1`, stack.serviceRoleKey],
    );
    await client.query(`do $$ begin
      if to_regclass('private.forecast_settings') is not null then
        update private.forecast_settings
           set functions_url = current_setting('brmi.functions_url'),
               service_role_key = current_setting('brmi.service_role_key');
      end if;
    end $$`);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * A new database has no forecasts until the nightly run at 02:00 IST. Start the first run
 * now (the same idempotent job body pg_cron calls) so the demo's Forecasts screen fills
 * within minutes; later starts leave scheduling to the cron jobs. Returns chunks queued.
 */
async function startFirstForecastRun(stack: RunningStack): Promise<number> {
  const { rows } = await stack.pool.query<{ r: { chunksAdded: number } | null }>(
    `select case when to_regclass('private.forecast_jobs') is not null
                  and not exists (select 1 from private.forecast_jobs)
                 then private.run_nightly_forecasts() end as r`,
  );
  return rows[0]?.r?.chunksAdded ?? 0;
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT="${value}" is not a port number`);
  return n;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const keys = makeKeys();
  const port = parsePort(process.env['PORT'], config.api.port);
  const host = process.env['HOST'] ?? '127.0.0.1';
  const quiet = (): void => {};
  let db: Database | undefined;
  let stack: RunningStack | undefined;
  let stopping = false;
  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    out('\nStopping ...');
    await stack?.stop().catch((e: unknown) => console.error(e));
    await db?.stop().catch((e: unknown) => console.error(e));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  try {
    db = await openDatabase(process.env, quiet);
    out(`Postgres: ${db.description}`);
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    let logins: Awaited<ReturnType<typeof seedIfEmpty>>['logins'] = [];
    try {
      await bootstrap(pool, undefined, quiet);
      const m = await migrate(pool, MIGRATIONS_DIR, out);
      out(`Migrations: ${m.applied.length} applied now`);
      const seedStarted = performance.now();
      const seeded = await seedIfEmpty(pool);
      logins = seeded.logins;
      if (seeded.loaded)
        out(`Demo data: loaded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    } finally {
      await pool.end();
    }
    await writeEnvLocal(keys.anonKey);
    const web = await buildWebIfStale(out);
    stack = await startStack({
      databaseUrl: db.url,
      port,
      host,
      config,
      keys,
      webRoot: DIST_DIR,
      log: (l) => console.error(l),
    });
    await pointScheduledWorkAtStack(stack);
    const chunks = await startFirstForecastRun(stack);
    out('');
    out(`Local stack running${web ? ' (PWA and API)' : ' (API only)'}`);
    out(`  URL:              ${stack.url}`);
    out(`  anon key:         ${stack.anonKey}`);
    out(`  service_role key: ${stack.serviceRoleKey}`);
    if (logins.length > 0) {
      out('  Demo logins:');
      for (const l of logins)
        out(`    ${l.role.padEnd(20)} ${l.email.padEnd(36)} ${l.password}  (${l.scope})`);
    }
    if (chunks > 0)
      out(
        `  Forecasts: first run started (${chunks} chunks); the Forecasts screen fills in over a few minutes.`,
      );
    out('Ctrl-C stops everything; the next start reuses the data.');
  } catch (err) {
    console.error(`\nnpm start failed: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
  }
}

void main();
