// Conformance of the local GoTrue with auth-js: sign-in, tokens, refresh rotation and
// reuse detection, sign-out scopes, GET user errors, the inactivity timeout.
import { AuthApiError, AuthSessionMissingError } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../supabase/local/jwt.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { anonClient, createUser, decodeJwt, signIn, STRONG_PASSWORD, uniqueEmail } from './auth-harness.ts';

const START = 1_796_000_000; // fixed clock: 2026-11-30
let now = START;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ clock: () => now });
});
afterAll(async () => {
  await stack?.stop();
});

describe('password sign-in', () => {
  it('returns a session whose access token carries GoTrue claims', async () => {
    const email = uniqueEmail('signin');
    const id = await createUser(stack, email);
    const { session } = await signIn(stack, email);
    expect(session.token_type).toBe('bearer');
    expect(session.expires_in).toBe(600);
    expect(session.expires_at).toBe(now + 600);
    expect(session.refresh_token.length).toBeGreaterThanOrEqual(12);
    expect(session.user.id).toBe(id);
    expect(session.user.email).toBe(email);
    expect(session.user.app_metadata).toMatchObject({ provider: 'email', providers: ['email'] });
    const claims = decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      iss: `${stack.url}/auth/v1`,
      sub: id,
      aud: 'authenticated',
      role: 'authenticated',
      email,
      phone: '',
      aal: 'aal1',
      is_anonymous: false,
      iat: now,
      exp: now + 600,
      amr: [{ method: 'password', timestamp: now }],
    });
    expect(typeof claims['session_id']).toBe('string');
    const row = await stack.adminPool.query('select user_id from auth.sessions where id = $1', [
      claims['session_id'],
    ]);
    expect(row.rows[0]?.user_id).toBe(id);
  });

  it('signs in with a right password that the policy now calls weak, with a warning', async () => {
    const email = uniqueEmail('legacy');
    const { serviceClient } = await import('./auth-harness.ts');
    // Admin create checks no strength rules (as GoTrue), so older passwords can exist.
    const created = await serviceClient(stack).auth.admin.createUser({
      email,
      password: 'oldpassword',
      email_confirm: true,
    });
    expect(created.error).toBeNull();
    const { data, error } = await anonClient(stack).auth.signInWithPassword({
      email,
      password: 'oldpassword',
    });
    expect(error).toBeNull();
    expect(data.session).not.toBeNull();
    expect(data.weakPassword?.reasons).toEqual(['length', 'characters']);
  });

  it('refuses a wrong password with 400 invalid_credentials', async () => {
    const email = uniqueEmail('wrong');
    await createUser(stack, email);
    const { data, error } = await anonClient(stack).auth.signInWithPassword({
      email,
      password: 'Not-The-Password-1!',
    });
    expect(data.session).toBeNull();
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('invalid_credentials');
    expect(error?.message).toBe('Invalid login credentials');
  });

  it('refuses an unknown email exactly like a wrong password', async () => {
    const { error } = await anonClient(stack).auth.signInWithPassword({
      email: 'nobody@stores.example.in',
      password: STRONG_PASSWORD,
    });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('invalid_credentials');
  });

  it('refuses an unconfirmed email with email_not_confirmed', async () => {
    const email = uniqueEmail('unconfirmed');
    const { serviceClient } = await import('./auth-harness.ts');
    const { error: createError } = await serviceClient(stack).auth.admin.createUser({
      email,
      password: STRONG_PASSWORD,
    });
    expect(createError).toBeNull();
    const { error } = await anonClient(stack).auth.signInWithPassword({ email, password: STRONG_PASSWORD });
    expect(error?.code).toBe('email_not_confirmed');
  });
});

describe('GET /user', () => {
  it('returns the user for a valid access token', async () => {
    const email = uniqueEmail('getuser');
    const id = await createUser(stack, email);
    const { client, session } = await signIn(stack, email);
    const { data, error } = await client.auth.getUser(session.access_token);
    expect(error).toBeNull();
    expect(data.user?.id).toBe(id);
    expect(data.user?.identities?.[0]?.provider).toBe('email');
  });

  it('answers 403 bad_jwt for an expired access token', async () => {
    const email = uniqueEmail('expired');
    await createUser(stack, email);
    const { client, session } = await signIn(stack, email);
    now += 601;
    try {
      const { data, error } = await client.auth.getUser(session.access_token);
      expect(data.user).toBeNull();
      expect(error?.status).toBe(403);
      expect(error?.code).toBe('bad_jwt');
    } finally {
      now -= 601;
    }
  });

  it('answers 403 bad_jwt for a garbage or wrongly signed token', async () => {
    const client = anonClient(stack);
    const garbage = await client.auth.getUser('not.a.jwt');
    expect(garbage.error?.status).toBe(403);
    expect(garbage.error?.code).toBe('bad_jwt');
    const forged = signJwt(
      { sub: '00000000-0000-4000-8000-000000000000', role: 'authenticated', exp: now + 60 },
      'x'.repeat(40),
    );
    const { error } = await client.auth.getUser(forged);
    expect(error?.code).toBe('bad_jwt');
  });
});

