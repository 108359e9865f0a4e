// One websocket: the Phoenix channel protocol as Supabase Realtime answers it
// (lib/realtime_web/channels/realtime_channel.ex): heartbeat, phx_join with the join reply
// realtime-js expects, private channels authorised by RLS, client broadcasts, access_token
// refresh, phx_leave. Error reasons use Supabase's "Code: message" wording.
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import type { WebSocket } from 'ws';
import { canRead, canWrite, type AuthContext } from './authorize.ts';
import {
  binaryBroadcastFrames,
  jsonBroadcastFrames,
  type Frame,
  type Frames,
  type Hub,
  type Subscription,
} from './hub.ts';
import { decodeFrame, encodeText, type PhxMessage, type Vsn } from './protocol.ts';
import { checkAccessToken } from './tokens.ts';

export interface ConnectionDeps {
  readonly pool: pg.Pool;
  readonly hub: Hub;
  readonly jwtSecret: string;
  /** Seconds since the epoch. */
  readonly clock: () => number;
  readonly log: (line: string) => void;
  /** The socket's `apikey`, used when a join carries no access_token (as Supabase does). */
  readonly apiKey: string;
  readonly headers: Readonly<Record<string, string>>;
}

interface Channel {
  readonly topic: string;
  readonly subTopic: string;
  readonly joinRef: string | null;
  readonly private: boolean;
  readonly selfBroadcast: boolean;
  readonly ack: boolean;
  token: string;
  auth: AuthContext;
  /** Cached INSERT permission; undefined until the first client broadcast (as Supabase). */
  canWrite: boolean | undefined;
  subscription: Subscription;
  expiryTimer: NodeJS.Timeout | undefined;
  /** Serialises this channel's broadcasts and token refreshes, which may await the database. */
  queue: Promise<void>;
}

const PREFIX = 'realtime:';
// A JWT's exp can be years away; setTimeout cannot wait that long, so re-check at least hourly.
const MAX_TOKEN_TIMER_MS = 3_600_000;
// A subscriber that stops reading is dropped rather than buffered without bound.
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

