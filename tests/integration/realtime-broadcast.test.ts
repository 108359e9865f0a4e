// Local Realtime through the real supabase-js / realtime-js clients, in both protocol
// versions: private channels authorised by RLS on realtime.messages, realtime.send()
// delivered only after commit and in commit order, client broadcasts, leave, refusals.
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { Inbox, subscribe, userToken } from '../support/realtime.ts';

let h: TestStack;
// Superuser connections for SQL sends; several at once (open, rolled-back and committing
// transactions side by side), more than the stack's adminPool offers.
let db: pg.Pool;
const clients: SupabaseClient[] = [];

beforeAll(async () => {
  h = await startTestStack();
  db = new pg.Pool({ connectionString: h.databaseUrl, max: 4 });
  // Test-only policies: a user may read a room listed in its `rooms` claim, and send to it
  // only with `can_send: true`.
  await db.query(`
    create policy "test users read rooms in their claim" on realtime.messages
      for select to authenticated
      using (extension = 'broadcast' and (select auth.jwt() -> 'rooms') ? (select realtime.topic()));
    create policy "test users send with can_send" on realtime.messages
      for insert to authenticated
      with check (extension = 'broadcast' and (select auth.jwt() ->> 'can_send') = 'true'
                  and (select auth.jwt() -> 'rooms') ? (select realtime.topic()));
  `);
});

afterEach(async () => {
  for (const c of clients.splice(0)) await c.removeAllChannels();
});

afterAll(async () => {
  await db?.end();
  await h?.stop();
});

type Vsn = '1.0.0' | '2.0.0';

function client(vsn: Vsn, token?: string): SupabaseClient {
  const c = createClient(h.url, h.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: {
      vsn,
      transport: WebSocket as never,
      ...(token === undefined ? {} : { accessToken: async () => token }),
    },
  });
  clients.push(c);
  return c;
}

interface Got {
  readonly event: string;
  readonly payload: Record<string, unknown>;
  readonly meta?: { id?: string };
}

function listen(channel: RealtimeChannel): Inbox<Got> {
  const inbox = new Inbox<Got>();
  channel.on('broadcast', { event: '*' }, (m) => inbox.push(m as unknown as Got));
  return inbox;
}

async function joinPrivate(
  vsn: Vsn,
  topic: string,
  token: string,
): Promise<{ channel: RealtimeChannel; inbox: Inbox<Got> }> {
  const c = client(vsn, token);
  await c.realtime.setAuth(token);
  const channel = c.channel(topic, { config: { private: true } });
  const inbox = listen(channel);
  const outcome = await subscribe(channel);
  expect(outcome.status).toBe('SUBSCRIBED');
  return { channel, inbox };
}

async function sendFromSql(topic: string, event: string, payload: object): Promise<void> {
  await db.query(`select realtime.send($1::jsonb, $2, $3)`, [JSON.stringify(payload), event, topic]);
}

