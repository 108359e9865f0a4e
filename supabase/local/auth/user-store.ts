// auth.users and auth.identities: reads, writes and the User JSON GoTrue returns
// (models/user.go; fields without omitempty are always present).
import type pg from 'pg';
import { toDate } from './context.ts';
import type { JsonObject } from './request.ts';

type Queryable = pg.Pool | pg.PoolClient;

export interface UserRow {
  readonly id: string;
  readonly aud: string | null;
  readonly role: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly encrypted_password: string | null;
  readonly email_confirmed_at: Date | null;
  readonly phone_confirmed_at: Date | null;
  readonly confirmed_at: Date | null;
  readonly last_sign_in_at: Date | null;
  readonly raw_app_meta_data: JsonObject | null;
  readonly raw_user_meta_data: JsonObject | null;
  readonly created_at: Date | null;
  readonly updated_at: Date | null;
  readonly banned_until: Date | null;
  readonly deleted_at: Date | null;
  readonly is_anonymous: boolean;
}

interface IdentityRow {
  readonly id: string;
  readonly provider_id: string;
  readonly user_id: string;
  readonly identity_data: JsonObject;
  readonly provider: string;
  readonly last_sign_in_at: Date | null;
  readonly created_at: Date | null;
  readonly updated_at: Date | null;
  readonly email: string | null;
}

export const USER_COLUMNS = `id, aud, role, email, phone, encrypted_password, email_confirmed_at, phone_confirmed_at,
  confirmed_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  banned_until, deleted_at, is_anonymous`;

export async function findUserById(db: Queryable, id: string, lock = false): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null${lock ? ' for update' : ''}`,
    [id],
  );
  return r.rows[0];
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users
      where lower(email) = lower($1) and is_sso_user = false and deleted_at is null`,
    [email],
  );
  return r.rows[0];
}

export async function findUserByPhone(db: Queryable, phone: string): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where phone = $1 and deleted_at is null`,
    [phone],
  );
  return r.rows[0];
}

export function isBanned(user: UserRow, now: number): boolean {
  return user.banned_until !== null && user.banned_until.getTime() > now * 1000;
}

/** GoTrue's metadata update: keys merge in, a null value removes its key. */
export function mergeMetadata(current: JsonObject | null, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** True when `password` matches the stored bcrypt hash (pgcrypto, `$2a$` as GoTrue writes). */
export async function verifyPassword(db: Queryable, userId: string, password: string): Promise<boolean> {
  const r = await db.query<{ valid: boolean }>(
    `select case when encrypted_password like '$2%'
                 then extensions.crypt($2, encrypted_password) = encrypted_password
                 else false end as valid
       from auth.users where id = $1`,
    [userId, password],
  );
  return r.rows[0]?.valid === true;
}

/**
 * Spends one bcrypt hash of the same cost on a sign-in for an unknown email, so the
 * response time does not tell which emails have accounts.
 */
export async function burnPasswordCheck(db: Queryable, password: string, cost: number): Promise<void> {
  await db.query(`select extensions.crypt($1, extensions.gen_salt('bf', $2::int))`, [password, cost]);
}

export async function setPassword(
  db: Queryable,
  userId: string,
  password: string,
  cost: number,
  now: number,
): Promise<void> {
  await db.query(
    `update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf', $3::int)), updated_at = $4
      where id = $1`,
    [userId, password, cost, toDate(now)],
  );
}

async function identitiesOf(db: Queryable, userId: string): Promise<IdentityRow[]> {
  const r = await db.query<IdentityRow>(
    `select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
       from auth.identities where user_id = $1 order by created_at, id`,
    [userId],
  );
  return r.rows;
}

const iso = (d: Date | null): string | undefined => (d ? d.toISOString() : undefined);

function identityJson(i: IdentityRow): JsonObject {
  return {
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    identity_data: i.identity_data,
    provider: i.provider,
    last_sign_in_at: iso(i.last_sign_in_at),
    created_at: iso(i.created_at),
    updated_at: iso(i.updated_at),
    email: i.email ?? undefined,
  };
}

/** The User object of GoTrue's responses; undefined fields are dropped by JSON.stringify (omitempty). */
export async function userJson(db: Queryable, user: UserRow): Promise<JsonObject> {
  const identities = await identitiesOf(db, user.id);
  return {
    id: user.id,
    aud: user.aud ?? '',
    role: user.role ?? '',
    email: user.email ?? '',
    email_confirmed_at: iso(user.email_confirmed_at),
    phone: user.phone ?? '',
    phone_confirmed_at: iso(user.phone_confirmed_at),
    confirmed_at: iso(user.confirmed_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: identities.map(identityJson),
    created_at: iso(user.created_at) ?? '',
    updated_at: iso(user.updated_at) ?? '',
    banned_until: iso(user.banned_until),
    deleted_at: iso(user.deleted_at),
    is_anonymous: user.is_anonymous,
  };
}
