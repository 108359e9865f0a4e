// What every endpoint of the auth service needs: the stack's dependencies plus the
// settings derived from them once at start-up.
import type pg from 'pg';
import type { ServiceDeps } from '../service.ts';
import { CommitThenFail } from './errors.ts';

export interface AuthOptions {
  /**
   * bcrypt cost for new password hashes. 10 as GoTrue; tests may lower it (the `$2a$`
   * format is the same, only cheaper). Default: AUTH_BCRYPT_COST (below 10 only under
   * vitest or NODE_ENV=test), else 10.
   */
  readonly bcryptCost?: number;
}

export interface AuthContext {
  readonly deps: ServiceDeps;
  readonly bcryptCost: number;
  /** `iss` of access tokens: GoTrue's external URL. */
  readonly issuer: string;
  /** Current time in whole seconds, from the injected clock. */
  now(): number;
}

/** Production cost, as GoTrue's. */
export const DEFAULT_BCRYPT_COST = 10;

function costFromEnv(): number | undefined {
  const raw = Number(process.env['AUTH_BCRYPT_COST'] ?? '');
  if (!Number.isInteger(raw) || raw <= 0) return undefined;
  // A cheaper hash is for test runs only; elsewhere the variable can only raise the cost.
  const testing = process.env['VITEST'] !== undefined || process.env['NODE_ENV'] === 'test';
  return testing ? raw : Math.max(raw, DEFAULT_BCRYPT_COST);
}

export function makeContext(deps: ServiceDeps, options: AuthOptions): AuthContext {
  const raw = options.bcryptCost ?? costFromEnv() ?? DEFAULT_BCRYPT_COST;
  // pgcrypto's bf accepts 4..31.
  const bcryptCost = Math.min(31, Math.max(4, Math.floor(raw)));
  return {
    deps,
    bcryptCost,
    issuer: `${deps.publicUrl.replace(/\/+$/, '')}/auth/v1`,
    now: () => Math.floor(deps.clock()),
  };
}

/** Seconds to a Date for binding timestamptz parameters. */
export const toDate = (seconds: number): Date => new Date(seconds * 1000);

/** Runs `fn` in one transaction; a thrown CommitThenFail commits and then rethrows its error. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    try {
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (err) {
      if (err instanceof CommitThenFail) {
        await client.query('commit');
        throw err.error;
      }
      await client.query('rollback');
      throw err;
    }
  } finally {
    client.release();
  }
}
