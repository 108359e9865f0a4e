// Reads the platform's function secrets (SUPABASE_URL, SUPABASE_ANON_KEY,
// SUPABASE_SERVICE_ROLE_KEY, SUPABASE_DB_URL) with a clear error when one is missing.
// Deno is reached through globalThis so this file also typechecks in Node-side tests.

type DenoEnv = { env: { get(name: string): string | undefined } };

export function requireEnv(name: string): string {
  const deno = (globalThis as { Deno?: DenoEnv }).Deno;
  const value = deno?.env.get(name);
  if (value === undefined || value === '') throw new Error(`environment variable ${name} is not set`);
  return value;
}
