// HS256 JSON Web Tokens, as GoTrue issues them and PostgREST verifies them.
// Hand-written on node:crypto (about 40 lines) rather than a JWT library: the local
// stack needs exactly one algorithm, and this keeps verification errors in our words.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, unknown> & { exp?: number; role?: string; sub?: string };

const b64url = (buf: Buffer | string): string => Buffer.from(buf).toString('base64url');

export function signJwt(claims: JwtClaims, secret: string): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${sig}`;
}

export type JwtFailure = 'malformed' | 'bad_signature' | 'expired' | 'unsupported_alg';

export type JwtResult = { ok: true; claims: JwtClaims } | { ok: false; reason: JwtFailure };

/** Verifies signature and `exp` against `nowSeconds` (the caller's clock). */
export function verifyJwt(token: string, secret: string, nowSeconds: number): JwtResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [h, b, s] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(b, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (header === null || typeof header !== 'object' || claims === null || typeof claims !== 'object') {
    return { ok: false, reason: 'malformed' };
  }
  if ((header as { alg?: unknown }).alg !== 'HS256') return { ok: false, reason: 'unsupported_alg' };
  const expected = createHmac('sha256', secret).update(`${h}.${b}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  const c = claims as JwtClaims;
  if (typeof c.exp === 'number' && c.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims: c };
}
