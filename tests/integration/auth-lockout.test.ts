// Design Property 37 through the real sign-in path: the password verification attempt
// hook (supabase/migrations/20261201000100_auth_hooks.sql) locks an account for 30
// minutes after 5 failures, atomically under concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLockoutMessage } from '../../shared/auth/lockout-policy.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { anonClient, createUser, signIn, STRONG_PASSWORD, uniqueEmail } from './auth-harness.ts';

const WRONG = 'Wrong-Password-99!';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const attempt = (email: string, password: string) =>
  anonClient(stack).auth.signInWithPassword({ email, password });
const failures = async (userId: string) =>
  (
    await stack.adminPool.query(
      'select failed_attempts, locked_until from private.password_attempts where user_id = $1',
      [userId],
    )
  ).rows[0] as { failed_attempts: number; locked_until: Date | null } | undefined;

describe('lockout after failed password attempts (Property 37)', () => {
  it('locks for 30 minutes at the 5th failure and refuses the right password while locked', async () => {
    const email = uniqueEmail('lock');
    const id = await createUser(stack, email);
    for (let i = 1; i <= 4; i += 1) {
      const r = await attempt(email, WRONG);
      expect(r.error?.code).toBe('invalid_credentials');
      expect(r.error?.message).toBe('Invalid login credentials');
    }
    const fifth = await attempt(email, WRONG);
    expect(fifth.error?.status).toBe(400);
    expect(fifth.error?.code).toBe('invalid_credentials');
    expect(parseLockoutMessage(fifth.error?.message ?? '')).toBe(30);

    const sixth = await attempt(email, STRONG_PASSWORD);
    expect(sixth.data.session).toBeNull();
    expect(sixth.error?.code).toBe('invalid_credentials');
    const minutes = parseLockoutMessage(sixth.error?.message ?? '');
    expect(minutes).toBeGreaterThanOrEqual(29);
    expect(minutes).toBeLessThanOrEqual(30);

    const row = await failures(id);
    expect(row?.failed_attempts).toBe(5);
    const lockSeconds = ((row?.locked_until?.getTime() ?? 0) - Date.now()) / 1000;
    expect(lockSeconds).toBeGreaterThan(29 * 60);
    expect(lockSeconds).toBeLessThanOrEqual(30 * 60);
  });

  it('unlocks once the 30 minutes are over, and a success resets the count', async () => {
    const email = uniqueEmail('unlock');
    const id = await createUser(stack, email);
    for (let i = 0; i < 5; i += 1) await attempt(email, WRONG);
    expect((await attempt(email, STRONG_PASSWORD)).error).not.toBeNull();
    // The lock ran out (moved into the past rather than waiting 30 minutes).
    await stack.adminPool.query(
      `update private.password_attempts set locked_until = now() - interval '1 second' where user_id = $1`,
      [id],
    );
    await signIn(stack, email);
    expect(await failures(id)).toBeUndefined();
    // Counting starts afresh: four more failures do not lock.
    for (let i = 0; i < 4; i += 1) await attempt(email, WRONG);
    await signIn(stack, email);
  });

  it('a success before the 5th failure resets the count', async () => {
    const email = uniqueEmail('reset');
    await createUser(stack, email);
    for (let i = 0; i < 4; i += 1) await attempt(email, WRONG);
    await signIn(stack, email);
    for (let i = 0; i < 4; i += 1) await attempt(email, WRONG);
    await signIn(stack, email);
  });

  it('counts at most 5 of 50 concurrent wrong attempts before the lock', async () => {
    const email = uniqueEmail('burst');
    const id = await createUser(stack, email);
    const results = await Promise.all(Array.from({ length: 50 }, () => attempt(email, WRONG)));
    expect(results.every((r) => r.error?.code === 'invalid_credentials')).toBe(true);
    const plain = results.filter((r) => r.error?.message === 'Invalid login credentials');
    expect(plain.length).toBe(4);
    expect(results.filter((r) => parseLockoutMessage(r.error?.message ?? '') !== undefined)).toHaveLength(46);
    const row = await failures(id);
    expect(row?.failed_attempts).toBe(5);
    expect(row?.locked_until).not.toBeNull();
    expect((await attempt(email, STRONG_PASSWORD)).error).not.toBeNull();
  });

  it('does not lock other users', async () => {
    const victim = uniqueEmail('victim');
    const bystander = uniqueEmail('bystander');
    await createUser(stack, victim);
    await createUser(stack, bystander);
    for (let i = 0; i < 5; i += 1) await attempt(victim, WRONG);
    await signIn(stack, bystander);
  });
});
