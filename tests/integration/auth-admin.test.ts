// Conformance of the admin user API and self-service password change with auth-js:
// service_role only, GoTrue's status codes and shapes, the password policy.
import { AuthApiError, AuthWeakPasswordError } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';
import {
  anonClient,
  createUser,
  OTHER_STRONG_PASSWORD,
  serviceClient,
  signIn,
  STRONG_PASSWORD,
  uniqueEmail,
} from './auth-harness.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('admin users', () => {
  it('creates, reads, updates and deletes a user', async () => {
    const admin = serviceClient(stack).auth.admin;
    const email = uniqueEmail('crud');
    const created = await admin.createUser({
      email,
      password: STRONG_PASSWORD,
      email_confirm: true,
      user_metadata: { display_name: 'Asha' },
      app_metadata: { role: 'STORE_MANAGER' },
    });
    expect(created.error).toBeNull();
    const user = created.data.user;
    expect(user).toMatchObject({
      email,
      aud: 'authenticated',
      role: 'authenticated',
      phone: '',
      is_anonymous: false,
      user_metadata: { display_name: 'Asha' },
      app_metadata: { provider: 'email', providers: ['email'], role: 'STORE_MANAGER' },
    });
    expect(user?.email_confirmed_at).toBeTruthy();
    const id = user?.id ?? '';

    const got = await admin.getUserById(id);
    expect(got.data.user?.email).toBe(email);

    const updated = await admin.updateUserById(id, { user_metadata: { display_name: null, store: 'S-001' } });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata).toEqual({ store: 'S-001' });

    const deleted = await admin.deleteUser(id);
    expect(deleted.error).toBeNull();
    const gone = await admin.getUserById(id);
    expect(gone.error?.status).toBe(404);
    expect(gone.error?.code).toBe('user_not_found');
  });

  it('refuses a duplicate email with 422 email_exists and leaves the first user alone', async () => {
    const admin = serviceClient(stack).auth.admin;
    const email = uniqueEmail('dup');
    await createUser(stack, email);
    const again = await admin.createUser({
      email: email.toUpperCase(),
      password: OTHER_STRONG_PASSWORD,
      email_confirm: true,
    });
    expect(again.error?.status).toBe(422);
    expect(again.error?.code).toBe('email_exists');
    await signIn(stack, email, STRONG_PASSWORD);
  });

  it('refuses bad input with clear errors', async () => {
    const admin = serviceClient(stack).auth.admin;
    const noEmail = await admin.createUser({ password: STRONG_PASSWORD });
    expect(noEmail.error?.status).toBe(400);
    expect(noEmail.error?.code).toBe('validation_failed');
    const badEmail = await admin.createUser({ email: 'not-an-email', password: STRONG_PASSWORD });
    expect(badEmail.error?.code).toBe('validation_failed');
    // auth-js checks UUIDs itself; a raw request shows the server's own answer.
    const badId = await fetch(`${stack.url}/auth/v1/admin/users/not-a-uuid`, {
      headers: {
        apikey: stack.serviceRoleKey,
        authorization: `Bearer ${stack.serviceRoleKey}`,
        'x-supabase-api-version': '2024-01-01',
      },
    });
    expect(badId.status).toBe(404);
    expect(await badId.json()).toEqual({ code: 'validation_failed', message: 'user_id must be an UUID' });
    const count = async () =>
      Number((await stack.adminPool.query('select count(*) as n from auth.users')).rows[0]?.n);
    const before = await count();
    const badBan = await admin.createUser({ email: uniqueEmail('ban'), ban_duration: 'forever' });
    expect(badBan.error?.code).toBe('validation_failed');
    expect(await count()).toBe(before);
  });

  it('checks the password policy on admin password change and logs the user out', async () => {
    const admin = serviceClient(stack).auth.admin;
    const email = uniqueEmail('adminpw');
    const id = await createUser(stack, email);
    const { session } = await signIn(stack, email);
    const weak = await admin.updateUserById(id, { password: 'short' });
    expect(weak.error).toBeInstanceOf(AuthWeakPasswordError);
    expect((weak.error as AuthWeakPasswordError).reasons.sort()).toEqual(['characters', 'length']);
    const ok = await admin.updateUserById(id, { password: OTHER_STRONG_PASSWORD });
    expect(ok.error).toBeNull();
    const refresh = await anonClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refresh.error?.status).toBe(400);
    await signIn(stack, email, OTHER_STRONG_PASSWORD);
  });

  it('bans with ban_duration and lifts the ban with "none"', async () => {
    const admin = serviceClient(stack).auth.admin;
    const email = uniqueEmail('banned');
    const id = await createUser(stack, email);
    const banned = await admin.updateUserById(id, { ban_duration: '24h' });
    expect(banned.data.user?.banned_until).toBeTruthy();
    const refused = await anonClient(stack).auth.signInWithPassword({ email, password: STRONG_PASSWORD });
    expect(refused.error?.code).toBe('user_banned');
    await admin.updateUserById(id, { ban_duration: 'none' });
    await signIn(stack, email);
  });

  it('lists users in pages with the total', async () => {
    const admin = serviceClient(stack).auth.admin;
    for (let i = 0; i < 3; i += 1) await createUser(stack, uniqueEmail('list'));
    const total = Number((await stack.adminPool.query('select count(*) as n from auth.users')).rows[0]?.n);
    const page1 = await admin.listUsers({ page: 1, perPage: 2 });
    expect(page1.error).toBeNull();
    expect(page1.data.users).toHaveLength(2);
    expect(page1.data).toMatchObject({ total, nextPage: 2, lastPage: Math.ceil(total / 2) });
    const page2 = await admin.listUsers({ page: 2, perPage: 2 });
    expect(page2.data.users.map((u) => u.id)).not.toContain(page1.data.users[0]?.id);
  });

  it('refuses every admin call made with the anon key (403 not_admin)', async () => {
    const admin = anonClient(stack).auth.admin;
    const list = await admin.listUsers();
    expect(list.error?.status).toBe(403);
    expect(list.error?.code).toBe('not_admin');
    const create = await admin.createUser({ email: uniqueEmail('anon'), password: STRONG_PASSWORD });
    expect(create.error?.code).toBe('not_admin');
    const del = await admin.deleteUser('00000000-0000-4000-8000-000000000000');
    expect(del.error?.code).toBe('not_admin');
  });

  it('refuses admin calls made with a user access token', async () => {
    const email = uniqueEmail('notadmin');
    await createUser(stack, email);
    const { session } = await signIn(stack, email);
    const res = await fetch(`${stack.url}/auth/v1/admin/users`, {
      headers: {
        apikey: stack.anonKey,
        authorization: `Bearer ${session.access_token}`,
        'x-supabase-api-version': '2024-01-01',
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await res.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });
  });
});

