// Access-token checks with Supabase Realtime's error codes and messages, so realtime-js
// surfaces the same CHANNEL_ERROR reasons locally as against a hosted project.
import { verifyJwt, type JwtClaims } from '../jwt.ts';

export type TokenCheck =
  | { readonly ok: true; readonly claims: JwtClaims & { role: string; exp: number } }
  | { readonly ok: false; readonly code: string; readonly message: string };

const fail = (code: string, message: string): TokenCheck => ({ ok: false, code, message });

export function checkAccessToken(token: string, jwtSecret: string, nowSeconds: number): TokenCheck {
  const r = verifyJwt(token, jwtSecret, nowSeconds);
  if (!r.ok) {
    switch (r.reason) {
      case 'malformed':
        return fail('MalformedJWT', 'The token provided is not a valid JWT');
      case 'expired': {
        const claims = decodeClaimsUnverified(token);
        const ago = typeof claims?.exp === 'number' ? Math.max(0, Math.floor(nowSeconds - claims.exp)) : 0;
        return fail('InvalidJWTToken', `Token has expired ${ago} seconds ago`);
      }
      default:
        return fail('JwtSignatureError', 'Failed to validate JWT signature');
    }
  }
  const { role, exp } = r.claims;
  if (typeof role !== 'string' || role === '' || typeof exp !== 'number') {
    return fail('InvalidJWTToken', 'Fields `role` and `exp` are required in JWT');
  }
  return { ok: true, claims: { ...r.claims, role, exp } };
}

// Only to word the "expired N seconds ago" message; the signature was already checked.
function decodeClaimsUnverified(token: string): JwtClaims | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return undefined;
  }
}
