// Edge functions through supabase-js: verify_jwt on and off, environment, node_modules
// resolution inside Deno, a throwing function, unknown functions.
import { FunctionsClient, FunctionsHttpError } from '@supabase/functions-js';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { signJwt } from '../../supabase/local/jwt.ts';
import { DB_URL, NOW, startFunctionsHarness, type FunctionsHarness } from './functions-harness.ts';

let h: FunctionsHarness;
let supabase: SupabaseClient;

beforeAll(async () => {
  h = await startFunctionsHarness();
  supabase = createClient(h.url, h.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket; realtime is unused here but built by createClient.
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
});

afterAll(async () => {
  await h?.stop();
});

const userToken = (exp: number): string =>
  signJwt(
    { sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated', aud: 'authenticated', exp },
    h.keys.jwtSecret,
  );

async function errorBody(error: unknown): Promise<{ status: number; body: unknown }> {
  expect(error).toBeInstanceOf(FunctionsHttpError);
  const response = (error as FunctionsHttpError).context as Response;
  return { status: response.status, body: await response.json() };
}

describe('functions.invoke with verify_jwt on (the default)', () => {
  it('runs the function with the anon key, with Supabase env and supabase-js from node_modules', async () => {
    const { data, error, response } = await supabase.functions.invoke('hello', {
      body: { name: 'Asha' },
      headers: { 'x-echo': 'kept' },
    });
    expect(error).toBeNull();
    expect(response?.headers.get('x-hello')).toBe('yes');
    expect(data).toEqual({
      message: 'Hello Asha!',
      method: 'POST',
      path: '/hello',
      search: '',
      echoHeader: 'kept',
      supabaseUrl: h.url,
      hasAnonKey: true,
      hasServiceRoleKey: true,
      dbUrl: DB_URL,
      supabaseClient: 'function',
    });
  });

  it('accepts a valid user JWT', async () => {
    const { data, error } = await supabase.functions.invoke('hello', {
      headers: { Authorization: `Bearer ${userToken(NOW + 600)}` },
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({ message: 'Hello world!' });
  });

  it('answers 401 for a missing, malformed, expired or wrongly signed JWT', async () => {
    const bare = new FunctionsClient(`${h.url}/functions/v1`);
    expect(await errorBody((await bare.invoke('hello')).error)).toEqual({
      status: 401,
      body: { msg: 'Error: Missing authorization header' },
    });
    const basic = await supabase.functions.invoke('hello', { headers: { Authorization: 'Basic abc' } });
    expect(await errorBody(basic.error)).toEqual({
      status: 401,
      body: { msg: "Error: Auth header is not 'Bearer {token}'" },
    });
    const expired = await supabase.functions.invoke('hello', {
      headers: { Authorization: `Bearer ${userToken(NOW - 1)}` },
    });
    expect(await errorBody(expired.error)).toEqual({ status: 401, body: { msg: 'Invalid JWT' } });
    const forged = signJwt(
      { role: 'service_role', exp: NOW + 600 },
      'not-the-project-secret-not-the-project-secret',
    );
    const wrong = await supabase.functions.invoke('hello', {
      headers: { Authorization: `Bearer ${forged}` },
    });
    expect(await errorBody(wrong.error)).toEqual({ status: 401, body: { msg: 'Invalid JWT' } });
  });
});

describe('functions.invoke with verify_jwt off', () => {
  it('runs the function with no JWT at all', async () => {
    const bare = new FunctionsClient(`${h.url}/functions/v1`);
    const { data, error } = await bare.invoke('no-verify');
    expect(error).toBeNull();
    expect(data).toEqual({ ok: true, sawAuthorization: false });
  });

  it('runs it with an expired JWT too, passing the header through', async () => {
    const { data, error } = await supabase.functions.invoke('no-verify', {
      headers: { Authorization: `Bearer ${userToken(NOW - 1)}` },
    });
    expect(error).toBeNull();
    expect(data).toEqual({ ok: true, sawAuthorization: true });
  });
});

describe('failures', () => {
  it('turns a throwing function into a 500 JSON error and keeps serving', async () => {
    const { error } = await supabase.functions.invoke('throws');
    expect(await errorBody(error)).toEqual({
      status: 500,
      body: { code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' },
    });
    expect(h.logs.some((l) => l.includes('boom: deliberate test failure'))).toBe(true);
    const again = await supabase.functions.invoke('hello');
    expect(again.error).toBeNull();
  });

  it('answers 404 for an unknown function, for _shared and for path tricks', async () => {
    for (const name of ['nope', '_shared', '..%2Fhello']) {
      const { error } = await supabase.functions.invoke(name);
      expect(await errorBody(error)).toEqual({
        status: 404,
        body: { code: 'NOT_FOUND', message: 'Requested function was not found' },
      });
    }
  });
});

describe('HTTP details', () => {
  it('passes method, sub-path and query to the function', async () => {
    const res = await fetch(`${h.url}/functions/v1/hello/sub/path?x=1&y=2`, {
      headers: { Authorization: `Bearer ${h.keys.anonKey}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ method: 'GET', path: '/hello/sub/path', search: '?x=1&y=2' });
  });

  it('does not demand a JWT for a CORS preflight', async () => {
    const res = await fetch(`${h.url}/functions/v1/hello`, { method: 'OPTIONS' });
    expect(res.status).not.toBe(401);
    await res.arrayBuffer();
  });
});
