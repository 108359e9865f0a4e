import { describe, expect, it } from 'vitest';
import { signJwt } from '../../supabase/local/jwt.ts';
import { bearerToken, identify } from '../../supabase/local/rest/request-auth.ts';

const SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
const NOW = 1_800_000_000;

describe('bearerToken', () => {
  it('prefers Authorization: Bearer, falls back to apikey (Kong), else none', () => {
    expect(bearerToken('Bearer abc', 'key')).toBe('abc');
    expect(bearerToken('bearer  abc ', undefined)).toBe('abc');
    expect(bearerToken(undefined, 'key')).toBe('key');
    expect(bearerToken('Basic xyz', 'key')).toBe('key');
    expect(bearerToken(undefined, undefined)).toBeUndefined();
  });
});

describe('identify', () => {
  it('runs a request without a token as anon with role in the claims', () => {
    expect(identify(undefined, SECRET, NOW)).toEqual({
      ok: true,
      identity: { role: 'anon', claims: { role: 'anon' } },
    });
  });

  it('takes the role from the token, anon when the claim is missing', () => {
    const user = identify(signJwt({ role: 'authenticated', sub: 'u1', exp: NOW + 60 }, SECRET), SECRET, NOW);
    expect(user).toMatchObject({ ok: true, identity: { role: 'authenticated', claims: { sub: 'u1' } } });
    const noRole = identify(signJwt({ sub: 'u1' }, SECRET), SECRET, NOW);
    expect(noRole).toMatchObject({
      ok: true,
      identity: { role: 'anon', claims: { role: 'anon', sub: 'u1' } },
    });
  });

  it('answers PGRST301 for a malformed or wrongly signed token', () => {
    const parts = identify('abc.def', SECRET, NOW);
    expect(parts).toMatchObject({
      ok: false,
      error: { status: 401, body: { code: 'PGRST301', message: 'Expected 3 parts in JWT; got 2' } },
    });
    const wrong = identify(signJwt({ role: 'anon' }, 'x'.repeat(40)), SECRET, NOW);
    expect(wrong).toMatchObject({ ok: false, error: { status: 401, body: { code: 'PGRST301' } } });
  });

  it('answers PGRST303 "JWT expired" past exp plus 30 s of clock skew', () => {
    const t = signJwt({ role: 'authenticated', exp: NOW - 10 }, SECRET);
    expect(identify(t, SECRET, NOW)).toMatchObject({ ok: true });
    const old = signJwt({ role: 'authenticated', exp: NOW - 31 }, SECRET);
    const r = identify(old, SECRET, NOW);
    expect(r).toMatchObject({
      ok: false,
      error: { status: 401, body: { code: 'PGRST303', message: 'JWT expired' } },
    });
    if (!r.ok)
      expect(r.error.headers?.['www-authenticate']).toBe(
        'Bearer error="invalid_token", error_description="JWT expired"',
      );
  });
});
