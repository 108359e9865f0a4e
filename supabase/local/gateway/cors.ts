// CORS as each real service answers it behind Kong (supabase-surface.md §0): PostgREST
// echoes the requested headers and exposes its own list; GoTrue allows a fixed header
// list, allows credentials and exposes X-Supabase-Api-Version (auth-js reads it to parse
// errors). Edge functions answer CORS themselves, as on hosted Supabase. Pure.
import type { IncomingHttpHeaders } from 'node:http';

export type CorsProfile = 'rest' | 'auth';

const METHODS = 'GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD';
const REST_EXPOSE =
  'Content-Encoding, Content-Location, Content-Range, Content-Type, Date, Location, Server, Transfer-Encoding, Range-Unit';
const AUTH_ALLOW =
  'Accept, Authorization, Content-Type, X-Client-IP, X-Client-Info, X-JWT-AUD, x-use-cookie, X-Supabase-Api-Version, apikey';
const AUTH_EXPOSE = 'X-Total-Count, Link, X-Supabase-Api-Version';

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Headers for an ordinary (non-preflight) response. */
export function corsHeaders(profile: CorsProfile, h: IncomingHttpHeaders): Record<string, string> {
  const origin = one(h.origin);
  if (profile === 'rest') {
    return { 'access-control-allow-origin': '*', 'access-control-expose-headers': REST_EXPOSE };
  }
  return origin === undefined
    ? { 'access-control-allow-origin': '*', 'access-control-expose-headers': AUTH_EXPOSE }
    : {
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': AUTH_EXPOSE,
        vary: 'Origin',
      };
}

/** Answer to `OPTIONS` with Access-Control-Request-Method. */
export function preflight(
  profile: CorsProfile,
  h: IncomingHttpHeaders,
): { status: number; headers: Record<string, string> } {
  const requested = one(h['access-control-request-headers']);
  if (profile === 'rest') {
    const headers: Record<string, string> = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': METHODS,
      'access-control-max-age': '86400',
    };
    if (requested !== undefined) headers['access-control-allow-headers'] = requested;
    return { status: 200, headers };
  }
  const origin = one(h.origin);
  return {
    status: 204,
    headers: {
      'access-control-allow-origin': origin ?? '*',
      ...(origin === undefined ? {} : { 'access-control-allow-credentials': 'true', vary: 'Origin' }),
      'access-control-allow-methods': one(h['access-control-request-method'])?.toUpperCase() ?? METHODS,
      'access-control-allow-headers': AUTH_ALLOW,
      'access-control-max-age': '86400',
    },
  };
}

export function isPreflight(method: string | undefined, h: IncomingHttpHeaders): boolean {
  return method === 'OPTIONS' && h['access-control-request-method'] !== undefined;
}
