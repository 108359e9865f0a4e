// The auth service's pure seams: error bodies per API version, hook URIs and output
// validation, admin parameter parsing, metadata merging.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { validateHookClaims } from '../../supabase/local/auth/access-token.ts';
import { banSeconds, parseAdminUserParams, parsePage } from '../../supabase/local/auth/admin-params.ts';
import { AuthError, oauthError } from '../../supabase/local/auth/errors.ts';
import { parseHook } from '../../supabase/local/auth/hooks.ts';
import { parseBody } from '../../supabase/local/auth/request.ts';
import { sendError } from '../../supabase/local/auth/respond.ts';
import { mergeMetadata } from '../../supabase/local/auth/user-store.ts';

function fakeResponse() {
  const headers: Record<string, string> = {};
  const out = { status: 0, body: '', headers };
  const res = {
    setHeader: (k: string, v: string) => (headers[k.toLowerCase()] = v),
    getHeader: (k: string) => headers[k.toLowerCase()],
    writeHead: (s: number, h: Record<string, string | number>) => {
      out.status = s;
      for (const [k, v] of Object.entries(h)) headers[k.toLowerCase()] = String(v);
    },
    end: (b?: string) => (out.body = b ?? ''),
  } as unknown as ServerResponse;
  return { res, out };
}
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('error bodies', () => {
  const weak = new AuthError(422, 'weak_password', 'Password should be at least 12 characters.', {
    weak_password: { reasons: ['length'] },
  });

  it('uses {code, message} and echoes the version header for auth-js (2024-01-01)', () => {
    const { res, out } = fakeResponse();
    sendError(request({ 'x-supabase-api-version': '2024-01-01' }), res, weak);
    expect(out.status).toBe(422);
    expect(out.headers['x-supabase-api-version']).toBe('2024-01-01');
    expect(out.headers['access-control-expose-headers']).toContain('X-Supabase-Api-Version');
    expect(JSON.parse(out.body)).toEqual({
      code: 'weak_password',
      message: 'Password should be at least 12 characters.',
      weak_password: { reasons: ['length'] },
    });
  });

  it('uses the legacy body and x-sb-error-code without the version header', () => {
    const { res, out } = fakeResponse();
    sendError(request({}), res, weak);
    expect(out.headers['x-sb-error-code']).toBe('weak_password');
    expect(JSON.parse(out.body)).toMatchObject({ code: 422, error_code: 'weak_password', msg: weak.message });
  });

  it('keeps the OAuth shape for OAuth errors', () => {
    const { res, out } = fakeResponse();
    sendError(
      request({ 'x-supabase-api-version': '2024-01-01' }),
      res,
      oauthError('invalid_request', 'refresh_token required'),
    );
    expect(out.status).toBe(400);
    expect(JSON.parse(out.body)).toEqual({
      error: 'invalid_request',
      error_description: 'refresh_token required',
    });
  });
});

describe('parseHook', () => {
  it('maps a pg-functions URI to a quoted function name', () => {
    expect(
      parseHook('x', { enabled: true, uri: 'pg-functions://postgres/public/custom_access_token_hook' }),
    ).toEqual({
      uri: 'pg-functions://postgres/public/custom_access_token_hook',
      sqlName: '"public"."custom_access_token_hook"',
    });
    expect(parseHook('x', { enabled: true, uri: 'pg-functions://postgres/a"b/f' })?.sqlName).toBe(
      '"a""b"."f"',
    );
  });

  it('ignores a disabled hook and refuses other URIs at start-up', () => {
    expect(parseHook('x', undefined)).toBeUndefined();
    expect(() => parseHook('x', { enabled: true, uri: 'https://example.com/hook' })).toThrow(/pg-functions/);
  });
});

describe('validateHookClaims', () => {
  const claims = {
    aud: 'authenticated',
    exp: 2,
    iat: 1,
    sub: 's',
    email: '',
    phone: '',
    role: 'authenticated',
    aal: 'aal1',
    session_id: 'x',
    is_anonymous: false,
  };

  it('accepts the minimum token schema with custom claims', () => {
    expect(validateHookClaims({ claims: { ...claims, user_role: 'ADMIN' } })).toMatchObject({
      user_role: 'ADMIN',
    });
  });

  it('refuses missing claims or a missing claims field', () => {
    expect(() => validateHookClaims({})).toThrow('output claims field is missing');
    const { session_id: _drop, ...rest } = claims;
    expect(() => validateHookClaims({ claims: rest })).toThrow(/session_id/);
    expect(() => validateHookClaims({ claims: { ...claims, is_anonymous: 'no' } })).toThrow(/is_anonymous/);
  });
});

describe('admin parameters', () => {
  it('normalises email and phone and parses ban durations', () => {
    const p = parseAdminUserParams({
      email: ' Asha@Stores.Example.IN ',
      phone: '+91 98765 43210',
      ban_duration: '2h',
    });
    expect(p).toMatchObject({ email: 'asha@stores.example.in', phone: '919876543210', banSeconds: 7200 });
    expect(banSeconds('none')).toBe(0);
  });

  it('refuses bad values with validation errors', () => {
    expect(() => parseAdminUserParams({ email: 'nope' })).toThrow(
      'Unable to validate email address: invalid format',
    );
    expect(() => parseAdminUserParams({ ban_duration: '1d' })).toThrow(/ban duration/);
    expect(() => parseAdminUserParams({ user_metadata: [1] })).toThrow(/user_metadata/);
    expect(() => parseAdminUserParams({ id: 'x' })).toThrow(/UUID/);
  });

  it('reads pages as auth-js sends them', () => {
    expect(parsePage(new URL('http://x/admin/users?page=&per_page='))).toEqual({ page: 1, perPage: 50 });
    expect(parsePage(new URL('http://x/admin/users?page=3&per_page=20'))).toEqual({ page: 3, perPage: 20 });
    expect(() => parsePage(new URL('http://x/admin/users?page=0'))).toThrow('Bad Pagination Parameters');
  });
});

describe('request bodies and metadata', () => {
  it('parses JSON objects only, with a bad_json error otherwise', () => {
    expect(parseBody(Buffer.from(''))).toEqual({});
    expect(parseBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(() => parseBody(Buffer.from('[1]'))).toThrow(/JSON object/);
    expect(() => parseBody(Buffer.from('{'))).toThrow(/Could not parse/);
  });

  it('merges metadata with null deleting a key', () => {
    expect(mergeMetadata({ a: 1, b: 2 }, { b: null, c: 3 })).toEqual({ a: 1, c: 3 });
    expect(mergeMetadata(null, {})).toEqual({});
  });
});
