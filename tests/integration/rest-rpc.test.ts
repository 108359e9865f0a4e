// PostgREST RPC conformance of /rest/v1, driven only through @supabase/supabase-js:
// return shapes, roles and RLS, and every error path with PostgREST's code and status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../supabase/local/jwt.ts';
import { FIXED_NOW, startRestWorld, type RestWorld } from './rest-harness.ts';

let w: RestWorld;

beforeAll(async () => {
  w = await startRestWorld();
});

afterAll(async () => {
  await w?.stack.stop();
});

describe('return shapes', () => {
  it('returns a scalar as a JSON value', async () => {
    const r = await w.anon.rpc('fx_add', { a: 1, b: 2 });
    expect(r.error).toBeNull();
    expect(r.status).toBe(200);
    expect(r.data).toBe(3);
  });

  it('returns setof scalar as an array', async () => {
    const r = await w.anon.rpc('fx_series', { n: 3 });
    expect(r.data).toEqual([1, 2, 3]);
  });

  it('returns an empty array for an empty set', async () => {
    const r = await w.anon.rpc('fx_series', { n: 0 });
    expect(r.error).toBeNull();
    expect(r.data).toEqual([]);
  });

  it('returns a table function as an array of objects', async () => {
    const r = await w.anon.rpc('fx_pairs', { n: 2 });
    expect(r.data).toEqual([
      { i: 1, label: 'n1' },
      { i: 2, label: 'n2' },
    ]);
  });

  it('returns a single composite as an object', async () => {
    const r = await w.anon.rpc('fx_one_note');
    expect(r.data).toEqual({ id: 7 });
  });

  it('answers 204 with no body for a void function', async () => {
    const r = await w.anon.rpc('fx_void');
    expect(r.error).toBeNull();
    expect(r.status).toBe(204);
    expect(r.data).toBeNull();
  });

  it('uses argument defaults and chooses the overload by argument names', async () => {
    expect((await w.anon.rpc('fx_echo')).data).toBe('hi');
    expect((await w.anon.rpc('fx_echo', { msg: 'namaste' })).data).toBe('namaste');
    expect((await w.anon.rpc('fx_overload', { a: 1 })).data).toBe('a');
    expect((await w.anon.rpc('fx_overload', { a: 1, b: 2 })).data).toBe('ab');
  });

  it('passes a json argument by name and a whole body to a single unnamed jsonb argument', async () => {
    expect((await w.anon.rpc('fx_json', { payload: { sku: 'A1', qty: [1, 2] } })).data).toEqual({
      sku: 'A1',
      qty: [1, 2],
    });
    expect((await w.anon.rpc('fx_whole', { any: 'shape', n: 1 })).data).toEqual({ any: 'shape', n: 1 });
  });

  it('calls STABLE and IMMUTABLE functions with GET and query-string arguments', async () => {
    const r = await w.anon.rpc('fx_add', { a: 4, b: 5 }, { get: true });
    expect(r.error).toBeNull();
    expect(r.data).toBe(9);
    const who = await w.anon.rpc('fx_whoami', {}, { get: true });
    expect(who.data).toMatchObject({ method: 'GET', read_only: 'on' });
  });

  it('sees a function created after the stack started (schema cache refreshed on miss)', async () => {
    await w.stack.adminPool.query(
      `create function public.fx_late(x int) returns int language sql immutable as 'select x * 2'`,
    );
    const r = await w.anon.rpc('fx_late', { x: 21 });
    expect(r.error).toBeNull();
    expect(r.data).toBe(42);
  });
});

