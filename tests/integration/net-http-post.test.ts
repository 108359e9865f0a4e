// The pg_net stand-in (bootstrap/40-net.sql + supabase/local/net): requests leave only
// after commit, reach the target, and their responses land in net._http_response.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let stack: TestStack;
let server: http.Server;
let target: string;
const received: Received[] = [];
const arrivals = new EventTarget();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      arrivals.dispatchEvent(new Event('request'));
      if (req.url?.startsWith('/slow')) return; // never answers: the request must time out
      res.writeHead(201, { 'content-type': 'application/json', 'x-target': 'test' });
      res.end(JSON.stringify({ got: req.url }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

interface ResponseRow {
  id: string;
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean | null;
  error_msg: string | null;
}

// The response row is written by the worker after the HTTP exchange; nothing signals the
// test, so poll, bounded.
async function responseFor(id: string, timeoutMs = 15_000): Promise<ResponseRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await stack.adminPool.query<ResponseRow>(
      'select * from net._http_response where id = $1',
      [id],
    );
    if (rows[0] !== undefined) return rows[0];
    if (Date.now() > deadline) throw new Error(`no response row for request ${id} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('local pg_net stand-in', () => {
  it('sends net.http_post after commit and stores the response', async () => {
    const { rows } = await stack.adminPool.query<{ id: string }>(
      `select net.http_post(url := $1, body := '{"hello":"wörld"}'::jsonb, params := '{"a b":"c&d"}'::jsonb,
                            headers := '{"Authorization":"Bearer t"}'::jsonb) as id`,
      [`${target}/hook`],
    );
    const id = rows[0]!.id;
    const response = await responseFor(id);
    expect(response.status_code).toBe(201);
    expect(response.content_type).toBe('application/json');
    expect(response.headers?.['x-target']).toBe('test');
    expect(JSON.parse(response.content!)).toEqual({ got: '/hook?a%20b=c%26d' });
    expect(response.timed_out).toBe(false);
    expect(response.error_msg).toBeNull();
    const sent = received.find((r) => r.url === '/hook?a%20b=c%26d');
    expect(sent?.method).toBe('POST');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers['authorization']).toBe('Bearer t');
    expect(JSON.parse(sent!.body)).toEqual({ hello: 'wörld' });
    const queue = await stack.adminPool.query('select 1 from net.http_request_queue where id = $1', [id]);
    expect(queue.rowCount).toBe(0);
  });

  it('never sends a request whose transaction rolled back', async () => {
    const client = await stack.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select net.http_post($1)`, [`${target}/rolled-back`]);
      // Inside the transaction the queue row exists, but nothing may be sent before commit.
      await client.query('rollback');
    } finally {
      client.release();
    }
    // A committed request sent afterwards proves the worker has drained past that point.
    const { rows } = await stack.adminPool.query<{ id: string }>(`select net.http_get($1) as id`, [
      `${target}/after`,
    ]);
    await responseFor(rows[0]!.id);
    expect(received.some((r) => r.url === '/after' && r.method === 'GET')).toBe(true);
    expect(received.some((r) => r.url.startsWith('/rolled-back'))).toBe(false);
  });

  it('holds a request until its transaction commits', async () => {
    const client = await stack.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ id: string }>(`select net.http_post($1) as id`, [
        `${target}/later`,
      ]);
      // Let another committed request go first: the uncommitted one must not travel with it.
      const other = await stack.adminPool.query<{ id: string }>(`select net.http_get($1) as id`, [
        `${target}/first`,
      ]);
      await responseFor(other.rows[0]!.id);
      expect(received.some((r) => r.url === '/later')).toBe(false);
      const arrived = once(arrivals, 'request');
      await client.query('commit');
      await arrived;
      await responseFor(rows[0]!.id);
      expect(received.some((r) => r.url === '/later')).toBe(true);
    } finally {
      client.release();
    }
  });

  it('records a timeout and an unreachable host as data, not as a crash', async () => {
    const slow = await stack.adminPool.query<{ id: string }>(
      `select net.http_get($1, timeout_milliseconds := 300) as id`,
      [`${target}/slow`],
    );
    const timedOut = await responseFor(slow.rows[0]!.id);
    expect(timedOut).toMatchObject({
      status_code: null,
      timed_out: true,
      error_msg: 'Timeout of 300 ms reached',
    });

    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const dead = await stack.adminPool.query<{ id: string }>(`select net.http_get($1) as id`, [
      `http://127.0.0.1:${deadPort}/`,
    ]);
    const failed = await responseFor(dead.rows[0]!.id);
    expect(failed.status_code).toBeNull();
    expect(failed.timed_out).toBe(false);
    expect(failed.error_msg).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('rejects what pg_net rejects, queueing nothing', async () => {
    const before = await stack.adminPool.query<{ n: string }>(
      'select count(*) as n from net.http_request_queue',
    );
    await expect(
      stack.adminPool.query(`select net.http_post($1, headers := '{"Content-Type":"text/plain"}'::jsonb)`, [
        `${target}/x`,
      ]),
    ).rejects.toThrow('Content-Type header must be "application/json"');
    await expect(stack.adminPool.query(`select net.http_get(null)`)).rejects.toThrow(
      'url must not be null or empty',
    );
    await expect(
      stack.adminPool.query(`select net.http_get($1, timeout_milliseconds := 0)`, [`${target}/x`]),
    ).rejects.toThrow('timeout_milliseconds must be positive');
    const after = await stack.adminPool.query<{ n: string }>(
      'select count(*) as n from net.http_request_queue',
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('is not callable by the API roles anon and authenticated', async () => {
    for (const role of ['anon', 'authenticated']) {
      const client = await stack.pool.connect();
      try {
        await client.query('begin');
        await client.query(`select set_config('role', $1, true)`, [role]);
        await expect(client.query(`select net.http_post($1)`, [`${target}/x`])).rejects.toThrow(
          /permission denied/,
        );
      } finally {
        await client.query('rollback');
        client.release();
      }
    }
  });
});
