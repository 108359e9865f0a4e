// Local Supabase Realtime at /realtime/v1/websocket: the Phoenix protocol (vsn 1.0.0 and
// 2.0.0) for Broadcast, private channels authorised by RLS on realtime.messages, and
// realtime.send() from SQL delivered after commit (see listener.ts). Postgres Changes
// is not served: a join asking for it gets a clear error.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ServiceDeps, UpgradeService } from '../service.ts';
import { Connection } from './connection.ts';
import { Hub, jsonBroadcastFrames } from './hub.ts';
import { startBroadcastListener } from './listener.ts';
import { parseVsn } from './protocol.ts';
import { checkAccessToken } from './tokens.ts';

export interface RealtimeService extends UpgradeService {
  /** Sockets joined to a channel name (without `realtime:`); for tests and the benchmark. */
  subscriberCount(subTopic: string, isPrivate: boolean): number;
}

// Phoenix closes a socket that sent nothing (not even a heartbeat) for 60 s.
const IDLE_TIMEOUT_MS = 60_000;
// Supabase drops realtime.messages partitions after about three days; so does the local janitor.
const RETENTION_DAYS = 3;
const JANITOR_INTERVAL_MS = 3_600_000;
// Supabase's default max message size is ~3 MB; a little headroom for framing.
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export async function createRealtimeService(deps: ServiceDeps): Promise<RealtimeService> {
  const hub = new Hub();
  // No permessage-deflate: fan-out writes one pre-built frame to every socket (connection.ts).
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_FRAME_BYTES });
  const lastSeen = new Map<Connection, number>();
  const listener = await startBroadcastListener({
    databaseUrl: deps.databaseUrl,
    pool: deps.pool,
    clock: deps.clock,
    log: deps.log,
    // Supabase's payload for database broadcasts: the row's payload plus meta.id.
    onMessage: (m) =>
      hub.publish(
        m.topic,
        m.private,
        jsonBroadcastFrames(m.topic, {
          type: 'broadcast',
          event: m.event,
          payload: m.payload,
          meta: { id: m.id },
        }),
      ),
  });
  const idleSweep = setInterval(() => {
    const cutoff = performance.now() - IDLE_TIMEOUT_MS;
    for (const [conn, seen] of lastSeen) if (seen < cutoff) conn.terminate();
  }, IDLE_TIMEOUT_MS / 2);
  idleSweep.unref();
  const janitor = setInterval(() => {
    deps.pool
      .query(`delete from realtime.messages where inserted_at < localtimestamp - make_interval(days => $1)`, [
        RETENTION_DAYS,
      ])
      .catch((err: unknown) => deps.log(`realtime: janitor: ${String(err)}`));
  }, JANITOR_INTERVAL_MS);
  janitor.unref();

  return {
    subscriberCount: (subTopic, isPrivate) => hub.subscriberCount(subTopic, isPrivate),

    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const vsn = parseVsn(url.searchParams.get('vsn'));
      if (vsn === undefined) return refuse(socket, 400, 'Bad Request', 'unsupported vsn: use 1.0.0 or 2.0.0');
      const headerKey = req.headers['apikey'];
      const apiKey = url.searchParams.get('apikey') ?? (typeof headerKey === 'string' ? headerKey : '');
      const key = checkAccessToken(apiKey, deps.keys.jwtSecret, deps.clock());
      if (!key.ok) return refuse(socket, 403, 'Forbidden', `apikey: ${key.code}: ${key.message}`);
      wss.handleUpgrade(req, socket, head, (ws) => {
        const conn = new Connection(ws, socket, vsn, {
          pool: deps.pool,
          hub,
          jwtSecret: deps.keys.jwtSecret,
          clock: deps.clock,
          log: deps.log,
          apiKey,
          headers: pickHeaders(req),
        });
        lastSeen.set(conn, performance.now());
        ws.on('message', () => lastSeen.set(conn, performance.now()));
        ws.on('close', () => lastSeen.delete(conn));
      });
    },

    async close() {
      clearInterval(idleSweep);
      clearInterval(janitor);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await listener.close();
    },
  };
}

function refuse(socket: Duplex, status: number, text: string, body: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

// Supabase passes the upgrade request's headers to policies as request.headers; cookies and
// credentials stay out.
function pickHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v !== 'string' || k === 'cookie' || k === 'authorization' || k === 'apikey') continue;
    out[k] = v;
  }
  return out;
}