describe('refresh_token grant', () => {
  it('rotates the refresh token and issues a new access token for the same session', async () => {
    const email = uniqueEmail('refresh');
    await createUser(stack, email);
    const { client, session } = await signIn(stack, email);
    now += 60;
    const { data, error } = await client.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(error).toBeNull();
    expect(data.session?.refresh_token).not.toBe(session.refresh_token);
    expect(data.session?.expires_at).toBe(now + 600);
    const before = decodeJwt(session.access_token);
    const after = decodeJwt(data.session?.access_token ?? '');
    expect(after['session_id']).toBe(before['session_id']);
    expect(after['iat']).toBe(now);
  });

  it('gives the active token back when its parent is replayed within the reuse interval', async () => {
    const email = uniqueEmail('parent');
    await createUser(stack, email);
    const { session } = await signIn(stack, email);
    const first = await anonClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    now += 5;
    const replay = await anonClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(replay.error).toBeNull();
    expect(replay.data.session?.refresh_token).toBe(first.data.session?.refresh_token);
  });

  it('serialises concurrent refreshes of one token: both get the same new token', async () => {
    const email = uniqueEmail('race');
    await createUser(stack, email);
    const { session } = await signIn(stack, email);
    const [a, b] = await Promise.all([
      anonClient(stack).auth.refreshSession({ refresh_token: session.refresh_token }),
      anonClient(stack).auth.refreshSession({ refresh_token: session.refresh_token }),
    ]);
    expect(a.error).toBeNull();
    expect(b.error).toBeNull();
    expect(a.data.session?.refresh_token).toBe(b.data.session?.refresh_token);
    const live = await stack.adminPool.query(
      'select count(*) as n from auth.refresh_tokens where session_id = $1 and revoked = false',
      [decodeJwt(session.access_token)['session_id']],
    );
    expect(Number(live.rows[0]?.n)).toBe(1);
  });

  it('detects reuse of an old refresh token after the interval and revokes the session', async () => {
    const email = uniqueEmail('reuse');
    await createUser(stack, email);
    const { session } = await signIn(stack, email);
    const r1 = await anonClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    now += 1;
    const r2 = await anonClient(stack).auth.refreshSession({
      refresh_token: r1.data.session?.refresh_token ?? '',
    });
    expect(r2.error).toBeNull();
    now += 30; // past refresh_token_reuse_interval (10 s)
    const stolen = await anonClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(stolen.error?.status).toBe(400);
    expect(stolen.error?.code).toBe('refresh_token_already_used');
    // The legitimate holder's token is dead too, and so are the session's access tokens.
    const legit = await anonClient(stack).auth.refreshSession({
      refresh_token: r2.data.session?.refresh_token ?? '',
    });
    expect(legit.error?.status).toBe(400);
    const user = await anonClient(stack).auth.getUser(r2.data.session?.access_token ?? '');
    expect(user.error).toBeInstanceOf(AuthSessionMissingError);
  });

  it('answers refresh_token_not_found for an unknown token and validation_failed for a malformed one', async () => {
    const unknown = await anonClient(stack).auth.refreshSession({ refresh_token: 'abcdefghijklmnop' });
    expect(unknown.error?.code).toBe('refresh_token_not_found');
    const malformed = await anonClient(stack).auth.refreshSession({ refresh_token: 'short' });
    expect(malformed.error?.code).toBe('validation_failed');
  });

  it('ends a session idle for more than 30 minutes (Property 33) but keeps an active one', async () => {
    const email = uniqueEmail('idle');
    await createUser(stack, email);
    const active = await signIn(stack, email);
    const idle = await signIn(stack, email);
    let token = active.session.refresh_token;
    for (let i = 0; i < 4; i += 1) {
      now += 29 * 60; // each refresh within 30 minutes of the last
      const r = await anonClient(stack).auth.refreshSession({ refresh_token: token });
      expect(r.error).toBeNull();
      token = r.data.session?.refresh_token ?? '';
    }
    const late = await anonClient(stack).auth.refreshSession({ refresh_token: idle.session.refresh_token });
    expect(late.error?.status).toBe(400);
    expect(late.error?.code).toBe('session_expired');
    expect(late.error?.message).toBe('Invalid Refresh Token: Session Expired (Inactivity)');
  });

  it('ends every session at the 24 h timebox, however active', async () => {
    const email = uniqueEmail('timebox');
    await createUser(stack, email);
    const { session } = await signIn(stack, email);
    const sessionId = decodeJwt(session.access_token)['session_id'];
    const deadline = now + 24 * 3600;
    // Stand-in for a day of refreshes: the session was last refreshed a minute ago.
    const touch = async () =>
      stack.adminPool.query(
        `update auth.sessions set refreshed_at = (to_timestamp($2) at time zone 'utc') where id = $1`,
        [sessionId, now - 60],
      );
    now = deadline - 60;
    await touch();
    const before = await anonClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(before.error).toBeNull();
    now = deadline + 60;
    await touch();
    const after = await anonClient(stack).auth.refreshSession({
      refresh_token: before.data.session?.refresh_token ?? '',
    });
    expect(after.error?.code).toBe('session_expired');
    expect(after.error?.message).toBe('Invalid Refresh Token: Session Expired');
  });
});

