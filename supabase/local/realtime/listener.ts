// One dedicated Postgres connection LISTENs for committed broadcasts (the NOTIFY sent by
// the trigger in bootstrap/20-realtime.sql) and hands them on in commit order.
// If the connection drops it reconnects, LISTENs again and then reads realtime.messages
// for what was committed meanwhile, skipping ids it already delivered.
import pg from 'pg';

export const NOTIFY_CHANNEL = 'realtime_local_broadcast';
export const LISTENER_APPLICATION_NAME = 'local-realtime-listener';

export interface DbBroadcast {
  readonly id: string;
  readonly topic: string;
  readonly event: string;
  readonly private: boolean;
  readonly payload: unknown;
}

export interface ListenerOptions {
  readonly databaseUrl: string;
  /** For reading rows too large for a NOTIFY payload, and for the catch-up. */
  readonly pool: pg.Pool;
  readonly onMessage: (m: DbBroadcast) => void;
  readonly log: (line: string) => void;
  /** Seconds since the epoch. */
  readonly clock: () => number;
}

export interface BroadcastListener {
  close(): Promise<void>;
  /** How many times the listener has connected and LISTENed (1 + reconnects). */
  readonly connections: () => number;
}

// Messages of transactions that began up to this long before a drop are still caught up.
const CATCH_UP_MARGIN_SECONDS = 3600;
const DELIVERED_MEMORY = 200_000;
const MAX_BACKOFF_MS = 2000;

const ROW_COLUMNS = `id::text as id, topic, event, coalesce(private, false) as private, payload`;

export async function startBroadcastListener(opts: ListenerOptions): Promise<BroadcastListener> {
  const delivered = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  let client: pg.Client | undefined;
  let closed = false;
  let connections = 0;
  let droppedAt: number | undefined;
  let backoffMs = 50;
  let retryTimer: NodeJS.Timeout | undefined;

  const deliver = (m: DbBroadcast): void => {
    if (delivered.has(m.id)) return;
    delivered.add(m.id);
    if (delivered.size > DELIVERED_MEMORY) {
      const oldest = delivered.values().next().value;
      if (oldest !== undefined) delivered.delete(oldest);
    }
    opts.onMessage(m);
  };

  // Serial: a large message fetched by id must not be overtaken by the next small one.
  const enqueue = (task: () => Promise<void> | void): void => {
    chain = chain
      .then(task)
      .catch((err: unknown) => opts.log(`realtime: broadcast delivery failed: ${String(err)}`));
  };

  const onNotification = (n: pg.Notification): void => {
    if (n.channel !== NOTIFY_CHANNEL || n.payload === undefined) return;
    // Anyone may pg_notify this channel: a payload not from our trigger is logged, not trusted.
    let note: Partial<DbBroadcast>;
    try {
      note = JSON.parse(n.payload) as Partial<DbBroadcast>;
    } catch {
      note = {};
    }
    if (typeof note.id !== 'string') {
      opts.log(`realtime: ignored a malformed ${NOTIFY_CHANNEL} notification`);
      return;
    }
    if (typeof note.topic === 'string' && typeof note.event === 'string') {
      const m = note as DbBroadcast;
      enqueue(() => deliver(m));
      return;
    }
    enqueue(async () => {
      const r = await opts.pool.query<DbBroadcast>(
        `select ${ROW_COLUMNS} from realtime.messages where id = $1`,
        [note.id],
      );
      const row = r.rows[0];
      if (row !== undefined) deliver(row);
    });
  };

  const catchUp = (outageSeconds: number): void => {
    enqueue(async () => {
      const r = await opts.pool.query<DbBroadcast>(
        `select ${ROW_COLUMNS} from realtime.messages
          where extension = 'broadcast' and event is not null
            and inserted_at > localtimestamp - make_interval(secs => $1)
          order by inserted_at, id`,
        [outageSeconds + CATCH_UP_MARGIN_SECONDS],
      );
      for (const row of r.rows) deliver(row);
    });
  };

  const scheduleReconnect = (): void => {
    if (closed || retryTimer !== undefined) return;
    droppedAt ??= opts.clock();
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect().catch((err: unknown) => {
        opts.log(`realtime: listener reconnect failed: ${String(err)}`);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        scheduleReconnect();
      });
    }, backoffMs);
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: opts.databaseUrl,
      application_name: LISTENER_APPLICATION_NAME,
    });
    c.on('notification', onNotification);
    const lost = (why: string) => (err?: unknown) => {
      if (client !== c) return;
      client = undefined;
      c.removeAllListeners('notification');
      c.end().catch(() => {});
      if (!closed)
        opts.log(`realtime: listener connection ${why}${err ? `: ${String(err)}` : ''}; reconnecting`);
      scheduleReconnect();
    };
    c.on('error', lost('failed'));
    c.on('end', lost('ended'));
    try {
      await c.connect();
      await c.query(`listen ${NOTIFY_CHANNEL}`);
    } catch (err) {
      c.removeAllListeners();
      c.on('error', () => {});
      await c.end().catch(() => {});
      throw err;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    connections += 1;
    backoffMs = 50;
    if (droppedAt !== undefined) {
      catchUp(Math.max(0, opts.clock() - droppedAt));
      droppedAt = undefined;
    }
  };

  await connect();
  return {
    connections: () => connections,
    async close() {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      if (c !== undefined) await c.end().catch(() => {});
      await chain;
    },
  };
}
