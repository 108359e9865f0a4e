// Composes the local Supabase stand-in on one database: the gateway and, behind it,
// REST (RPC), auth, functions and realtime, plus the cron and pg_net workers.
// Bootstrap and migrations are the caller's job (start.ts, the test setup), so a
// stack can also run against a database migrated elsewhere.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createAuthService } from './auth/index.ts';
import { loadConfig, type LocalConfig } from './config.ts';
import { startCronScheduler } from './cron/index.ts';
import { createFunctionsService } from './functions/index.ts';
import { createGateway, DEFAULT_BODY_LIMIT } from './gateway/server.ts';
import { makeKeys, type Keys } from './keys.ts';
import { startNetWorker } from './net/index.ts';
import { createRealtimeService } from './realtime/index.ts';
import { createRestService } from './rest/index.ts';
import type { BackgroundService, Clock, HttpService, ServiceDeps, UpgradeService } from './service.ts';

export interface StackOptions {
  readonly databaseUrl: string;
  /** 0 picks a free port; default 54321 as `supabase start`. */
  readonly port?: number;
  readonly host?: string;
  readonly config?: LocalConfig;
  readonly keys?: Keys;
  readonly clock?: Clock;
  /** Built PWA to serve; undefined serves only the API. */
  readonly webRoot?: string;
  readonly log?: (line: string) => void;
  readonly bodyLimitBytes?: number;
  /** Edge functions folder; default supabase/functions (tests point it at fixtures). */
  readonly functionsRoot?: string;
}

export interface RunningStack {
  readonly url: string;
  readonly port: number;
  readonly anonKey: string;
  readonly serviceRoleKey: string;
  readonly jwtSecret: string;
  readonly databaseUrl: string;
  /** Superuser pool the services share. */
  readonly pool: pg.Pool;
  stop(): Promise<void>;
}

const systemClock: Clock = () => Math.floor(Date.now() / 1000);

// Ten connections, like PostgREST's default pool: on two cores more only adds contention.
const POOL_SIZE = 10;

export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const keys = opts.keys ?? makeKeys();
  const config = opts.config ?? loadConfig();
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: POOL_SIZE,
    application_name: 'local-stack',
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', (err) => log(`pool: ${err.message}`));
  // A connection that dies while checked out emits 'error' on its client; without a listener
  // that is an unhandled error that would take the process down. The query itself fails too.
  pool.on('connect', (client) => client.on('error', (err) => log(`pool client: ${err.message}`)));
  const closers: (() => Promise<void>)[] = [];
  let services = unavailable();
  const server = createGateway({
    services: () => services,
    webRoot: opts.webRoot,
    bodyLimitBytes: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    log,
  });
  let listening = false;
  const stopAll = async (): Promise<void> => {
    // Stop taking requests first, then the services (last started first), then the pool.
    if (listening) await closeServer(server);
    listening = false;
    for (const close of closers.reverse()) await close().catch((e: unknown) => log(`stop: ${String(e)}`));
    closers.length = 0;
    await pool.end().catch(() => {});
  };
  try {
    // Listen first so the services learn the gateway's public URL (SUPABASE_URL for functions).
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) => reject(portError(e, opts.port)));
      server.once('listening', resolve);
      server.listen(opts.port ?? 54321, host);
    });
    listening = true;
    const port = (server.address() as AddressInfo).port;
    const url = `http://${host}:${port}`;
    const deps: ServiceDeps = {
      pool,
      databaseUrl: opts.databaseUrl,
      config,
      keys,
      publicUrl: url,
      clock: opts.clock ?? systemClock,
      log,
    };
    const rest = await startService(closers, createRestService(deps));
    const auth = await startService(closers, createAuthService(deps));
    const functions = await startService(
      closers,
      createFunctionsService(
        deps,
        opts.functionsRoot === undefined ? {} : { functionsRoot: opts.functionsRoot },
      ),
    );
    const realtime = await startService(closers, createRealtimeService(deps));
    await startService(closers, startCronScheduler(deps));
    await startService(closers, startNetWorker(deps));
    services = { rest, auth, functions, realtime };
    return {
      url,
      port,
      anonKey: keys.anonKey,
      serviceRoleKey: keys.serviceRoleKey,
      jwtSecret: keys.jwtSecret,
      databaseUrl: opts.databaseUrl,
      pool,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function startService<T extends BackgroundService | HttpService | UpgradeService>(
  closers: (() => Promise<void>)[],
  starting: Promise<T>,
): Promise<T> {
  const s = await starting;
  closers.push(() => s.close());
  return s;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive and websocket connections would otherwise hold close() open.
    server.closeAllConnections();
  });
}

function portError(e: unknown, port: number | undefined): Error {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new Error(
      `Port ${port ?? 54321} is already in use: stop the other process or set PORT to another port.`,
    );
  }
  return e instanceof Error ? e : new Error(String(e));
}

function unavailable() {
  const http: HttpService = {
    async handle(_req, res) {
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: 'the local stack is starting' }));
    },
    async close() {},
  };
  const realtime: UpgradeService = { handleUpgrade: (_r, socket) => socket.destroy(), async close() {} };
  return { rest: http, auth: http, functions: http, realtime };
}
