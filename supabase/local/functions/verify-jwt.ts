// verify_jwt for /functions/v1, answered as the Supabase CLI's edge runtime answers
// (supabase-surface.md §6.1): OPTIONS is never checked (CORS preflight), the token comes
// from `Authorization: Bearer <token>`, and every failure is a 401 `{"msg": ...}`.
import { verifyJwt } from '../jwt.ts';

export type JwtCheck = { ok: true } | { ok: false; status: 401; body: { msg: string } };

const fail = (msg: string): JwtCheck => ({ ok: false, status: 401, body: { msg } });

export function checkFunctionJwt(
  method: string,
  authorization: string | undefined,
  secret: string,
  nowSeconds: number,
): JwtCheck {
  if (method === 'OPTIONS') return { ok: true };
  if (authorization === undefined || authorization === '') return fail('Error: Missing authorization header');
  const match = /^Bearer (\S+)$/.exec(authorization);
  if (match?.[1] === undefined) return fail("Error: Auth header is not 'Bearer {token}'");
  // Malformed, wrongly signed and expired tokens all get the platform's one message.
  return verifyJwt(match[1], secret, nowSeconds).ok ? { ok: true } : fail('Invalid JWT');
}
