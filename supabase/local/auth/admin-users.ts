// /admin/users endpoints (api/admin.go), service_role only. Create returns 200 (not
// 201), delete returns 200 `{}`, list pages with X-Total-Count and a Link header in
// the form auth-js parses.
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inTransaction, toDate, type AuthContext } from './context.ts';
import { badRequest, notFound, unprocessable } from './errors.ts';
import { parseAdminUserParams, parsePage, type AdminUserParams } from './admin-params.ts';
import { assertHashablePassword, assertStrongPassword } from './password-rules.ts';
import { isUuid, optionalBoolean, type JsonObject } from './request.ts';
import { deleteUserSessions } from './session-store.ts';
import {
  findUserByEmail,
  findUserById,
  findUserByPhone,
  mergeMetadata,
  setPassword,
  userJson,
  USER_COLUMNS,
  type UserRow,
} from './user-store.ts';

function userIdOrThrow(id: string): string {
  if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID');
  return id;
}

async function loadUser(db: pg.Pool | pg.PoolClient, id: string, lock = false): Promise<UserRow> {
  const user = await findUserById(db, userIdOrThrow(id), lock);
  if (!user) throw notFound('user_not_found', 'User not found');
  return user;
}

async function assertUnique(db: pg.Pool | pg.PoolClient, p: AdminUserParams, selfId?: string): Promise<void> {
  if (p.email !== undefined) {
    const other = await findUserByEmail(db, p.email);
    if (other && other.id !== selfId) {
      throw unprocessable('email_exists', 'A user with this email address has already been registered');
    }
  }
  if (p.phone !== undefined) {
    const other = await findUserByPhone(db, p.phone);
    if (other && other.id !== selfId) {
      throw unprocessable('phone_exists', 'A user with this phone number has already been registered');
    }
  }
}

/** A concurrent create can still hit the unique index: report it as GoTrue would. */
function uniqueViolation(err: unknown): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505') {
    if (e.constraint?.includes('phone'))
      throw unprocessable('phone_exists', 'A user with this phone number has already been registered');
    if (e.constraint === 'users_pkey') throw unprocessable('user_already_exists', 'User already registered');
    throw unprocessable('email_exists', 'A user with this email address has already been registered');
  }
  throw err;
}

export async function createUser(ctx: AuthContext, body: JsonObject): Promise<JsonObject> {
  const p = parseAdminUserParams(body);
  if (p.email === undefined && p.phone === undefined) {
    throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
  }
  // GoTrue checks no strength rules here; callers that must (the admin UI) use shared/auth/password-policy.ts.
  if (p.password !== undefined) assertHashablePassword(p.password);
  const password = p.password ?? randomBytes(24).toString('base64url');
  await assertUnique(ctx.deps.pool, p);
  const now = ctx.now();
  const id = p.id ?? randomUUID();
  const provider = p.email !== undefined ? 'email' : 'phone';
  const appMeta = mergeMetadata({ provider, providers: [provider] }, p.appMetadata ?? {});
  const identityData = {
    sub: id,
    ...(p.email !== undefined ? { email: p.email } : { phone: p.phone }),
    email_verified: p.emailConfirm === true,
    phone_verified: p.phoneConfirm === true,
  };
  try {
    return await inTransaction(ctx.deps.pool, async (client) => {
      await insertUser(client, ctx, { id, params: p, password, appMeta, now });
      await client.query(
        `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
         values ($1::text, $2::uuid, $3, $4, $5, $5)`,
        [id, id, JSON.stringify(identityData), provider, toDate(now)],
      );
      return userJson(client, await loadUser(client, id));
    });
  } catch (err) {
    return uniqueViolation(err);
  }
}

interface NewUser {
  readonly id: string;
  readonly params: AdminUserParams;
  readonly password: string;
  readonly appMeta: JsonObject;
  readonly now: number;
}

async function insertUser(client: pg.PoolClient, ctx: AuthContext, u: NewUser): Promise<void> {
  const p = u.params;
  await client.query(
    `insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password,
        email_confirmed_at, phone_confirmed_at, raw_app_meta_data, raw_user_meta_data,
        created_at, updated_at, banned_until, is_anonymous)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', $2, $3, $4,
        extensions.crypt($5, extensions.gen_salt('bf', $6::int)),
        case when $7 then $9::timestamptz end, case when $8 then $9::timestamptz end,
        $10, $11, $9, $9, $12, false)`,
    [
      u.id,
      p.role ?? 'authenticated',
      p.email ?? null,
      p.phone ?? null,
      u.password,
      ctx.bcryptCost,
      p.emailConfirm === true,
      p.phoneConfirm === true,
      toDate(u.now),
      JSON.stringify(u.appMeta),
      JSON.stringify(p.userMetadata ?? {}),
      p.banSeconds ? toDate(u.now + p.banSeconds) : null,
    ],
  );
}

