// Debian's PostgreSQL 15 with the real pg_cron preloaded, on a free port in a temp dir:
// the second database target of CI (the first is embedded Postgres 17). Postgres
// refuses to run as root, so as root every server command runs as the `postgres` user.
//   CLI:    npx tsx scripts/pg15.ts        (prints DATABASE_URL=..., Ctrl-C stops and deletes it)
//   import: const pg = await startPg15(); ... await pg.stop();
import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { freePort } from '../supabase/local/db/free-port.ts';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

export interface Pg15 {
  readonly url: string;
  stop(): Promise<void>;
}

export interface Pg15Options {
  /** Extra `-c name=value` server settings. */
  readonly settings?: Readonly<Record<string, string>>;
}

async function asPostgres(cmd: string, args: readonly string[]): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, [...args]];
  try {
    await run(file, argv, { cwd: tmpdir() });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

export async function startPg15(opts: Pg15Options = {}): Promise<Pg15> {
  const dir = await mkdtemp(join(tmpdir(), 'brmi-pg15-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = await postgresIds();
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: dir,
    shared_preload_libraries: 'pg_cron',
    'cron.database_name': 'postgres',
    // Each integration test file runs its own stack and pools; the default 100 is tight.
    max_connections: '300',
    fsync: 'off', // throw-away test cluster: durability buys nothing here
    ...opts.settings,
  };
  try {
    await asPostgres(`${BIN}/initdb`, [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
    const o = Object.entries(settings)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' ');
    await asPostgres(`${BIN}/pg_ctl`, [
      '-D',
      data,
      '-o',
      o,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await asPostgres(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function cli(): Promise<void> {
  const pg = await startPg15();
  console.log(`DATABASE_URL=${pg.url}`);
  console.log('PostgreSQL 15 with pg_cron is running; Ctrl-C stops it and deletes its data.');
  const stop = (): void => {
    pg.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // pg_ctl daemonises the server; keep this process (and so the cleanup above) alive.
  setInterval(() => {}, 1 << 30);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
