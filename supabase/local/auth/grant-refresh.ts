// POST /token?grant_type=refresh_token (tokens/service.go RefreshTokenGrant, §1.7):
// rotation with a reuse interval, reuse detection that revokes the session, and the
// [auth.sessions] inactivity timeout and timebox checked here, the only place GoTrue
// checks them (design Property 33).
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { refreshAction } from '#shared/auth/refresh-reuse.ts';
import { sessionExpiredMessage, sessionValidity } from '#shared/auth/session-validity.ts';
import { issueAccessToken } from './access-token.ts';
import { inTransaction, type AuthContext } from './context.ts';
import { badRequest, CommitThenFail, oauthError } from './errors.ts';
import type { PgHook } from './hooks.ts';
import type { JsonObject } from './request.ts';
import {
  activeRefreshToken,
  deleteSession,
  findRefreshToken,
  findSession,
  insertRefreshToken,
  revokeRefreshToken,
  touchSession,
  type RefreshTokenRow,
  type SessionRow,
} from './session-store.ts';
import { tokenResponse } from './token-response.ts';
import { findUserById, isBanned, type UserRow } from './user-store.ts';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{12,255}$/;

interface Locked {
  readonly token: RefreshTokenRow;
  readonly session: SessionRow;
  readonly user: UserRow;
}

/** Finds the token, its session (row-locked: concurrent refreshes of a session queue) and user. */
async function lockRefreshState(client: pg.PoolClient, presented: string): Promise<Locked> {
  const first = await findRefreshToken(client, presented);
  if (!first) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  const session = first.sessionId ? await findSession(client, first.sessionId, true) : undefined;
  if (!session) throw badRequest('session_not_found', 'Invalid Refresh Token: Session Not Found');
  // Read again under the lock: a refresh that held it may have revoked the token.
  const token = (await findRefreshToken(client, presented)) ?? first;
  const user = await findUserById(client, session.userId);
  if (!user) throw badRequest('user_not_found', 'Invalid Refresh Token: User Not Found');
  return { token, session, user };
}

/** Ends the session when it is past its inactivity timeout or timebox (Property 33). */
async function enforceSessionLimits(
  ctx: AuthContext,
  client: pg.PoolClient,
  session: SessionRow,
  now: number,
) {
  const { inactivityTimeoutSeconds, timeboxSeconds } = ctx.deps.config.auth.sessions;
  const validity = sessionValidity(session, { inactivityTimeoutSeconds, timeboxSeconds }, now);
  if (validity === 'valid') return;
  // Ended for good: the access tokens of this session stop working too.
  await deleteSession(client, session.id);
  throw new CommitThenFail(badRequest('session_expired', sessionExpiredMessage(validity)));
}

/** The refresh token to hand out, after rotation and reuse detection (§1.7). */
async function nextRefreshToken(
  ctx: AuthContext,
  client: pg.PoolClient,
  s: Locked,
  now: number,
): Promise<string> {
  const auth = ctx.deps.config.auth;
  const active = await activeRefreshToken(client, s.session.id);
  const action = refreshAction(s.token, active?.parent ?? undefined, auth.refreshTokenReuseInterval, now);
  if (action === 'reuse_detected') {
    ctx.deps.log(`auth: refresh token reuse detected on session ${s.session.id}; session revoked`);
    if (auth.enableRefreshTokenRotation) await deleteSession(client, s.session.id);
    throw new CommitThenFail(badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used'));
  }
  if (action === 'return_active' && active) return active.token;
  if (!auth.enableRefreshTokenRotation) return s.token.token;
  await revokeRefreshToken(client, s.token.id, now);
  return insertRefreshToken(client, s.user.id, s.session.id, s.token.token, now);
}

export async function refreshGrant(
  ctx: AuthContext,
  hook: PgHook | undefined,
  req: IncomingMessage,
  body: JsonObject,
): Promise<JsonObject> {
  const presented = body['refresh_token'];
  if (presented === undefined || presented === null || presented === '') {
    throw oauthError('invalid_request', 'refresh_token required');
  }
  if (typeof presented !== 'string' || !TOKEN_SHAPE.test(presented)) {
    throw badRequest('validation_failed', 'Refresh token is not valid');
  }
  return inTransaction(ctx.deps.pool, async (client) => {
    const state = await lockRefreshState(client, presented);
    const now = ctx.now();
    if (isBanned(state.user, now)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
    await enforceSessionLimits(ctx, client, state.session, now);
    const refreshToken = await nextRefreshToken(ctx, client, state, now);
    await touchSession(client, state.session.id, now);
    const issued = await issueAccessToken(ctx, client, hook, req, {
      user: state.user,
      sessionId: state.session.id,
      signedInAt: Math.floor(state.session.createdAt),
      method: 'token_refresh',
    });
    return tokenResponse(client, issued, refreshToken, state.user);
  });
}
