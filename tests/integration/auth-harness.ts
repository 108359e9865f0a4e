// Shared set-up for the auth conformance tests: supabase-js clients as the PWA and an
// admin would build them, and users provisioned through the real admin API.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { TestStack } from '../support/stack.ts';

// Same `$2a$` hashes as production, at bcrypt's cheapest cost so tests stay fast.
process.env['AUTH_BCRYPT_COST'] = '4';

/** Meets config.toml's rules: >= 12 characters with lower, upper, digit and symbol. */
export const STRONG_PASSWORD = 'Monsoon-Sale-2026!';
export const OTHER_STRONG_PASSWORD = 'Diwali-Stock-2027#';

const noSession = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  // Node 20 has no global WebSocket; supabase-js builds a realtime client even when unused.
  realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
};

export function anonClient(stack: TestStack): SupabaseClient {
  return createClient(stack.url, stack.anonKey, noSession);
}

export function serviceClient(stack: TestStack): SupabaseClient {
  return createClient(stack.url, stack.serviceRoleKey, noSession);
}

let counter = 0;
export function uniqueEmail(tag: string): string {
  counter += 1;
  return `${tag}-${counter}@stores.example.in`;
}

export async function createUser(
  stack: TestStack,
  email: string,
  password = STRONG_PASSWORD,
): Promise<string> {
  const { data, error } = await serviceClient(stack).auth.admin.createUser({
    email,
    password,
    email_confirm: true,
  });
  if (error) throw error;
  return data.user.id;
}

export async function signIn(stack: TestStack, email: string, password = STRONG_PASSWORD) {
  const client = anonClient(stack);
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return { client, session: data.session };
}

export function decodeJwt(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