const asRecord = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export class Connection {
  private readonly channels = new Map<string, Channel>();
  /** Bumped per join attempt so a slow authorisation cannot resurrect a superseded join. */
  private readonly joinSeq = new Map<string, number>();
  private closed = false;
  private readonly ws: WebSocket;
  /** The upgraded TCP socket under `ws`, for writing pre-framed broadcasts. */
  private readonly socket: Duplex;
  private readonly vsn: Vsn;
  private readonly deps: ConnectionDeps;
  private readonly subscriber;

  constructor(ws: WebSocket, socket: Duplex, vsn: Vsn, deps: ConnectionDeps) {
    this.ws = ws;
    this.socket = socket;
    this.vsn = vsn;
    this.deps = deps;
    this.subscriber = { vsn, send: (f: Frame) => this.sendShared(f) };
    ws.on('message', (data, isBinary) => this.onFrame(toBuffer(data), isBinary));
    ws.on('close', () => this.dispose());
    ws.on('error', () => this.dispose());
  }

  // Fan-out path: the frame was built once for all subscribers, so it is written to the
  // socket as-is. Safe next to ws's own sends: without compression ws writes each frame
  // synchronously and whole, so frames never interleave mid-way.
  private sendShared(f: Frame): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.socket.writableLength > MAX_BUFFERED_BYTES) {
      this.deps.log('realtime: dropping a subscriber that does not read its socket');
      this.ws.terminate();
      return;
    }
    this.socket.write(f.wire());
  }

  private send(m: PhxMessage): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(encodeText(this.vsn, m), { binary: false });
  }

  private reply(m: PhxMessage, status: 'ok' | 'error', response: unknown): void {
    this.send({
      joinRef: m.joinRef,
      ref: m.ref,
      topic: m.topic,
      event: 'phx_reply',
      payload: { status, response },
    });
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    const d = decodeFrame(data, isBinary, this.vsn);
    if (d.kind === 'invalid') {
      this.deps.log(`realtime: ignored a frame: ${d.reason}`);
      return;
    }
    if (d.kind === 'binary-broadcast') {
      const { push } = d;
      const ch = this.channels.get(push.topic);
      const m: PhxMessage = {
        joinRef: push.joinRef,
        ref: push.ref,
        topic: push.topic,
        event: 'broadcast',
        payload: null,
      };
      if (ch === undefined) return this.reply(m, 'error', { reason: 'unmatched topic' });
      return this.broadcast(ch, m, binaryBroadcastFrames(ch.subTopic, push));
    }
    const m = d.message;
    if (m.topic === 'phoenix' && m.event === 'heartbeat') return this.reply(m, 'ok', {});
    if (m.event === 'phx_join') {
      void this.join(m).catch((err: unknown) => {
        this.deps.log(`realtime: join of ${m.topic} failed: ${String(err)}`);
        this.reply(m, 'error', {
          reason: 'UnableToSetPolicies: Realtime was unable to connect to the project database',
        });
      });
      return;
    }
    const ch = this.channels.get(m.topic);
    if (ch === undefined && m.event === 'phx_leave' && this.joinSeq.has(m.topic)) {
      // Leaving while the join is still being authorised: cancel that join.
      this.joinSeq.set(m.topic, (this.joinSeq.get(m.topic) ?? 0) + 1);
      return this.reply(m, 'ok', {});
    }
    if (ch === undefined || (m.joinRef !== null && m.joinRef !== ch.joinRef)) {
      return this.reply(m, 'error', { reason: 'unmatched topic' });
    }
    switch (m.event) {
      case 'phx_leave':
        this.removeChannel(ch);
        return this.reply(m, 'ok', {});
      case 'broadcast':
        return this.broadcast(ch, m, jsonBroadcastFrames(ch.subTopic, m.payload));
      case 'access_token':
        return this.refreshToken(ch, asRecord(m.payload)['access_token']);
      case 'presence':
        return this.reply(m, 'error', {
          reason: 'PresenceNotSupported: the local Realtime serves Broadcast only',
        });
      default:
        return; // Supabase ignores unexpected client events.
    }
  }

  private async join(m: PhxMessage): Promise<void> {
    if (!m.topic.startsWith(PREFIX)) return this.reply(m, 'error', { reason: 'unmatched topic' });
    const subTopic = m.topic.slice(PREFIX.length);
    if (subTopic === '')
      return this.reply(m, 'error', { reason: 'TopicNameRequired: You must provide a topic name' });
    const seq = (this.joinSeq.get(m.topic) ?? 0) + 1;
    this.joinSeq.set(m.topic, seq);
    const previous = this.channels.get(m.topic);
    if (previous !== undefined) this.closeChannel(previous); // a rejoin replaces the old channel, as Phoenix does

    const payload = asRecord(m.payload);
    const config = asRecord(payload['config']);
    const broadcastConfig = asRecord(config['broadcast']);
    const pgChanges = config['postgres_changes'];
    if (Array.isArray(pgChanges) && pgChanges.length > 0) {
      return this.reply(m, 'error', {
        reason:
          'PostgresChangesNotSupported: this local Realtime serves Broadcast only. ' +
          'Send changes from SQL with realtime.send(payload, event, topic) and listen on a private channel.',
      });
    }
    const given = payload['access_token'];
    const token = typeof given === 'string' && !given.startsWith('sb_') ? given : this.deps.apiKey;
    const check = checkAccessToken(token, this.deps.jwtSecret, this.deps.clock());
    if (!check.ok) return this.reply(m, 'error', { reason: `${check.code}: ${check.message}` });

    const isPrivate = config['private'] === true;
    const auth: AuthContext = {
      topic: subTopic,
      role: check.claims.role,
      claims: check.claims,
      headers: this.deps.headers,
    };
    if (isPrivate && !(await canRead(this.deps.pool, auth))) {
      if (this.joinSeq.get(m.topic) !== seq) return;
      return this.reply(m, 'error', {
        reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`,
      });
    }
    if (this.closed || this.joinSeq.get(m.topic) !== seq) return;

    const subscription: Subscription = { subscriber: this.subscriber, subTopic, private: isPrivate };
    const ch: Channel = {
      topic: m.topic,
      subTopic,
      joinRef: m.joinRef,
      private: isPrivate,
      selfBroadcast: broadcastConfig['self'] === true,
      ack: broadcastConfig['ack'] === true,
      token,
      auth,
      canWrite: undefined,
      subscription,
      expiryTimer: undefined,
      queue: Promise.resolve(),
    };
    this.channels.set(m.topic, ch);
    this.deps.hub.add(subscription);
    this.reply(m, 'ok', { postgres_changes: [] });
    if (broadcastConfig['replication_ready'] === true) {
      this.pushSystem(ch, 'ok', 'Replication connection established');
    }
    this.scheduleExpiry(ch, check.claims.exp);
  }

  private broadcast(ch: Channel, m: PhxMessage, frames: Frames): void {
    this.enqueue(ch, async () => {
      if (ch.private) {
        ch.canWrite ??= await canWrite(this.deps.pool, ch.auth);
        if (!ch.canWrite) {
          // Supabase drops it silently; with ack on, say why instead of letting the push time out.
          if (ch.ack) {
            this.reply(m, 'error', {
              reason: `Unauthorized: You do not have permissions to write to this Channel topic: ${ch.subTopic}`,
            });
          }
          return;
        }
      }
      if (this.channels.get(ch.topic) !== ch) return;
      this.deps.hub.publish(ch.subTopic, ch.private, frames, ch.selfBroadcast ? undefined : ch.subscription);
      if (ch.ack) this.reply(m, 'ok', {});
    });
  }

  private refreshToken(ch: Channel, token: unknown): void {
    if (typeof token !== 'string' || token.startsWith('sb_') || token === ch.token) return;
    this.enqueue(ch, async () => {
      const check = checkAccessToken(token, this.deps.jwtSecret, this.deps.clock());
      if (!check.ok) return this.shutdown(ch, check.message);
      const auth: AuthContext = { ...ch.auth, role: check.claims.role, claims: check.claims };
      if (ch.private && !(await canRead(this.deps.pool, auth))) {
        return this.shutdown(
          ch,
          `You no longer have permission to read from this Channel topic: ${ch.subTopic}`,
        );
      }
      ch.token = token;
      ch.auth = auth;
      ch.canWrite = undefined;
      this.scheduleExpiry(ch, check.claims.exp);
    });
  }

  private enqueue(ch: Channel, task: () => Promise<void>): void {
    ch.queue = ch.queue.then(task).catch((err: unknown) => {
      this.deps.log(`realtime: ${ch.topic}: ${String(err)}`);
    });
  }

  private scheduleExpiry(ch: Channel, exp: number): void {
    if (ch.expiryTimer !== undefined) clearTimeout(ch.expiryTimer);
    const delayMs = Math.min(MAX_TOKEN_TIMER_MS, Math.max(0, (exp - this.deps.clock()) * 1000));
    ch.expiryTimer = setTimeout(() => {
      ch.expiryTimer = undefined;
      const check = checkAccessToken(ch.token, this.deps.jwtSecret, this.deps.clock());
      if (check.ok) this.scheduleExpiry(ch, check.claims.exp);
      else this.shutdown(ch, check.message);
    }, delayMs + 1);
    ch.expiryTimer.unref();
  }

  private pushSystem(ch: Channel, status: 'ok' | 'error', message: string): void {
    const payload = { extension: 'system', status, message, channel: ch.subTopic };
    this.send({ joinRef: ch.joinRef, ref: null, topic: ch.topic, event: 'system', payload });
  }

  /** Supabase's shutdown_response: a system error message, then phx_close. */
  private shutdown(ch: Channel, message: string): void {
    if (this.channels.get(ch.topic) !== ch) return;
    this.pushSystem(ch, 'error', message);
    this.closeChannel(ch);
  }

  private closeChannel(ch: Channel): void {
    this.removeChannel(ch);
    this.send({ joinRef: ch.joinRef, ref: ch.joinRef, topic: ch.topic, event: 'phx_close', payload: {} });
  }

  private removeChannel(ch: Channel): void {
    if (ch.expiryTimer !== undefined) clearTimeout(ch.expiryTimer);
    ch.expiryTimer = undefined;
    if (this.channels.get(ch.topic) === ch) this.channels.delete(ch.topic);
    this.deps.hub.remove(ch.subscription);
  }

  terminate(): void {
    this.ws.terminate();
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const ch of [...this.channels.values()]) this.removeChannel(ch);
  }
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
