// Access tokens with GoTrue's claims (tokens/service.go GenerateAccessToken, §1.5),
// passed through the custom access token hook when one is configured (§2.2) and
// signed HS256 with the project's JWT secret.
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { signJwt } from '../jwt.ts';
import type { AuthContext } from './context.ts';
import { unexpected } from './errors.ts';
import { hookMetadata, runHook, type PgHook } from './hooks.ts';
import type { JsonObject } from './request.ts';
import type { UserRow } from './user-store.ts';

export type AuthenticationMethod = 'password' | 'token_refresh';

export interface IssueInput {
  readonly user: UserRow;
  readonly sessionId: string;
  /** When the session signed in: the `amr` timestamp, unchanged by refreshes. */
  readonly signedInAt: number;
  readonly method: AuthenticationMethod;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly expiresIn: number;
}

export function baseClaims(ctx: AuthContext, input: IssueInput, now: number): JsonObject {
  const { user } = input;
  // Key order as GoTrue marshals AccessTokenClaims.
  return {
    iss: ctx.issuer,
    sub: user.id,
    aud: user.aud ?? 'authenticated',
    exp: now + ctx.deps.config.auth.jwtExpiry,
    iat: now,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: input.signedInAt }],
    session_id: input.sessionId,
    is_anonymous: user.is_anonymous,
  };
}

const REQUIRED: ReadonlyArray<[string, (v: unknown) => boolean]> = [
  ['aud', (v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))],
  ['exp', (v) => typeof v === 'number'],
  ['iat', (v) => typeof v === 'number'],
  ['sub', (v) => typeof v === 'string'],
  ['email', (v) => typeof v === 'string'],
  ['phone', (v) => typeof v === 'string'],
  ['role', (v) => typeof v === 'string'],
  ['aal', (v) => typeof v === 'string'],
  ['session_id', (v) => typeof v === 'string'],
  ['is_anonymous', (v) => typeof v === 'boolean'],
];

/** GoTrue validates hook output against its minimum token schema before signing it. */
export function validateHookClaims(output: JsonObject): JsonObject {
  const claims = output['claims'];
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw unexpected('output claims field is missing');
  }
  const c = claims as JsonObject;
  const bad = REQUIRED.filter(([k, ok]) => !ok(c[k])).map(([k]) => k);
  if (bad.length > 0) {
    throw unexpected(
      `output claims do not conform to the expected schema: missing or invalid ${bad.join(', ')}`,
    );
  }
  const amr = c['amr'];
  if (amr !== undefined && !Array.isArray(amr))
    throw unexpected('output claims do not conform to the expected schema: amr');
  return c;
}

/** Issues an access token inside the caller's transaction (the hook runs in it, as in GoTrue). */
export async function issueAccessToken(
  ctx: AuthContext,
  client: pg.PoolClient,
  hook: PgHook | undefined,
  req: IncomingMessage,
  input: IssueInput,
): Promise<IssuedToken> {
  const now = ctx.now();
  let claims = baseClaims(ctx, input, now);
  if (hook) {
    const output = await runHook(client, hook, {
      metadata: hookMetadata('customize-access-token', req, now),
      user_id: input.user.id,
      claims,
      authentication_method: input.method,
    });
    claims = validateHookClaims(output);
  }
  const expiresAt = now + ctx.deps.config.auth.jwtExpiry;
  return { accessToken: signJwt(claims, ctx.deps.keys.jwtSecret), expiresAt, expiresIn: expiresAt - now };
}
