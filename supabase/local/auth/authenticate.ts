// GoTrue's request authentication (api/auth.go): the bearer JWT must verify; user
// endpoints also load the `sub` user and the `session_id` session; admin endpoints
// only need an admin role (service_role) in the token.
import type { IncomingMessage } from 'node:http';
import { verifyJwt, type JwtClaims, type JwtFailure } from '../jwt.ts';
import type { AuthContext } from './context.ts';
import { AuthError, forbidden } from './errors.ts';
import { bearerToken, isUuid } from './request.ts';
import { findSession, type SessionRow } from './session-store.ts';
import { findUserById, isBanned, type UserRow } from './user-store.ts';

const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

const JWT_MESSAGES: Record<JwtFailure, string> = {
  malformed: 'invalid JWT: unable to parse or verify signature, token is malformed',
  bad_signature: 'invalid JWT: unable to parse or verify signature, signature is invalid',
  expired: 'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
  unsupported_alg: 'invalid JWT: unable to parse or verify signature, signing method is invalid',
};

export function requireClaims(ctx: AuthContext, req: IncomingMessage): JwtClaims {
  const token = bearerToken(req);
  const result = verifyJwt(token, ctx.deps.keys.jwtSecret, ctx.deps.clock());
  if (!result.ok) throw forbidden('bad_jwt', JWT_MESSAGES[result.reason]);
  return result.claims;
}

export function requireAdmin(ctx: AuthContext, req: IncomingMessage): JwtClaims {
  const claims = requireClaims(ctx, req);
  if (typeof claims.role !== 'string' || !ADMIN_ROLES.has(claims.role))
    throw forbidden('not_admin', 'User not allowed');
  return claims;
}

export interface Authenticated {
  readonly claims: JwtClaims;
  readonly user: UserRow;
  readonly session: SessionRow | undefined;
}

export async function requireUser(ctx: AuthContext, req: IncomingMessage): Promise<Authenticated> {
  const claims = requireClaims(ctx, req);
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!isUuid(sub)) throw new AuthError(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
  const pool = ctx.deps.pool;
  const user = await findUserById(pool, sub);
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  let session: SessionRow | undefined;
  const sid = claims['session_id'];
  if (typeof sid === 'string' && sid !== '') {
    session = isUuid(sid) ? await findSession(pool, sid) : undefined;
    if (!session || session.userId !== user.id) {
      throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
    }
  }
  if (isBanned(user, ctx.now())) throw forbidden('user_banned', 'User is banned');
  return { claims, user, session };
}