describe('roles, request settings and RLS', () => {
  it('never leaks one request’s role or claims into another under concurrency', async () => {
    const callers = [
      { client: w.anon, role: 'anon', sub: null },
      { client: w.alice, role: 'authenticated', sub: w.aliceId },
      { client: w.bob, role: 'authenticated', sub: w.bobId },
      { client: w.service, role: 'service_role', sub: null },
    ];
    const calls = Array.from({ length: 64 }, (_, i) => callers[i % callers.length]!);
    const results = await Promise.all(
      calls.map(async (c, i) => {
        // Interleave failing calls: an error must not leave settings or statements behind.
        if (i % 5 === 0) expect((await c.client.rpc('fx_raise')).status).toBe(400);
        return (await c.client.rpc('fx_whoami')).data as { role: string; sub: string | null };
      }),
    );
    results.forEach((r, i) => expect(r).toMatchObject({ role: calls[i]!.role, sub: calls[i]!.sub }));
  });

  it('runs the anon key as anon with the PostgREST request settings', async () => {
    const r = await w.anon.rpc('fx_whoami');
    expect(r.data).toMatchObject({
      role: 'anon',
      claims_role: 'anon',
      sub: null,
      method: 'POST',
      path: '/rpc/fx_whoami',
      read_only: 'on',
    });
    expect(String((r.data as { client_info: string }).client_info)).toContain('supabase-js');
  });

  it('runs a user access token as authenticated with its sub', async () => {
    const r = await w.alice.rpc('fx_whoami');
    expect(r.data).toMatchObject({ role: 'authenticated', sub: w.aliceId });
  });

  it('runs the service role key as service_role', async () => {
    const r = await w.service.rpc('fx_whoami');
    expect(r.data).toMatchObject({ role: 'service_role', claims_role: 'service_role' });
  });

  it('shows each user only their rows and service_role all rows', async () => {
    expect((await w.alice.rpc('fx_add_note', { body: 'alice-1' })).error).toBeNull();
    expect((await w.bob.rpc('fx_add_note', { body: 'bob-1' })).error).toBeNull();
    const alice = await w.alice.rpc('fx_my_notes');
    expect((alice.data as { body: string }[]).map((n) => n.body)).toEqual(['alice-1']);
    const bob = await w.bob.rpc('fx_my_notes');
    expect((bob.data as { body: string }[]).map((n) => n.body)).toEqual(['bob-1']);
    const all = await w.service.rpc('fx_my_notes');
    expect((all.data as { body: string }[]).map((n) => n.body).sort()).toEqual(['alice-1', 'bob-1']);
  });

  it('refuses a write that RLS rejects with 403 42501 and writes nothing', async () => {
    const r = await w.alice.rpc('fx_add_note_for', { owner: w.bobId, body: 'forged' });
    expect(r.status).toBe(403);
    expect(r.error).toMatchObject({
      code: '42501',
      message: 'new row violates row-level security policy for table "fixture_notes"',
    });
    const { rows } = await w.stack.adminPool.query(
      `select count(*)::int as n from public.fixture_notes where body = 'forged'`,
    );
    expect(rows[0].n).toBe(0);
    const own = await w.alice.rpc('fx_add_note_for', { owner: w.aliceId, body: 'own' });
    expect(own.error).toBeNull();
  });
});

