// The local GoTrue: `/auth/v1/*` of the gateway, speaking the subset of GoTrue's HTTP
// API that auth-js uses here (password and refresh grants, logout, user, admin users),
// with the auth hooks and password/session rules from supabase/config.toml.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpService, ServiceDeps } from '../service.ts';
import { createUser, deleteUser, getUserById, listUsers, updateUserById } from './admin-users.ts';
import { requireAdmin } from './authenticate.ts';
import { makeContext, type AuthContext, type AuthOptions } from './context.ts';
import { AuthError, oauthError, unexpected } from './errors.ts';
import { passwordGrant, type PasswordHooks } from './grant-password.ts';
import { refreshGrant } from './grant-refresh.ts';
import { parseHook } from './hooks.ts';
import { logout } from './logout.ts';
import { parseBody } from './request.ts';
import { sendError, sendJson, sendNoContent } from './respond.ts';
import { settings } from './settings.ts';
import { getUser, updateUser } from './user-endpoint.ts';

export type { AuthOptions } from './context.ts';

interface Request {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly body: Buffer;
}

type Route = (ctx: AuthContext, r: Request, params: readonly string[]) => Promise<void>;

function routes(hooks: PasswordHooks): ReadonlyArray<[string, RegExp, Route]> {
  const json =
    (fn: (ctx: AuthContext, r: Request, p: readonly string[]) => Promise<unknown>): Route =>
    async (ctx, r, p) =>
      sendJson(r.res, 200, await fn(ctx, r, p));
  const admin = (fn: (ctx: AuthContext, r: Request, p: readonly string[]) => Promise<unknown>): Route =>
    json(async (ctx, r, p) => {
      requireAdmin(ctx, r.req);
      return fn(ctx, r, p);
    });
  return [
    [
      'GET',
      /^\/health$/,
      json(async () => ({ version: 'local', name: 'GoTrue', description: 'Local GoTrue stand-in' })),
    ],
    ['GET', /^\/settings$/, json(async (ctx) => settings(ctx))],
    // HS256 only: no public keys to publish, so auth-js getClaims() falls back to GET /user.
    ['GET', /^\/\.well-known\/jwks\.json$/, json(async () => ({ keys: [] }))],
    [
      'POST',
      /^\/token$/,
      json(async (ctx, r) => {
        const grant = r.url.searchParams.get('grant_type');
        const body = parseBody(r.body);
        if (grant === 'password') return passwordGrant(ctx, hooks, r.req, body);
        if (grant === 'refresh_token') return refreshGrant(ctx, hooks.customAccessToken, r.req, body);
        throw oauthError('unsupported_grant_type', '');
      }),
    ],
    [
      'POST',
      /^\/logout$/,
      async (ctx, r) => {
        await logout(ctx, r.req, r.url);
        sendNoContent(r.res);
      },
    ],
    ['GET', /^\/user$/, json(async (ctx, r) => getUser(ctx, r.req))],
    ['PUT', /^\/user$/, json(async (ctx, r) => updateUser(ctx, r.req, parseBody(r.body)))],
    [
      'POST',
      /^\/signup$/,
      async () => {
        // [auth] enable_signup = false: users are provisioned by admins.
        throw new AuthError(422, 'signup_disabled', 'Signups not allowed for this instance');
      },
    ],
    [
      'GET',
      /^\/admin\/users\/?$/,
      async (ctx, r) => {
        requireAdmin(ctx, r.req);
        const page = await listUsers(ctx, r.url);
        sendJson(r.res, 200, page.body, page.headers);
      },
    ],
    ['POST', /^\/admin\/users\/?$/, admin(async (ctx, r) => createUser(ctx, parseBody(r.body)))],
    ['GET', /^\/admin\/users\/([^/]+)$/, admin(async (ctx, _r, p) => getUserById(ctx, p[0] ?? ''))],
    [
      'PUT',
      /^\/admin\/users\/([^/]+)$/,
      admin(async (ctx, r, p) => updateUserById(ctx, p[0] ?? '', parseBody(r.body))),
    ],
    [
      'DELETE',
      /^\/admin\/users\/([^/]+)$/,
      admin(async (ctx, r, p) => deleteUser(ctx, p[0] ?? '', parseBody(r.body))),
    ],
  ];
}

export async function createAuthService(deps: ServiceDeps, options: AuthOptions = {}): Promise<HttpService> {
  const ctx = makeContext(deps, options);
  const hooks: PasswordHooks = {
    passwordVerification: parseHook(
      'password_verification_attempt',
      deps.config.auth.hooks.passwordVerificationAttempt,
    ),
    customAccessToken: parseHook('custom_access_token', deps.config.auth.hooks.customAccessToken),
  };
  const table = routes(hooks);
  return {
    async handle(req, res, path, url, body) {
      try {
        const method = req.method ?? 'GET';
        const matches = table
          .map(([m, re, route]) => [m, re.exec(path), route] as const)
          .filter(([, match]) => match !== null);
        if (matches.length === 0) throw new AuthError(404, 'not_found', 'Not Found');
        const hit = matches.find(([m]) => m === method);
        if (!hit) throw new AuthError(405, 'method_not_allowed', 'Method Not Allowed');
        const params = (hit[1]?.slice(1) ?? []).map((s) => decodeURIComponent(s));
        await hit[2](ctx, { req, res, url, body }, params);
      } catch (err) {
        if (res.headersSent) return;
        if (err instanceof AuthError) {
          sendError(req, res, err);
          return;
        }
        // Never a stack trace on the wire; the log keeps the detail.
        deps.log(
          `auth: ${req.method} ${path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        sendError(req, res, unexpected('Unexpected failure, please check server logs for more information'));
      }
    },
    async close() {},
  };
}