describe('raw HTTP surface', () => {
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.url}/auth/v1${path}`, {
      ...init,
      headers: { apikey: stack.anonKey, 'x-supabase-api-version': '2024-01-01', ...(init.headers ?? {}) },
    });

  it('answers unknown routes with 404 and wrong methods with 405, as JSON', async () => {
    const missing = await call('/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
    const wrong = await call('/token', { method: 'GET' });
    expect(wrong.status).toBe(405);
  });

  it('answers a request without a bearer token with 401 no_authorization', async () => {
    const res = await call('/user');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'no_authorization' });
  });

  it('answers malformed JSON with 400 bad_json and an unknown grant with unsupported_grant_type', async () => {
    const bad = await call('/token?grant_type=password', { method: 'POST', body: '{"email":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad_json' });
    const grant = await call('/token?grant_type=magic', { method: 'POST', body: '{}' });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('keeps self-registration closed ([auth] enable_signup = false)', async () => {
    const { error } = await anonClient(stack).auth.signUp({
      email: uniqueEmail('signup'),
      password: STRONG_PASSWORD,
    });
    expect(error?.code).toBe('signup_disabled');
  });
});

describe('self-service password change (PUT /user)', () => {
  it('refuses a weak password with AuthWeakPasswordError and its reasons, changing nothing', async () => {
    const email = uniqueEmail('weak');
    await createUser(stack, email);
    const { client } = await signIn(stack, email);
    const { error } = await client.auth.updateUser({ password: 'alllowercaseletters' });
    expect(error).toBeInstanceOf(AuthWeakPasswordError);
    expect(error?.status).toBe(422);
    expect((error as AuthWeakPasswordError).reasons).toEqual(['characters']);
    await signIn(stack, email, STRONG_PASSWORD);
  });

  it('changes a password that meets the policy and ends the other sessions only', async () => {
    const email = uniqueEmail('change');
    await createUser(stack, email);
    const current = await signIn(stack, email);
    const other = await signIn(stack, email);
    const { data, error } = await current.client.auth.updateUser({ password: OTHER_STRONG_PASSWORD });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    const otherRefresh = await anonClient(stack).auth.refreshSession({
      refresh_token: other.session.refresh_token,
    });
    expect(otherRefresh.error?.status).toBe(400);
    const mine = await anonClient(stack).auth.refreshSession({
      refresh_token: current.session.refresh_token,
    });
    expect(mine.error).toBeNull();
    const old = await anonClient(stack).auth.signInWithPassword({ email, password: STRONG_PASSWORD });
    expect(old.error).toBeInstanceOf(AuthApiError);
    await signIn(stack, email, OTHER_STRONG_PASSWORD);
  });

  it('refuses the current password as the new one (same_password)', async () => {
    const email = uniqueEmail('same');
    await createUser(stack, email);
    const { client } = await signIn(stack, email);
    const { error } = await client.auth.updateUser({ password: STRONG_PASSWORD });
    expect(error?.code).toBe('same_password');
  });
});