describe('response GUCs', () => {
  it('answers with the status and headers a function sets, keeping what it wrote', async () => {
    const res = await fetch(`${w.stack.url}/rest/v1/rpc/fx_refuse_and_record`, {
      method: 'POST',
      headers: { apikey: w.stack.anonKey, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-refused-by')).toBe('fixture');
    expect(await res.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'not yours' } });
    const { rows } = await w.stack.adminPool.query(
      'select count(*)::int as n from public.fixture_parents where id = 403',
    );
    expect(rows[0]).toEqual({ n: 1 });
  });
});

describe('errors', () => {
  it('answers 404 PGRST202 for an unknown function, naming its parameters', async () => {
    const r = await w.anon.rpc('no_such_function', { b: 1, a: 2 });
    expect(r.status).toBe(404);
    expect(r.error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.no_such_function(a, b) in the schema cache',
      details:
        'Searched for the function public.no_such_function with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
    });
    const none = await w.anon.rpc('no_such_function');
    expect(none.error?.message).toBe(
      'Could not find the function public.no_such_function without parameters in the schema cache',
    );
  });

  it('answers 404 for a known function called with unknown argument names', async () => {
    const r = await w.anon.rpc('fx_add', { a: 1, c: 2 });
    expect(r.status).toBe(404);
    expect(r.error?.code).toBe('PGRST202');
  });

  it('does not expose functions outside schema public', async () => {
    const r = await w.anon.rpc('hidden');
    expect(r.status).toBe(404);
    const other = await w.anon.schema('private_fx').rpc('hidden');
    expect(other.status).toBe(406);
    expect(other.error?.code).toBe('PGRST106');
  });

  it('answers permission denied with 401 for anon and 403 for a signed-in user', async () => {
    const anon = await w.anon.rpc('fx_secret');
    expect(anon.status).toBe(401);
    expect(anon.error).toMatchObject({ code: '42501', message: 'permission denied for function fx_secret' });
    const user = await w.alice.rpc('fx_secret');
    expect(user.status).toBe(403);
    expect(user.error?.code).toBe('42501');
    expect((await w.service.rpc('fx_secret')).data).toBe('secret');
  });

  it('answers 401 42501 when anon reads a table it has no grant on', async () => {
    const r = await w.anon.rpc('fx_my_notes');
    expect(r.status).toBe(401);
    expect(r.error?.code).toBe('42501');
  });

  it('answers 409 23505 for a unique violation', async () => {
    expect((await w.alice.rpc('fx_add_note', { body: 'dup' })).error).toBeNull();
    const r = await w.alice.rpc('fx_add_note', { body: 'dup' });
    expect(r.status).toBe(409);
    expect(r.error).toMatchObject({ code: '23505' });
    // Postgres withholds the key in DETAIL from a role under RLS; PostgREST passes that on.
  });

  it('answers 409 23503 for a foreign key violation', async () => {
    const r = await w.anon.rpc('fx_child', { parent: 12345 });
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('23503');
  });

  it('answers 400 P0001 for RAISE EXCEPTION with its detail and hint', async () => {
    const r = await w.anon.rpc('fx_raise');
    expect(r.status).toBe(400);
    expect(r.error).toEqual({
      code: 'P0001',
      message: 'stock cannot go negative',
      details: 'sku 42',
      hint: 'count again',
    });
  });

  it('uses the status of a PTxyz SQLSTATE', async () => {
    const r = await w.anon.rpc('fx_teapot');
    expect(r.status).toBe(418);
    expect(r.error).toMatchObject({ code: 'PT418', message: 'I am a teapot' });
  });

  it('answers 400 22P02 for a value of the wrong type', async () => {
    const r = await w.anon.rpc('fx_bad_text', { v: 'not a number' });
    expect(r.status).toBe(400);
    expect(r.error?.code).toBe('22P02');
  });

  it('rolls back everything a failing call wrote', async () => {
    const r = await w.anon.rpc('fx_partial_then_fail');
    expect(r.status).toBe(400);
    const { rows } = await w.stack.adminPool.query(
      'select count(*)::int as n from public.fixture_parents where id = 77',
    );
    expect(rows[0].n).toBe(0);
  });

  it('answers 405 25006 for GET on a volatile function that writes, and writes nothing', async () => {
    const r = await w.anon.rpc('fx_write_counter', {}, { get: true });
    expect(r.status).toBe(405);
    expect(r.error?.code).toBe('25006');
    const { rows } = await w.stack.adminPool.query(
      'select count(*)::int as n from public.fixture_parents where id >= 1000',
    );
    expect(rows[0].n).toBe(0);
    expect((await w.anon.rpc('fx_write_counter')).data).toBe(1);
  });

  it('runs a STABLE function read-only even with POST', async () => {
    const r = await w.anon.rpc('fx_stable_writes');
    expect(r.status).toBe(405);
    expect(r.error?.code).toBe('25006');
  });

  it('answers 401 PGRST301 for a garbage token', async () => {
    const r = await w.withToken('not-a-jwt').rpc('fx_add', { a: 1, b: 1 });
    expect(r.status).toBe(401);
    expect(r.error).toMatchObject({ code: 'PGRST301', message: 'Expected 3 parts in JWT; got 1' });
  });

  it('answers 401 PGRST301 for a token signed with another secret', async () => {
    const token = signJwt(
      { role: 'authenticated', sub: w.aliceId, exp: FIXED_NOW + 600 },
      'another-secret-another-secret-another-secret',
    );
    const r = await w.withToken(token).rpc('fx_add', { a: 1, b: 1 });
    expect(r.status).toBe(401);
    expect(r.error?.code).toBe('PGRST301');
  });

  it('answers 401 PGRST303 "JWT expired" for an expired token', async () => {
    const r = await w
      .withToken(w.accessToken(w.aliceId, { exp: FIXED_NOW - 3600 }))
      .rpc('fx_add', { a: 1, b: 1 });
    expect(r.status).toBe(401);
    expect(r.error).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
  });

  it('answers 401 for a token whose role does not exist', async () => {
    const r = await w
      .withToken(w.accessToken(w.aliceId, { role: 'no_such_role' }))
      .rpc('fx_add', { a: 1, b: 1 });
    expect(r.status).toBe(401);
    expect(r.error?.code).toBe('22023');
  });
});
