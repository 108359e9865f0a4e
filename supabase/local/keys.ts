// The local stack's JWT secret and API keys. Same secret and claims as `supabase start`
// prints, so the well-known local keys work here too. Override with JWT_SECRET.
import { signJwt } from './jwt.ts';

export interface Keys {
  readonly jwtSecret: string;
  readonly anonKey: string;
  readonly serviceRoleKey: string;
}

export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

export function makeKeys(jwtSecret: string = process.env['JWT_SECRET'] ?? DEFAULT_JWT_SECRET): Keys {
  const exp = 1983812996; // 2032-11-11, as the CLI's demo keys
  return {
    jwtSecret,
    anonKey: signJwt({ iss: 'supabase-demo', role: 'anon', exp }, jwtSecret),
    serviceRoleKey: signJwt({ iss: 'supabase-demo', role: 'service_role', exp }, jwtSecret),
  };
}
