// Who a REST request runs as, decided as PostgREST decides it (surface §4.4) after Kong's
// rewrite (§0): the bearer token from Authorization, else the apikey header, else no
// token at all (the anon role). Errors are PostgREST v14's JWT errors (§4.3). Pure.
import { verifyJwt } from '../jwt.ts';
import { restError, type RestError } from './rest-error.ts';

export interface RequestIdentity {
  readonly role: string;
  /** The JWT claims with `role` filled in, as `request.jwt.claims` carries them. */
  readonly claims: Readonly<Record<string, unknown>>;
}

export type AuthOutcome = { ok: true; identity: RequestIdentity } | { ok: false; error: RestError };

export const ANON_ROLE = 'anon';
/** PostgREST accepts `exp` up to 30 s in the past (clock skew between issuer and server). */
const CLOCK_SKEW_SECONDS = 30;

export function bearerToken(
  authorization: string | undefined,
  apikey: string | undefined,
): string | undefined {
  if (authorization !== undefined) {
    const m = /^bearer\s+(.+)$/i.exec(authorization.trim());
    if (m?.[1] !== undefined) return m[1].trim();
  }
  return apikey === undefined || apikey === '' ? undefined : apikey;
}

export function identify(token: string | undefined, secret: string, nowSeconds: number): AuthOutcome {
  if (token === undefined) return { ok: true, identity: { role: ANON_ROLE, claims: { role: ANON_ROLE } } };
  const parts = token.split('.').length;
  if (parts !== 3) return jwtError('PGRST301', `Expected 3 parts in JWT; got ${parts}`);
  const v = verifyJwt(token, secret, nowSeconds - CLOCK_SKEW_SECONDS);
  if (!v.ok) {
    switch (v.reason) {
      case 'expired':
        return jwtError('PGRST303', 'JWT expired');
      case 'unsupported_alg':
        return jwtError('PGRST301', 'Wrong or unsupported encoding algorithm');
      case 'bad_signature':
        return jwtError('PGRST301', 'No suitable key or wrong key type');
      default:
        return jwtError('PGRST301', 'JWT cryptographic operation failed');
    }
  }
  const c = v.claims;
  for (const k of ['nbf', 'iat'] as const) {
    const t = c[k];
    if (t !== undefined && typeof t !== 'number')
      return jwtError('PGRST303', `The JWT '${k}' claim must be a number`);
  }
  if (typeof c['nbf'] === 'number' && c['nbf'] > nowSeconds + CLOCK_SKEW_SECONDS) {
    return jwtError('PGRST303', 'JWT not yet valid');
  }
  if (typeof c['iat'] === 'number' && c['iat'] > nowSeconds + CLOCK_SKEW_SECONDS) {
    return jwtError('PGRST303', 'JWT issued at future');
  }
  const role = typeof c.role === 'string' && c.role !== '' ? c.role : ANON_ROLE;
  return { ok: true, identity: { role, claims: { ...c, role } } };
}

function jwtError(code: string, message: string): AuthOutcome {
  return {
    ok: false,
    error: restError(401, code, message, null, null, {
      'www-authenticate': `Bearer error="invalid_token", error_description="${message}"`,
    }),
  };
}
