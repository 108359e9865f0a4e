// The gateway around /rest/v1: CORS and preflight, body limit, routing, PostgREST
// preferences supabase-js does not send, and the static PWA with its cache headers.
// Raw fetch here on purpose: these are HTTP details below the client library.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../../supabase/local/stack.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let web: string;
const LIMIT = 64 * 1024;
const BIG_JS = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "row ${i}" }`).join(',')}];`;

/** Raw HTTP (no automatic decompression), so the test sees the bytes on the wire. */
function raw(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${stack.url}${path}`,
      { method: init.method ?? 'GET', headers: init.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

beforeAll(async () => {
  web = await mkdtemp(join(tmpdir(), 'brmi-web-'));
  await mkdir(join(web, 'assets'));
  await writeFile(join(web, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(web, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(web, 'manifest.webmanifest'), '{}');
  await writeFile(join(web, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  await writeFile(join(web, 'assets', 'big-4d5e6f.js'), BIG_JS);
  stack = await startTestStack({ webRoot: web, bodyLimitBytes: LIMIT });
  await stack.adminPool.query(`
    create function public.gw_json(j jsonb) returns jsonb language sql immutable as 'select j';
    create function public.gw_sum(a int, b int) returns int language sql immutable as 'select a + b';
    create function public.gw_header() returns text language sql stable
      as $$ select current_setting('request.headers', true)::jsonb ->> 'x-trace' $$;`);
});

afterAll(async () => {
  await stack?.stop();
  await rm(web, { recursive: true, force: true });
});

const rpc = (fn: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${stack.url}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    ...init,
    headers: {
      apikey: stack.anonKey,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });

describe('CORS', () => {
  it('answers a REST preflight like PostgREST: any origin, requested headers echoed', async () => {
    const r = await fetch(`${stack.url}/rest/v1/rpc/gw_sum`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'apikey, authorization, content-type, content-profile, x-client-info, prefer',
      },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-headers')).toBe(
      'apikey, authorization, content-type, content-profile, x-client-info, prefer',
    );
    expect(r.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('exposes PostgREST headers on REST responses', async () => {
    const r = await rpc('gw_sum', { body: '{"a":1,"b":2}', headers: { origin: 'http://localhost:5173' } });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-expose-headers')).toContain('Content-Range');
  });

  it('answers an auth preflight like GoTrue, allowing X-Supabase-Api-Version', async () => {
    const r = await fetch(`${stack.url}/auth/v1/token?grant_type=password`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(r.headers.get('access-control-allow-headers')).toContain('X-Supabase-Api-Version');
  });
});

describe('requests', () => {
  it('answers 413 above the body limit and changes nothing', async () => {
    const big = JSON.stringify({ j: 'x'.repeat(LIMIT) });
    const r = await rpc('gw_json', { body: big });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ code: 'request_too_large' });
  });

  it('answers 400 PGRST102 for a body that is not JSON, without a stack trace', async () => {
    const r = await rpc('gw_sum', { body: '{"a":1,' });
    expect(r.status).toBe(400);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toEqual({ code: 'PGRST102', message: 'Empty or invalid json', details: null, hint: null });
  });

  it('passes a whole object to a single json argument with Prefer: params=single-object', async () => {
    const r = await rpc('gw_json', { body: '{"x":1,"y":[2]}', headers: { prefer: 'params=single-object' } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ x: 1, y: [2] });
  });

  it('exposes request headers to SQL lower-cased', async () => {
    const r = await rpc('gw_header', { body: '{}', headers: { 'X-Trace': 'abc' } });
    expect(await r.json()).toBe('abc');
  });

  it('rejects methods other than GET/HEAD/POST on rpc with 405', async () => {
    const r = await fetch(`${stack.url}/rest/v1/rpc/gw_sum`, {
      method: 'PUT',
      headers: { apikey: stack.anonKey },
    });
    expect(r.status).toBe(405);
  });

  it('answers 404 JSON for table routes, which the local stack does not serve', async () => {
    const r = await fetch(`${stack.url}/rest/v1/stores?select=*`, { headers: { apikey: stack.anonKey } });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { code: string }).code).toBe('PGRST205');
  });

  it('sends WWW-Authenticate with a JWT error', async () => {
    const r = await rpc('gw_sum', { body: '{"a":1,"b":1}', headers: { authorization: 'Bearer a.b' } });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('invalid_token');
  });
});

describe('start-up', () => {
  it('refuses a taken port with a clear message', async () => {
    await expect(startStack({ databaseUrl: stack.databaseUrl, port: stack.port })).rejects.toThrow(
      `Port ${stack.port} is already in use`,
    );
  });
});

describe('static PWA', () => {
  it('serves index.html with no-cache at / and for app routes (SPA fallback)', async () => {
    for (const path of ['/', '/store/42/inventory']) {
      const r = await fetch(`${stack.url}${path}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(await r.text()).toContain('<title>app</title>');
    }
  });

  it('serves sw.js and the manifest with no-cache and hashed assets as immutable', async () => {
    expect((await fetch(`${stack.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${stack.url}/manifest.webmanifest`)).headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${stack.url}/assets/app-1a2b3c.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers 404 for a missing file and never serves outside the web root', async () => {
    expect((await fetch(`${stack.url}/assets/missing.js`)).status).toBe(404);
    const r = await fetch(`${stack.url}/%2e%2e/%2e%2e/etc/passwd`);
    expect(await r.text()).not.toContain('root:');
  });
});

describe('compression', () => {
  const big = {
    rows: Array.from({ length: 300 }, (_, i) => ({ id: i, store: `ST-${i}`, revenue: i * 10.5 })),
  };
  const call = (acceptEncoding: string | undefined) =>
    raw('/rest/v1/rpc/gw_json', {
      method: 'POST',
      headers: {
        apikey: stack.anonKey,
        'content-type': 'application/json',
        ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
      },
      body: JSON.stringify({ j: big }),
    });

  it('gzips a large JSON answer when the client accepts gzip, with the right length and Vary', async () => {
    const r = await call('gzip, deflate, br');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['vary']).toBe('accept-encoding');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(JSON.parse(gunzipSync(r.body).toString('utf8'))).toEqual(big);
    expect(r.body.length).toBeLessThan(JSON.stringify(big).length / 3);
  });

  it('sends plain JSON to a client that does not accept gzip, or refuses it with q=0', async () => {
    for (const ae of [undefined, 'identity', 'gzip;q=0']) {
      const r = await call(ae);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(r.body.toString('utf8'))).toEqual(big);
    }
  });

  it('leaves small answers alone', async () => {
    const r = await raw('/rest/v1/rpc/gw_sum', {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ a: 1, b: 2 }),
    });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString('utf8')).toBe('3');
  });

  it('gzips large static files of text types, keeping their cache headers; HEAD sends no body', async () => {
    const r = await raw('/assets/big-4d5e6f.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(r.body).toString('utf8')).toBe(BIG_JS);
    const plain = await raw('/assets/big-4d5e6f.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(BIG_JS);
    const head = await raw('/assets/big-4d5e6f.js', {
      method: 'HEAD',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.body.length).toBe(0);
    const small = await raw('/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