describe('sign-out scopes', () => {
  async function threeSessions() {
    const email = uniqueEmail('logout');
    const id = await createUser(stack, email);
    const a = await signIn(stack, email);
    const b = await signIn(stack, email);
    const c = await signIn(stack, email);
    return { id, a, b, c };
  }
  const count = async (userId: string) =>
    Number(
      (await stack.adminPool.query('select count(*) as n from auth.sessions where user_id = $1', [userId]))
        .rows[0]?.n,
    );

  it('local ends only the current session', async () => {
    const { id, a, b } = await threeSessions();
    const { error } = await a.client.auth.signOut({ scope: 'local' });
    expect(error).toBeNull();
    expect(await count(id)).toBe(2);
    const gone = await anonClient(stack).auth.getUser(a.session.access_token);
    expect(gone.error).toBeInstanceOf(AuthSessionMissingError);
    const alive = await anonClient(stack).auth.getUser(b.session.access_token);
    expect(alive.error).toBeNull();
  });

  it('others ends every session but the current one', async () => {
    const { id, a, b } = await threeSessions();
    const { error } = await a.client.auth.signOut({ scope: 'others' });
    expect(error).toBeNull();
    expect(await count(id)).toBe(1);
    expect((await anonClient(stack).auth.getUser(a.session.access_token)).error).toBeNull();
    const refresh = await anonClient(stack).auth.refreshSession({ refresh_token: b.session.refresh_token });
    expect(refresh.error?.status).toBe(400);
  });

  it('global (the default) ends every session of the user', async () => {
    const { id, a } = await threeSessions();
    const { error } = await a.client.auth.signOut();
    expect(error).toBeNull();
    expect(await count(id)).toBe(0);
  });
});

describe('sign in → rpc → sign out (issue 3, "done when")', () => {
  it('calls an RPC as the signed-in user, whose claims auth.uid()/role()/email()/jwt() read', async () => {
    const { rows } = await stack.adminPool.query(`select to_regprocedure('public.auth_test_whoami()') as f`);
    if (rows[0]?.f === null) {
      await stack.adminPool.query(`
        create function public.auth_test_whoami() returns jsonb language sql stable set search_path = '' as $$
          select jsonb_build_object('uid', auth.uid(), 'role', auth.role(), 'email', auth.email(),
                                    'session_id', auth.jwt() ->> 'session_id', 'db_role', current_user)
        $$;
        grant execute on function public.auth_test_whoami() to anon, authenticated;`);
    }
    const email = uniqueEmail('rpc');
    const id = await createUser(stack, email);
    const { client, session } = await signIn(stack, email);
    const { data, error } = await client.rpc('auth_test_whoami');
    expect(error).toBeNull();
    expect(data).toEqual({
      uid: id,
      role: 'authenticated',
      email,
      session_id: decodeJwt(session.access_token)['session_id'],
      db_role: 'authenticated',
    });
    expect((await client.auth.signOut()).error).toBeNull();
    const anon = await client.rpc('auth_test_whoami');
    expect(anon.data).toMatchObject({ uid: null, role: 'anon', db_role: 'anon' });
  });
});
