// The LISTEN connection survives a drop without losing or repeating broadcasts: a TCP
// proxy between the listener and Postgres is cut while messages are committed, then restored.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBroadcastListener, type DbBroadcast } from '../../supabase/local/realtime/listener.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { Inbox } from '../support/realtime.ts';

let h: TestStack;
beforeAll(async () => {
  h = await startTestStack();
});
afterAll(async () => {
  await h?.stop();
});

interface Proxy {
  readonly url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

async function startProxy(databaseUrl: string): Promise<Proxy> {
  const target = new URL(databaseUrl);
  const live = new Set<Socket>();
  let accepting = true;
  const server: Server = createServer((client) => {
    if (!accepting) return client.destroy();
    const upstream = createConnection(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      live.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        live.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  const url = new URL(databaseUrl);
  url.port = String(port);
  const cut = (): void => {
    accepting = false;
    for (const s of live) s.destroy();
  };
  return {
    url: url.toString(),
    cut,
    restore: () => {
      accepting = true;
    },
    close: async () => {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('broadcasts committed while the LISTEN connection is down are delivered once, in order, after it reconnects', async () => {
  const proxy = await startProxy(h.databaseUrl);
  const inbox = new Inbox<DbBroadcast>();
  const reconnected = new Inbox<string>();
  const listener = await startBroadcastListener({
    databaseUrl: proxy.url,
    pool: h.adminPool,
    clock: () => Date.now() / 1000,
    onMessage: (m) => inbox.push(m),
    log: (line) => {
      if (line.includes('reconnect')) reconnected.push(line);
    },
  });
  const send = (n: number): Promise<unknown> =>
    h.adminPool.query(`select realtime.send(jsonb_build_object('n', $1::int), 'tick', 'reconnect-topic')`, [
      n,
    ]);
  try {
    await send(1);
    await inbox.count(1);

    proxy.cut();
    await reconnected.count(1, 'the listener to notice the drop');
    await send(2);
    await send(3);
    expect(inbox.items).toHaveLength(1);
    proxy.restore();

    await inbox.count(3);
    // Anyone may NOTIFY the channel; junk is ignored and delivery goes on.
    await h.adminPool.query(
      `select pg_notify('realtime_local_broadcast', 'not json'), pg_notify('realtime_local_broadcast', '{"id":"x"}')`,
    );
    await send(4);
    await inbox.count(4);
    expect(inbox.items.map((m) => (m.payload as { n: number }).n)).toEqual([1, 2, 3, 4]);
    expect(listener.connections()).toBeGreaterThanOrEqual(2);
  } finally {
    await listener.close();
    await proxy.close();
  }
});
