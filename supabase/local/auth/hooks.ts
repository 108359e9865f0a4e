// Postgres-function auth hooks, called as GoTrue does (internal/hooks/hookspgfunc):
// `pg-functions://<db>/<schema>/<fn>` becomes "<schema>"."<fn>", run inside a transaction
// as supabase_auth_admin with a 2 s statement timeout, the event JSON its only argument.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import type { HookConfig } from '../config.ts';
import { AuthError, unexpected } from './errors.ts';
import { clientIp, type JsonObject } from './request.ts';

const HOOK_TIMEOUT_MS = 2000;

export interface PgHook {
  readonly uri: string;
  /** Quoted, schema-qualified function name. */
  readonly sqlName: string;
}

const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Parses a hook's URI; an unusable URI stops start-up rather than failing sign-ins later. */
export function parseHook(name: string, config: HookConfig | undefined): PgHook | undefined {
  if (!config?.enabled) return undefined;
  const m = /^pg-functions:\/\/[^/]+\/([^/]+)\/([^/]+)$/.exec(config.uri);
  if (!m?.[1] || !m[2]) {
    throw new Error(
      `config.toml: [auth.hook.${name}] uri = "${config.uri}" is not a pg-functions://<db>/<schema>/<function> URI ` +
        '(the local stack runs Postgres hooks only)',
    );
  }
  return { uri: config.uri, sqlName: `${quoteIdent(m[1])}.${quoteIdent(m[2])}` };
}

export function hookMetadata(name: string, req: IncomingMessage, now: number): JsonObject {
  return {
    uuid: randomUUID(),
    time: new Date(now * 1000).toISOString(),
    name,
    ip_address: clientIp(req) ?? '',
  };
}

/**
 * Runs the hook on `client`, which must be inside a transaction. Returns its JSON
 * output; an `{error: {http_code, message}}` output with a message becomes that error.
 */
export async function runHook(client: pg.PoolClient, hook: PgHook, input: JsonObject): Promise<JsonObject> {
  await client.query('savepoint auth_hook');
  let output: unknown;
  try {
    await client.query('set local role supabase_auth_admin');
    await client.query(`set local statement_timeout = ${HOOK_TIMEOUT_MS}`);
    const r = await client.query<{ out: unknown }>(`select ${hook.sqlName}($1::jsonb) as out`, [
      JSON.stringify(input),
    ]);
    output = r.rows[0]?.out;
    await client.query('release savepoint auth_hook');
  } catch (err) {
    // The rollback to the savepoint also undoes the role and timeout set above.
    await client.query('rollback to savepoint auth_hook');
    const pgErr = err as { code?: string; message?: string };
    if (pgErr.code === '57014') {
      throw new AuthError(
        422,
        'hook_timeout',
        `Failed to reach hook within maximum time of ${HOOK_TIMEOUT_MS / 1000} seconds`,
      );
    }
    throw unexpected(`Error running hook URI: ${hook.uri}: ${pgErr.message ?? String(err)}`);
  }
  // `set local` inside a released savepoint persists to the transaction end: undo it.
  await client.query('reset role');
  await client.query('set local statement_timeout = default');
  if (output === null || typeof output !== 'object' || Array.isArray(output)) {
    throw unexpected(`Error running hook URI: ${hook.uri}: the hook must return a JSON object`);
  }
  const out = output as JsonObject;
  const error = out['error'];
  if (error !== null && typeof error === 'object' && !Array.isArray(error)) {
    const e = error as JsonObject;
    const message = typeof e['message'] === 'string' ? e['message'] : '';
    if (message !== '') {
      const code =
        typeof e['http_code'] === 'number' && e['http_code'] >= 400 && e['http_code'] < 600
          ? e['http_code']
          : 500;
      throw new AuthError(code, code >= 500 ? 'unexpected_failure' : 'validation_failed', message);
    }
  }
  return out;
}
