// The seam between the gateway and each service of the local stack. The gateway owns
// the HTTP server, CORS and body limits; a service only answers requests under its
// prefix (`/rest/v1`, `/auth/v1`, `/functions/v1`) or upgrades (`/realtime/v1`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import type { LocalConfig } from './config.ts';
import type { Keys } from './keys.ts';

/** Seconds since the epoch; injected so tests can freeze or advance time. */
export type Clock = () => number;

export interface ServiceDeps {
  /** Pool connected as a superuser (like Supabase's `postgres`); services switch role per request. */
  readonly pool: pg.Pool;
  /** Connection string of the same database, for services that need their own connections. */
  readonly databaseUrl: string;
  readonly config: LocalConfig;
  readonly keys: Keys;
  /** The gateway's own URL, e.g. http://127.0.0.1:54321 (SUPABASE_URL for functions). */
  readonly publicUrl: string;
  readonly clock: Clock;
  readonly log: (line: string) => void;
}

export interface HttpService {
  /** `path` is the part after the service prefix, e.g. `/rpc/get_sales`. Body already read and size-checked. */
  handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL, body: Buffer): Promise<void>;
  close(): Promise<void>;
}

export interface UpgradeService {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** A background worker (cron scheduler, pg_net sender) started with the stack. */
export interface BackgroundService {
  close(): Promise<void>;
}
