// The one place edge functions construct supabase-js clients (STYLE: supabase-js only in
// web/data/ and functions/_shared/). Resolved from the project's node_modules, so the
// local runner and `supabase functions deploy` bundle the same package.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { requireEnv } from './env.ts';

/** A client acting as the caller: their JWT is forwarded, so RLS applies to them. */
export function createCallerClient(authorization: string): SupabaseClient {
  return createClient(requireEnv('SUPABASE_URL'), requireEnv('SUPABASE_ANON_KEY'), {
    global: { headers: { Authorization: authorization } },
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

/** A service_role client for trusted server-side work (bypasses RLS). */
export function createServiceClient(): SupabaseClient {
  return createClient(requireEnv('SUPABASE_URL'), requireEnv('SUPABASE_SERVICE_ROLE_KEY'), {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}
