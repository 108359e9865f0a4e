// Shared set-up for the RPC conformance tests: a test stack with the RPC fixtures
// (tests/fixtures/rest-fixtures.sql) applied, two users in auth.users, and supabase-js
// clients as anon, as each user (a GoTrue-shaped access token, §1.5) and as service_role.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { signJwt } from '../../supabase/local/jwt.ts';
import { startTestStack, type TestStack, type TestStackOptions } from '../support/stack.ts';

export const FIXED_NOW = 1_798_000_000; // 2026-12-23, frozen: expiry checks use the stack's clock

export interface RestWorld {
  readonly stack: TestStack;
  readonly anon: SupabaseClient;
  readonly service: SupabaseClient;
  readonly alice: SupabaseClient;
  readonly bob: SupabaseClient;
  readonly aliceId: string;
  readonly bobId: string;
  /** A client sending `token` as its bearer (garbage, expired, wrongly signed ...). */
  withToken(token: string): SupabaseClient;
  accessToken(sub: string, extra?: Record<string, unknown>): string;
}

// Node 20 has no global WebSocket; realtime-js needs a transport even when unused.
const clientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: ws as unknown as typeof WebSocket },
};

export async function startRestWorld(opts: TestStackOptions = {}): Promise<RestWorld> {
  const stack = await startTestStack({ clock: () => FIXED_NOW, ...opts });
  await stack.adminPool.query(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'rest-fixtures.sql'), 'utf8'),
  );
  const aliceId = randomUUID();
  const bobId = randomUUID();
  await stack.adminPool.query(
    `insert into auth.users (id, aud, role, email) values ($1, 'authenticated', 'authenticated', 'alice@example.com'),
       ($2, 'authenticated', 'authenticated', 'bob@example.com')`,
    [aliceId, bobId],
  );
  const accessToken = (sub: string, extra: Record<string, unknown> = {}): string =>
    signJwt(
      {
        iss: `${stack.url}/auth/v1`,
        sub,
        aud: 'authenticated',
        exp: FIXED_NOW + 600,
        iat: FIXED_NOW,
        email: '',
        phone: '',
        app_metadata: { provider: 'email', providers: ['email'] },
        user_metadata: {},
        role: 'authenticated',
        aal: 'aal1',
        amr: [{ method: 'password', timestamp: FIXED_NOW }],
        session_id: randomUUID(),
        is_anonymous: false,
        ...extra,
      },
      stack.jwtSecret,
    );
  const withToken = (token: string): SupabaseClient =>
    createClient(stack.url, stack.anonKey, {
      ...clientOptions,
      global: { headers: { Authorization: `Bearer ${token}` } },
    });
  return {
    stack,
    anon: createClient(stack.url, stack.anonKey, clientOptions),
    service: createClient(stack.url, stack.serviceRoleKey, clientOptions),
    alice: withToken(accessToken(aliceId)),
    bob: withToken(accessToken(bobId)),
    aliceId,
    bobId,
    withToken,
    accessToken,
  };
}
