// The database the local stack runs on: DATABASE_URL when set, else the embedded
// Postgres 17 with its data in .data/ (created on first start, reused afterwards).
import { DATA_DIR } from './paths.ts';
import { startEmbeddedPostgres } from './embedded.ts';

export interface Database {
  readonly url: string;
  /** Human-readable origin for the start-up banner. */
  readonly description: string;
  stop(): Promise<void>;
}

/** config.toml's [db] port, as `supabase start` uses it. */
const DEFAULT_DB_PORT = 54322;

export async function openDatabase(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<Database> {
  const external = env['DATABASE_URL'];
  if (external !== undefined && external !== '') {
    return { url: external, description: 'DATABASE_URL', stop: async () => {} };
  }
  const port = env['PGPORT'] === undefined ? DEFAULT_DB_PORT : Number(env['PGPORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PGPORT="${env['PGPORT']}" is not a port number`);
  // BRMI_DATA_DIR: a second local instance (another checkout, a benchmark) beside the default.
  const dataDir = env['BRMI_DATA_DIR'] || DATA_DIR;
  const pg = await startEmbeddedPostgres({ dataDir, port, log });
  return { url: pg.url, description: `embedded PostgreSQL 17, data in ${dataDir}`, stop: () => pg.stop() };
}