export async function updateUserById(ctx: AuthContext, id: string, body: JsonObject): Promise<JsonObject> {
  const p = parseAdminUserParams(body);
  await loadUser(ctx.deps.pool, id);
  if (p.password !== undefined) assertStrongPassword(ctx, p.password);
  await assertUnique(ctx.deps.pool, p, id);
  const now = ctx.now();
  try {
    return await inTransaction(ctx.deps.pool, async (client) => {
      const user = await loadUser(client, id, true);
      const sets: string[] = [];
      const values: unknown[] = [id, toDate(now)];
      const set = (column: string, value: unknown): void => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (p.email !== undefined) set('email', p.email);
      if (p.phone !== undefined) set('phone', p.phone);
      if (p.role !== undefined) set('role', p.role);
      if (p.emailConfirm !== undefined)
        set('email_confirmed_at', p.emailConfirm ? (user.email_confirmed_at ?? toDate(now)) : null);
      if (p.phoneConfirm !== undefined)
        set('phone_confirmed_at', p.phoneConfirm ? (user.phone_confirmed_at ?? toDate(now)) : null);
      if (p.userMetadata !== undefined)
        set('raw_user_meta_data', JSON.stringify(mergeMetadata(user.raw_user_meta_data, p.userMetadata)));
      if (p.appMetadata !== undefined)
        set('raw_app_meta_data', JSON.stringify(mergeMetadata(user.raw_app_meta_data, p.appMetadata)));
      if (p.banSeconds !== undefined)
        set('banned_until', p.banSeconds === 0 ? null : toDate(now + p.banSeconds));
      // Column names above are fixed literals; only values are bound.
      await client.query(
        `update auth.users set ${[...sets, 'updated_at = $2'].join(', ')} where id = $1`,
        values,
      );
      if (p.password !== undefined) {
        await setPassword(client, id, p.password, ctx.bcryptCost, now);
        await deleteUserSessions(client, id);
      }
      return userJson(client, await loadUser(client, id));
    });
  } catch (err) {
    return uniqueViolation(err);
  }
}

export async function deleteUser(ctx: AuthContext, id: string, body: JsonObject): Promise<JsonObject> {
  const soft = optionalBoolean(body, 'should_soft_delete') === true;
  await loadUser(ctx.deps.pool, id);
  const now = ctx.now();
  await inTransaction(ctx.deps.pool, async (client) => {
    if (!soft) {
      await client.query('delete from auth.users where id = $1', [id]);
      return;
    }
    // GoTrue's soft delete: keep the row, free the email/phone, drop credentials and sessions.
    await deleteUserSessions(client, id);
    await client.query('delete from auth.identities where user_id = $1', [id]);
    await client.query(
      `update auth.users set deleted_at = $2, updated_at = $2, email = null, phone = null,
              encrypted_password = '', raw_app_meta_data = '{}', raw_user_meta_data = '{}'
        where id = $1`,
      [id, toDate(now)],
    );
  });
  return {};
}

export async function getUserById(ctx: AuthContext, id: string): Promise<JsonObject> {
  return userJson(ctx.deps.pool, await loadUser(ctx.deps.pool, id));
}

export interface UserPage {
  readonly body: JsonObject;
  readonly headers: Record<string, string>;
}

export async function listUsers(ctx: AuthContext, url: URL): Promise<UserPage> {
  const { page, perPage } = parsePage(url);
  const pool = ctx.deps.pool;
  const total = Number(
    (await pool.query<{ n: string }>(`select count(*) as n from auth.users where aud = 'authenticated'`))
      .rows[0]?.n ?? 0,
  );
  const r = await pool.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where aud = 'authenticated'
      order by created_at desc, id limit $1 offset $2`,
    [perPage, (page - 1) * perPage],
  );
  const users: JsonObject[] = [];
  for (const row of r.rows) users.push(await userJson(pool, row));
  // auth-js reads the first digit after the first '=' of each link: `page` must come first.
  const lastPage = Math.ceil(total / perPage);
  const link = (n: number, rel: string): string =>
    `</admin/users?page=${n}&per_page=${perPage}>; rel="${rel}"`;
  const links = page < lastPage ? [link(page + 1, 'next'), link(lastPage, 'last')] : [link(lastPage, 'last')];
  return {
    body: { users, aud: 'authenticated' },
    headers: { 'X-Total-Count': String(total), Link: links.join(', ') },
  };
}
