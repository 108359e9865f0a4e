// The auth hooks as GoTrue calls them (§2): run as supabase_auth_admin with the event
// JSON; custom claims are signed as returned; hook errors become HTTP errors and leave
// no session behind. Each test installs the hook body it needs in its own database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { anonClient, createUser, decodeJwt, signIn, STRONG_PASSWORD, uniqueEmail } from './auth-harness.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function setAccessTokenHook(body: string): Promise<void> {
  await stack.adminPool.query(`
    create or replace function public.custom_access_token_hook(event jsonb) returns jsonb
    language plpgsql set search_path = '' as $$ begin ${body} end $$`);
}

const sessionsOf = async (userId: string) =>
  Number(
    (await stack.adminPool.query('select count(*) as n from auth.sessions where user_id = $1', [userId]))
      .rows[0]?.n,
  );

describe('custom access token hook', () => {
  it('signs the claims it returns, runs as supabase_auth_admin and learns the method', async () => {
    await setAccessTokenHook(`
      return jsonb_build_object('claims', (event -> 'claims') || jsonb_build_object(
        'runner', current_user, 'method', event ->> 'authentication_method', 'hook_user', event ->> 'user_id'));`);
    const email = uniqueEmail('claims');
    const id = await createUser(stack, email);
    const { session } = await signIn(stack, email);
    expect(decodeJwt(session.access_token)).toMatchObject({
      runner: 'supabase_auth_admin',
      method: 'password',
      hook_user: id,
      sub: id,
    });
    const refreshed = await anonClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(decodeJwt(refreshed.data.session?.access_token ?? '')).toMatchObject({ method: 'token_refresh' });
  });

  it('turns an {error} output into that HTTP error and rolls the sign-in back', async () => {
    await setAccessTokenHook(`
      return jsonb_build_object('error', jsonb_build_object('http_code', 403, 'message', 'Store accounts are suspended'));`);
    const email = uniqueEmail('hookerror');
    const id = await createUser(stack, email);
    const { error } = await anonClient(stack).auth.signInWithPassword({ email, password: STRONG_PASSWORD });
    expect(error?.status).toBe(403);
    expect(error?.message).toBe('Store accounts are suspended');
    expect(await sessionsOf(id)).toBe(0);
  });

  it('refuses output that lacks the required claims (500) and rolls the sign-in back', async () => {
    await setAccessTokenHook(`return jsonb_build_object('claims', (event -> 'claims') - 'session_id');`);
    const email = uniqueEmail('badclaims');
    const id = await createUser(stack, email);
    const { error } = await anonClient(stack).auth.signInWithPassword({ email, password: STRONG_PASSWORD });
    expect(error?.status).toBe(500);
    expect(await sessionsOf(id)).toBe(0);
  });

  it('gives up on a hook slower than 2 seconds with 422 hook_timeout', async () => {
    await setAccessTokenHook(`perform pg_sleep(5); return jsonb_build_object('claims', event -> 'claims');`);
    const email = uniqueEmail('slow');
    const id = await createUser(stack, email);
    const { error } = await anonClient(stack).auth.signInWithPassword({ email, password: STRONG_PASSWORD });
    expect(error?.status).toBe(422);
    expect(error?.code).toBe('hook_timeout');
    expect(await sessionsOf(id)).toBe(0);
    await setAccessTokenHook(`return jsonb_build_object('claims', event -> 'claims');`);
  });
});

describe('password verification attempt hook', () => {
  it('receives {user_id, valid} and can reject and log the user out everywhere', async () => {
    const email = uniqueEmail('pwhook');
    const id = await createUser(stack, email);
    await signIn(stack, email);
    expect(await sessionsOf(id)).toBe(1);
    await stack.adminPool.query(`
      create or replace function public.password_verification_attempt_hook(event jsonb) returns jsonb
      language plpgsql set search_path = '' as $$ begin
        if (event ->> 'valid')::boolean and (event ->> 'user_id')::uuid is not null then
          return jsonb_build_object('decision', 'reject', 'message', 'Password sign-in paused', 'should_logout_user', true);
        end if;
        return jsonb_build_object('decision', 'continue');
      end $$`);
    const { error } = await anonClient(stack).auth.signInWithPassword({ email, password: STRONG_PASSWORD });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('invalid_credentials');
    expect(error?.message).toBe('Password sign-in paused');
    expect(await sessionsOf(id)).toBe(0);
  });

  it('cannot be called by the API roles', async () => {
    const client = await stack.adminPool.connect();
    try {
      for (const role of ['anon', 'authenticated']) {
        await client.query('begin');
        await client.query(`set local role ${role}`);
        await expect(
          client.query(`select public.password_verification_attempt_hook('{"user_id":null,"valid":false}')`),
        ).rejects.toMatchObject({ code: '42501' });
        await client.query('rollback');
        await client.query('begin');
        await client.query(`set local role ${role}`);
        await expect(client.query('select * from private.password_attempts')).rejects.toMatchObject({
          code: '42501',
        });
        await client.query('rollback');
      }
    } finally {
      client.release();
    }
  });
});
