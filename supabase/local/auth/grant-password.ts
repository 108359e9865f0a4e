// POST /token?grant_type=password (api/token.go ResourceOwnerPasswordGrant): the
// password verification attempt hook sees every attempt on an existing user, valid or
// not, and its `reject` wins even over a right password (design Property 37).
import type { IncomingMessage } from 'node:http';
import { checkPasswordStrength } from '#shared/auth/password-policy.ts';
import { issueAccessToken } from './access-token.ts';
import { inTransaction, toDate, type AuthContext } from './context.ts';
import { badRequest, invalidCredentials } from './errors.ts';
import { hookMetadata, runHook, type PgHook } from './hooks.ts';
import { clientIp, optionalString, validatePhone, type JsonObject } from './request.ts';
import { createSession, deleteUserSessions, insertRefreshToken } from './session-store.ts';
import { tokenResponse } from './token-response.ts';
import {
  burnPasswordCheck,
  findUserByEmail,
  findUserById,
  findUserByPhone,
  isBanned,
  verifyPassword,
  type UserRow,
} from './user-store.ts';

export interface PasswordHooks {
  readonly passwordVerification: PgHook | undefined;
  readonly customAccessToken: PgHook | undefined;
}

const DEFAULT_REJECTION = 'Further password verification attempts will be rejected.';

async function findLoginUser(ctx: AuthContext, body: JsonObject): Promise<UserRow | undefined> {
  const email = optionalString(body, 'email') ?? '';
  const phone = optionalString(body, 'phone') ?? '';
  if (email !== '' && phone !== '') {
    throw badRequest(
      'validation_failed',
      'Only an email address or phone number should be provided on login.',
    );
  }
  if (email !== '') return findUserByEmail(ctx.deps.pool, email.trim());
  if (phone !== '') {
    let normalised: string;
    try {
      normalised = validatePhone(phone);
    } catch {
      return undefined;
    }
    return findUserByPhone(ctx.deps.pool, normalised);
  }
  throw invalidCredentials();
}

/** Calls the verification hook in its own committed transaction: its counting must stick. */
async function verificationDecision(
  ctx: AuthContext,
  hook: PgHook,
  req: IncomingMessage,
  user: UserRow,
  valid: boolean,
): Promise<void> {
  const output = await inTransaction(ctx.deps.pool, (client) =>
    runHook(client, hook, {
      metadata: hookMetadata('password-verification', req, ctx.now()),
      user_id: user.id,
      valid,
    }),
  );
  if (output['decision'] !== 'reject') return;
  if (output['should_logout_user'] === true) await deleteUserSessions(ctx.deps.pool, user.id);
  const message =
    typeof output['message'] === 'string' && output['message'] !== '' ? output['message'] : DEFAULT_REJECTION;
  throw invalidCredentials(message);
}

function weakPasswordWarning(ctx: AuthContext, password: string): JsonObject {
  // A right password that no longer meets the rules signs in, with a warning (§1.2).
  const strength = checkPasswordStrength(password, {
    minLength: ctx.deps.config.auth.minimumPasswordLength,
    requiredCharacterSets: ctx.deps.config.auth.requiredCharacterSets,
  });
  if (strength.ok || strength.tooLong) return {};
  return { weak_password: { message: strength.message, reasons: strength.reasons } };
}

/** Opens a session in one transaction: session, refresh token, hooked access token. */
async function openSession(
  ctx: AuthContext,
  hook: PgHook | undefined,
  req: IncomingMessage,
  user: UserRow,
  password: string,
): Promise<JsonObject> {
  const now = ctx.now();
  return inTransaction(ctx.deps.pool, async (client) => {
    await client.query('update auth.users set last_sign_in_at = $2, updated_at = $2 where id = $1', [
      user.id,
      toDate(now),
    ]);
    await client.query(
      'update auth.identities set last_sign_in_at = $2, updated_at = $2 where user_id = $1',
      [user.id, toDate(now)],
    );
    const sessionId = await createSession(client, user.id, now, {
      userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
      ip: clientIp(req),
    });
    const refreshToken = await insertRefreshToken(client, user.id, sessionId, null, now);
    const fresh = (await findUserById(client, user.id)) ?? user;
    const issued = await issueAccessToken(ctx, client, hook, req, {
      user: fresh,
      sessionId,
      signedInAt: now,
      method: 'password',
    });
    return tokenResponse(client, issued, refreshToken, fresh, weakPasswordWarning(ctx, password));
  });
}

export async function passwordGrant(
  ctx: AuthContext,
  hooks: PasswordHooks,
  req: IncomingMessage,
  body: JsonObject,
): Promise<JsonObject> {
  const password = optionalString(body, 'password') ?? '';
  const user = await findLoginUser(ctx, body);
  if (!user) {
    await burnPasswordCheck(ctx.deps.pool, password, ctx.bcryptCost);
    throw invalidCredentials();
  }
  const valid = password !== '' && (await verifyPassword(ctx.deps.pool, user.id, password));
  if (hooks.passwordVerification)
    await verificationDecision(ctx, hooks.passwordVerification, req, user, valid);
  if (!valid) throw invalidCredentials();
  if (isBanned(user, ctx.now())) throw badRequest('user_banned', 'User is banned');
  if (optionalString(body, 'email') && !user.email_confirmed_at) {
    throw badRequest('email_not_confirmed', 'Email not confirmed');
  }
  if (optionalString(body, 'phone') && !user.phone_confirmed_at) {
    throw badRequest('phone_not_confirmed', 'Phone not confirmed');
  }
  return openSession(ctx, hooks.customAccessToken, req, user, password);
}
