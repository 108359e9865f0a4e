// The wire protocol seen by a raw websocket: exact frames for heartbeat and join in both
// vsn, refused connections, unmatched topics, and binary (kind 3 → kind 4) broadcasts.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { Inbox, userToken } from '../support/realtime.ts';

let h: TestStack;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  h = await startTestStack();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.terminate();
});
afterAll(async () => {
  await h?.stop();
});

interface Received {
  readonly data: Buffer;
  readonly binary: boolean;
}

function wsUrl(query: string): string {
  return `${h.url.replace('http', 'ws')}/realtime/v1/websocket?${query}`;
}

async function open(vsn: '1.0.0' | '2.0.0'): Promise<{ ws: WebSocket; inbox: Inbox<Received> }> {
  const ws = new WebSocket(wsUrl(`apikey=${h.anonKey}&vsn=${vsn}`));
  sockets.push(ws);
  const inbox = new Inbox<Received>();
  ws.on('message', (data, binary) => inbox.push({ data: data as Buffer, binary }));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, inbox };
}

function refusal(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('error', () => {}); // aborting the refused handshake below reports one
    ws.once('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    ws.once('open', () => reject(new Error('the socket was accepted')));
  });
}

const json = (r: Received | undefined): unknown => JSON.parse(r?.data.toString('utf8') ?? 'null');

test('a socket without a valid apikey, or with an unknown vsn, is refused', async () => {
  expect(await refusal(wsUrl('vsn=2.0.0'))).toBe(403);
  expect(await refusal(wsUrl(`apikey=not-a-jwt&vsn=2.0.0`))).toBe(403);
  expect(await refusal(wsUrl(`apikey=${h.anonKey}x&vsn=2.0.0`))).toBe(403);
  expect(await refusal(wsUrl(`apikey=${h.anonKey}&vsn=3.0.0`))).toBe(400);
});

describe('vsn 2.0.0 frames', () => {
  test('heartbeat, join reply, unmatched topic', async () => {
    const { ws, inbox } = await open('2.0.0');
    ws.send(JSON.stringify([null, '1', 'phoenix', 'heartbeat', {}]));
    await inbox.count(1);
    expect(json(inbox.items[0])).toEqual([null, '1', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);

    const config = {
      broadcast: { self: false, ack: false, replication_ready: true },
      presence: { key: '', enabled: false },
      postgres_changes: [],
      private: false,
    };
    ws.send(JSON.stringify(['2', '2', 'realtime:lobby', 'phx_join', { config, access_token: h.anonKey }]));
    await inbox.count(3);
    expect(json(inbox.items[1])).toEqual([
      '2',
      '2',
      'realtime:lobby',
      'phx_reply',
      { status: 'ok', response: { postgres_changes: [] } },
    ]);
    expect(json(inbox.items[2])).toEqual([
      '2',
      null,
      'realtime:lobby',
      'system',
      { extension: 'system', status: 'ok', message: 'Replication connection established', channel: 'lobby' },
    ]);

    ws.send(
      JSON.stringify([
        '9',
        '3',
        'realtime:not-joined',
        'broadcast',
        { type: 'broadcast', event: 'x', payload: {} },
      ]),
    );
    await inbox.count(4);
    expect(json(inbox.items[3])).toEqual([
      '9',
      '3',
      'realtime:not-joined',
      'phx_reply',
      { status: 'error', response: { reason: 'unmatched topic' } },
    ]);
  });

  test('an expired access_token in the join is refused with Supabase wording', async () => {
    const { ws, inbox } = await open('2.0.0');
    const expired = userToken(h.jwtSecret, {}, -30);
    ws.send(
      JSON.stringify([
        '1',
        '1',
        'realtime:lobby',
        'phx_join',
        { config: { private: false }, access_token: expired },
      ]),
    );
    await inbox.count(1);
    const [, , , event, payload] = json(inbox.items[0]) as [
      unknown,
      unknown,
      unknown,
      string,
      { status: string; response: { reason: string } },
    ];
    expect(event).toBe('phx_reply');
    expect(payload.status).toBe('error');
    expect(payload.response.reason).toMatch(/^InvalidJWTToken: Token has expired 3\d seconds ago$/);
  });

  test('binary client broadcasts are relayed as kind-4 frames to vsn 2, as JSON to vsn 1 when possible', async () => {
    const sender = await open('2.0.0');
    const v2 = await open('2.0.0');
    const v1 = await open('1.0.0');
    const join = { config: { broadcast: { self: false, ack: false }, private: false } };
    for (const s of [sender, v2]) s.ws.send(JSON.stringify(['1', '1', 'realtime:bin', 'phx_join', join]));
    v1.ws.send(
      JSON.stringify({ topic: 'realtime:bin', event: 'phx_join', payload: join, ref: '1', join_ref: '1' }),
    );
    await Promise.all([sender.inbox.count(1), v2.inbox.count(1), v1.inbox.count(1)]);

    const push = (event: string, encoding: 0 | 1, payload: Buffer): Buffer => {
      const [joinRef, ref, topic] = ['1', '', 'realtime:bin'];
      const head = Buffer.from([3, joinRef.length, ref.length, topic.length, event.length, 0, encoding]);
      return Buffer.concat([head, Buffer.from(joinRef + ref + topic + event), payload]);
    };
    sender.ws.send(push('raw', 0, Buffer.from([1, 2, 3, 250])));
    sender.ws.send(push('doc', 1, Buffer.from(JSON.stringify({ a: 1 }))));

    await v2.inbox.count(3);
    const raw = v2.inbox.items[1]!;
    expect(raw.binary).toBe(true);
    expect([...raw.data]).toEqual([4, 12, 3, 0, 0, ...Buffer.from('realtime:binraw'), 1, 2, 3, 250]);
    const doc = v2.inbox.items[2]!;
    expect([...doc.data.subarray(0, 5)]).toEqual([4, 12, 3, 0, 1]);
    expect(JSON.parse(doc.data.subarray(5 + 12 + 3).toString())).toEqual({ a: 1 });

    // vsn 1 cannot carry raw bytes: it gets only the JSON one, as an ordinary broadcast.
    await v1.inbox.count(2);
    expect(json(v1.inbox.items[1])).toEqual({
      topic: 'realtime:bin',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'doc', payload: { a: 1 } },
      ref: null,
      join_ref: null,
    });
    expect(sender.inbox.items).toHaveLength(1); // self: false
  });
});

describe('vsn 1.0.0 frames', () => {
  test('heartbeat and join reply are JSON objects', async () => {
    const { ws, inbox } = await open('1.0.0');
    ws.send(JSON.stringify({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '5', join_ref: null }));
    await inbox.count(1);
    expect(json(inbox.items[0])).toEqual({
      topic: 'phoenix',
      event: 'phx_reply',
      payload: { status: 'ok', response: {} },
      ref: '5',
      join_ref: null,
    });
    ws.send(
      JSON.stringify({
        topic: 'realtime:lobby',
        event: 'phx_join',
        payload: { config: {} },
        ref: '6',
        join_ref: '6',
      }),
    );
    await inbox.count(2);
    expect(json(inbox.items[1])).toEqual({
      topic: 'realtime:lobby',
      event: 'phx_reply',
      payload: { status: 'ok', response: { postgres_changes: [] } },
      ref: '6',
      join_ref: '6',
    });
  });
});
