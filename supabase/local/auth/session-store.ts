// auth.sessions and auth.refresh_tokens. refreshed_at is `timestamp without time zone`
// in UTC, as GoTrue stores it, so every read and write converts explicitly.
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SessionTimes } from '#shared/auth/session-validity.ts';
import { toDate } from './context.ts';

type Queryable = pg.Pool | pg.PoolClient;

export interface SessionRow extends SessionTimes {
  readonly id: string;
  readonly userId: string;
}

export interface RefreshTokenRow {
  readonly id: string;
  readonly token: string;
  readonly userId: string;
  readonly revoked: boolean;
  readonly updatedAt: number;
  readonly parent: string | null;
  readonly sessionId: string | null;
}

/** Opaque, URL-safe, 32 characters (GoTrue accepts any token of at least 12). */
export const newRefreshToken = (): string => randomBytes(24).toString('base64url');

export async function createSession(
  db: Queryable,
  userId: string,
  now: number,
  meta: { userAgent: string | null; ip: string | null },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, $3, $3, 'aal1', $4, $5::inet)`,
    [id, userId, toDate(now), meta.userAgent, meta.ip],
  );
  return id;
}

interface RawSession {
  id: string;
  user_id: string;
  created_at: number;
  refreshed_at: number | null;
  not_after: number | null;
}

export async function findSession(db: Queryable, id: string, lock = false): Promise<SessionRow | undefined> {
  const r = await db.query<RawSession>(
    `select id, user_id,
            extract(epoch from created_at)::float8 as created_at,
            extract(epoch from (refreshed_at at time zone 'utc'))::float8 as refreshed_at,
            extract(epoch from not_after)::float8 as not_after
       from auth.sessions where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  const s = r.rows[0];
  if (!s) return undefined;
  return {
    id: s.id,
    userId: s.user_id,
    createdAt: s.created_at,
    refreshedAt: s.refreshed_at ?? undefined,
    notAfter: s.not_after ?? undefined,
  };
}

export async function touchSession(db: Queryable, id: string, now: number): Promise<void> {
  await db.query(
    `update auth.sessions set refreshed_at = ($2::timestamptz at time zone 'utc'), updated_at = $2 where id = $1`,
    [id, toDate(now)],
  );
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('delete from auth.sessions where id = $1', [id]);
}

export async function deleteUserSessions(
  db: Queryable,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  await db.query('delete from auth.sessions where user_id = $1 and ($2::uuid is null or id <> $2::uuid)', [
    userId,
    exceptSessionId ?? null,
  ]);
}

export async function insertRefreshToken(
  db: Queryable,
  userId: string,
  sessionId: string,
  parent: string | null,
  now: number,
): Promise<string> {
  const token = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, $3, $3, $4, $5)`,
    [token, userId, toDate(now), parent, sessionId],
  );
  return token;
}

interface RawToken {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean | null;
  updated_at: number;
  parent: string | null;
  session_id: string | null;
}

const toToken = (t: RawToken): RefreshTokenRow => ({
  id: t.id,
  token: t.token,
  userId: t.user_id,
  revoked: t.revoked === true,
  updatedAt: t.updated_at,
  parent: t.parent,
  sessionId: t.session_id,
});

const TOKEN_COLUMNS = `id::text, token, user_id, revoked, extract(epoch from updated_at)::float8 as updated_at, parent, session_id`;

export async function findRefreshToken(db: Queryable, token: string): Promise<RefreshTokenRow | undefined> {
  const r = await db.query<RawToken>(`select ${TOKEN_COLUMNS} from auth.refresh_tokens where token = $1`, [
    token,
  ]);
  return r.rows[0] ? toToken(r.rows[0]) : undefined;
}

/** The session's newest unrevoked token: the one the client should be holding. */
export async function activeRefreshToken(
  db: Queryable,
  sessionId: string,
): Promise<RefreshTokenRow | undefined> {
  const r = await db.query<RawToken>(
    `select ${TOKEN_COLUMNS} from auth.refresh_tokens
      where session_id = $1 and revoked = false order by id desc limit 1`,
    [sessionId],
  );
  return r.rows[0] ? toToken(r.rows[0]) : undefined;
}

export async function revokeRefreshToken(db: Queryable, id: string, now: number): Promise<void> {
  await db.query(
    'update auth.refresh_tokens set revoked = true, updated_at = $2 where id = $1::bigint and revoked = false',
    [id, toDate(now)],
  );
}
