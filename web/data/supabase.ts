// The PWA's one supabase-js client. The gateway serves the app and the API from the same
// origin, so the URL defaults to the page's origin; the anon key is baked in at build
// time from `.env.local` (written by `npm start`) or the deployment's environment.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';

let client: SupabaseClient | undefined;

const STORAGE_KEY = 'brmi-auth';

/** Whether a signed-in session is stored on this device (a returning user; not checked). */
export function hasStoredSession(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) != null;
  } catch {
    return false;
  }
}

export function supabase(): SupabaseClient {
  if (client) return client;
  const url = import.meta.env['VITE_SUPABASE_URL'] || window.location.origin;
  const anonKey = import.meta.env['VITE_SUPABASE_ANON_KEY'];
  if (typeof anonKey !== 'string' || anonKey === '') {
    throw new Error(
      'VITE_SUPABASE_ANON_KEY is not set: start the app with `npm start`, which writes .env.local',
    );
  }
  client = createClient(url, anonKey, {
    auth: {
      persistSession: true,
      autoRefreshToken: true,
      detectSessionInUrl: false,
      storageKey: STORAGE_KEY,
    },
  });
  return client;
}