describe.each<Vsn>(['1.0.0', '2.0.0'])('realtime vsn %s', (vsn) => {
  const room = `room-${vsn}`;
  const member = (extra: Record<string, unknown> = {}, ttl?: number): string =>
    userToken(h.jwtSecret, { rooms: [room], ...extra }, ttl);

  test('an authorised user joins a private channel; an unauthorised one gets CHANNEL_ERROR with the reason', async () => {
    const { inbox } = await joinPrivate(vsn, room, member());
    await sendFromSql(room, 'welcome', {});
    await inbox.count(1);

    const outsider = client(vsn, userToken(h.jwtSecret, { rooms: ['elsewhere'] }));
    await outsider.realtime.setAuth();
    const refused = outsider.channel(room, { config: { private: true } });
    const outcome = await subscribe(refused);
    expect(outcome.status).toBe('CHANNEL_ERROR');
    expect(outcome.error?.message).toBe(
      `Unauthorized: You do not have permissions to read from this Channel topic: ${room}`,
    );
    await outsider.removeChannel(refused);

    // The anon key alone is not enough for a private channel either.
    const anon = client(vsn);
    const anonChannel = anon.channel(room, { config: { private: true } });
    expect((await subscribe(anonChannel)).status).toBe('CHANNEL_ERROR');
  });

  test('realtime.send is delivered only after commit, never after rollback, in commit order', async () => {
    const { inbox } = await joinPrivate(vsn, room, member());
    const open = await db.connect();
    const rolledBack = await db.connect();
    try {
      await open.query('begin');
      await open.query(`select realtime.send('{"n":"late"}'::jsonb, 'nudge', $1)`, [room]);
      await rolledBack.query('begin');
      await rolledBack.query(`select realtime.send('{"n":"never"}'::jsonb, 'nudge', $1)`, [room]);
      await rolledBack.query('rollback');
      await sendFromSql(room, 'nudge', { n: 'first' });
      // Delivery follows commit order, so seeing "first" proves the uncommitted one was held back.
      await inbox.count(1);
      expect(inbox.items.map((m) => m.payload['n'])).toEqual(['first']);
      await open.query('commit');
      await inbox.count(2);
      await sendFromSql(room, 'nudge', { n: 'last' });
      await inbox.count(3);
    } finally {
      open.release();
      rolledBack.release();
    }
    expect(inbox.items.map((m) => m.payload['n'])).toEqual(['first', 'late', 'last']);
    const first = inbox.items[0]!;
    expect(first.event).toBe('nudge');
    expect(typeof first.payload['id']).toBe('string'); // realtime.send adds the message id
    expect(first.meta?.id).toBe(first.payload['id']);
  });

  test('many sends, in one transaction and in many, arrive in order; large payloads too', async () => {
    const { inbox } = await joinPrivate(vsn, room, member());
    const tx = await db.connect();
    try {
      await tx.query('begin');
      for (let i = 0; i < 20; i++)
        await tx.query(`select realtime.send(jsonb_build_object('i', $1::int), 'seq', $2)`, [i, room]);
      await tx.query('commit');
    } finally {
      tx.release();
    }
    for (let i = 20; i < 40; i++) await sendFromSql(room, 'seq', { i });
    const big = 'x'.repeat(20_000); // beyond NOTIFY's 8000-byte payload limit
    await sendFromSql(room, 'seq', { i: 40, big });
    await inbox.count(41);
    expect(inbox.items.map((m) => m.payload['i'])).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(inbox.items[40]!.payload['big']).toBe(big);
  });

  test('private database broadcasts reach only private subscribers; public sends only public ones', async () => {
    const { inbox: privateInbox } = await joinPrivate(vsn, room, member());
    const pub = client(vsn).channel(room);
    const publicInbox = listen(pub);
    expect((await subscribe(pub)).status).toBe('SUBSCRIBED');
    await db.query(`select realtime.send('{"to":"public"}'::jsonb, 'e', $1, false)`, [room]);
    await sendFromSql(room, 'e', { to: 'private' });
    await privateInbox.count(1);
    await publicInbox.count(1);
    expect(privateInbox.items.map((m) => m.payload['to'])).toEqual(['private']);
    expect(publicInbox.items.map((m) => m.payload['to'])).toEqual(['public']);
  });

  test('client broadcasts reach the other subscribers, and the sender only with self: true', async () => {
    const topic = `chat-${vsn}`;
    const a = client(vsn).channel(topic, { config: { broadcast: { self: true, ack: true } } });
    const b = client(vsn).channel(topic);
    const aInbox = listen(a);
    const bInbox = listen(b);
    expect((await subscribe(a)).status).toBe('SUBSCRIBED');
    expect((await subscribe(b)).status).toBe('SUBSCRIBED');
    expect(await a.send({ type: 'broadcast', event: 'hello', payload: { from: 'a' } })).toBe('ok');
    await b.send({ type: 'broadcast', event: 'hello', payload: { from: 'b' } });
    await aInbox.count(2);
    await bInbox.count(1);
    expect(aInbox.items.map((m) => m.payload['from'])).toEqual(['a', 'b']);
    expect(bInbox.items).toEqual([{ type: 'broadcast', event: 'hello', payload: { from: 'a' } }]);
  });

  test('private client broadcasts need the INSERT policy', async () => {
    const listener = await joinPrivate(vsn, room, member());
    const sender = client(vsn, member({ can_send: true }));
    await sender.realtime.setAuth();
    const sendCh = sender.channel(room, { config: { private: true, broadcast: { ack: true } } });
    expect((await subscribe(sendCh)).status).toBe('SUBSCRIBED');
    const mute = client(vsn, member());
    await mute.realtime.setAuth();
    const muteCh = mute.channel(room, { config: { private: true, broadcast: { ack: true } } });
    expect((await subscribe(muteCh)).status).toBe('SUBSCRIBED');

    expect(await muteCh.send({ type: 'broadcast', event: 'say', payload: { who: 'mute' } })).toBe('error');
    expect(await sendCh.send({ type: 'broadcast', event: 'say', payload: { who: 'sender' } })).toBe('ok');
    await listener.inbox.count(1);
    expect(listener.inbox.items.map((m) => m.payload['who'])).toEqual(['sender']);
  });

  test('phx_leave: unsubscribe is acknowledged and the channel receives nothing more', async () => {
    const c = client(vsn, member());
    await c.realtime.setAuth();
    const channel = c.channel(room, { config: { private: true } });
    const inbox = listen(channel);
    expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
    const stay = await joinPrivate(vsn, room, member());
    expect(await channel.unsubscribe()).toBe('ok');
    // realtime-js resolves a leave at once; a join answered on the same socket afterwards
    // proves the server has handled the phx_leave sent before it.
    expect((await subscribe(c.channel(`probe-${vsn}`))).status).toBe('SUBSCRIBED');
    await sendFromSql(room, 'after-leave', {});
    await stay.inbox.count(1);
    expect(inbox.items).toEqual([]);
  });

  test('a join asking for postgres_changes is refused with a clear reason', async () => {
    const c = client(vsn);
    const channel = c
      .channel(`changes-${vsn}`)
      .on('postgres_changes', { event: '*', schema: 'public', table: 'stores' }, () => {});
    const outcome = await subscribe(channel);
    expect(outcome.status).toBe('CHANNEL_ERROR');
    expect(outcome.error?.message).toMatch(/^PostgresChangesNotSupported: .*realtime\.send/);
  });

  test('access_token refresh keeps the channel; an expired token closes it with a system message', async () => {
    const kept = client(vsn);
    await kept.realtime.setAuth(member({}, 2));
    const keptCh = kept.channel(room, { config: { private: true } });
    const keptInbox = listen(keptCh);
    expect((await subscribe(keptCh)).status).toBe('SUBSCRIBED');

    const lapsing = client(vsn);
    await lapsing.realtime.setAuth(member({}, 2));
    const lapsingCh = lapsing.channel(room, { config: { private: true } });
    const lapsingInbox = listen(lapsingCh);
    const system = new Inbox<Record<string, unknown>>();
    const closed = new Inbox<string>();
    lapsingCh.on('system', {}, (m: Record<string, unknown>) => system.push(m));
    expect((await subscribe(lapsingCh, closed)).status).toBe('SUBSCRIBED');

    await kept.realtime.setAuth(member({}, 3600));
    await system.count(1, 'the expiry system message');
    expect(system.items[0]).toMatchObject({ extension: 'system', status: 'error', channel: room });
    expect(String(system.items[0]!['message'])).toMatch(/^Token has expired \d+ seconds ago$/);
    await closed.until((s) => s.includes('CLOSED'), 'CLOSED');

    await sendFromSql(room, 'still-here', {});
    await keptInbox.count(1);
    expect(lapsingInbox.items).toEqual([]);
  });

  test('refreshing to a token without read permission closes the channel', async () => {
    const c = client(vsn);
    await c.realtime.setAuth(member());
    const ch = c.channel(room, { config: { private: true } });
    const system = new Inbox<Record<string, unknown>>();
    ch.on('system', {}, (m: Record<string, unknown>) => system.push(m));
    expect((await subscribe(ch)).status).toBe('SUBSCRIBED');
    await c.realtime.setAuth(userToken(h.jwtSecret, { rooms: [] }));
    await system.count(1);
    expect(system.items[0]!['message']).toBe(
      `You no longer have permission to read from this Channel topic: ${room}`,
    );
  });
});
