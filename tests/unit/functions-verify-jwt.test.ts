import { describe, expect, it } from 'vitest';
import { checkFunctionJwt } from '../../supabase/local/functions/verify-jwt.ts';
import { signJwt } from '../../supabase/local/jwt.ts';

const SECRET = 'unit-test-secret-unit-test-secret-unit-test';
const NOW = 1_800_000_000;
const token = (exp: number, secret = SECRET): string => signJwt({ role: 'authenticated', exp }, secret);

describe('checkFunctionJwt (verify_jwt as the Supabase edge runtime answers it)', () => {
  it('accepts a valid Bearer token', () => {
    expect(checkFunctionJwt('POST', `Bearer ${token(NOW + 1)}`, SECRET, NOW)).toEqual({ ok: true });
  });

  it('never checks a CORS preflight', () => {
    expect(checkFunctionJwt('OPTIONS', undefined, SECRET, NOW)).toEqual({ ok: true });
  });

  it("answers the platform's 401 messages", () => {
    const fail = (msg: string) => ({ ok: false, status: 401, body: { msg } });
    expect(checkFunctionJwt('POST', undefined, SECRET, NOW)).toEqual(
      fail('Error: Missing authorization header'),
    );
    expect(checkFunctionJwt('POST', '', SECRET, NOW)).toEqual(fail('Error: Missing authorization header'));
    expect(checkFunctionJwt('POST', 'Basic abc', SECRET, NOW)).toEqual(
      fail("Error: Auth header is not 'Bearer {token}'"),
    );
    expect(checkFunctionJwt('POST', 'Bearer', SECRET, NOW)).toEqual(
      fail("Error: Auth header is not 'Bearer {token}'"),
    );
    expect(checkFunctionJwt('POST', 'Bearer not.a.jwt', SECRET, NOW)).toEqual(fail('Invalid JWT'));
    expect(checkFunctionJwt('POST', `Bearer ${token(NOW)}`, SECRET, NOW)).toEqual(fail('Invalid JWT'));
    expect(checkFunctionJwt('GET', `Bearer ${token(NOW + 60, `${SECRET}x`)}`, SECRET, NOW)).toEqual(
      fail('Invalid JWT'),
    );
  });
});
