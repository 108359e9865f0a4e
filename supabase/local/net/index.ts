// The local pg_net worker: sends the requests queued in the stand-in `net` schema
// (bootstrap/40-net.sql) and stores responses in net._http_response. Where the real
// pg_net extension is installed it does nothing.
//
// Woken by LISTEN net_wake (NOTIFY from net.wake(), delivered only on commit) and once at
// start for requests queued while it was down. It only ever reads committed queue rows,
// so a rolled-back http_post is never sent. Rows are claimed by deleting them (at most
// once, as pg_net: a crash mid-send loses that request, never repeats it).
import pg from 'pg';
import type { BackgroundService, ServiceDeps } from '../service.ts';
import { sendRequest, type QueuedRequest } from './send-request.ts';

/** pg_net.batch_size default. */
const BATCH_SIZE = 200;
/** pg_net.ttl default: responses older than this are deleted. */
const RESPONSE_TTL = '6 hours';

interface QueueRow {
  id: string;
  method: string;
  url: string;
  headers: Record<string, unknown>;
  body: Buffer | null;
  timeout_milliseconds: number;
}

export async function startNetWorker(deps: ServiceDeps): Promise<BackgroundService> {
  const mode = await deps.pool.query<{ real: boolean; standin: boolean }>(
    `select exists (select from pg_catalog.pg_extension where extname = 'pg_net') as real,
            pg_catalog.to_regclass('net.http_request_queue') is not null as standin`,
  );
  const { real, standin } = mode.rows[0]!;
  if (real || !standin) {
    deps.log(real ? 'net: the pg_net extension sends requests' : 'net: no net schema; worker idle');
    return { async close() {} };
  }

  let closed = false;
  let again = false;
  let draining: Promise<void> | undefined;

  async function drainOnce(): Promise<number> {
    const { rows } = await deps.pool.query<QueueRow>(
      `delete from net.http_request_queue where id in (
         select id from net.http_request_queue order by id limit $1 for update skip locked)
       returning id, method, url, headers, body, timeout_milliseconds`,
      [BATCH_SIZE],
    );
    const requests: QueuedRequest[] = rows.map((r) => ({
      id: Number(r.id),
      method: r.method,
      url: r.url,
      headers: r.headers,
      body: r.body,
      timeoutMilliseconds: r.timeout_milliseconds,
    }));
    const responses = await Promise.all(requests.map(sendRequest));
    if (responses.length > 0) {
      await deps.pool.query(
        `insert into net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg)
         select * from pg_catalog.jsonb_to_recordset($1::jsonb)
           as r(id bigint, status_code integer, content_type text, headers jsonb, content text, timed_out boolean, error_msg text)`,
        [
          JSON.stringify(
            responses.map((r) => ({
              id: r.id,
              status_code: r.statusCode,
              content_type: r.contentType,
              headers: r.headers,
              content: r.content,
              timed_out: r.timedOut,
              error_msg: r.errorMsg,
            })),
          ),
        ],
      );
    }
    await deps.pool.query(`delete from net._http_response where created < pg_catalog.now() - $1::interval`, [
      RESPONSE_TTL,
    ]);
    return rows.length;
  }

  // One drain at a time; a wake during a drain makes it go round again.
  function wake(): void {
    if (closed) return;
    if (draining !== undefined) {
      again = true;
      return;
    }
    draining = (async () => {
      do {
        again = false;
        try {
          if ((await drainOnce()) === BATCH_SIZE) again = true;
        } catch (error) {
          deps.log(`net: sending queued requests failed: ${String(error)}`);
        }
      } while (again && !closed);
    })().finally(() => (draining = undefined));
  }

  const listener = new pg.Client({
    connectionString: deps.databaseUrl,
    application_name: 'pg_net stand-in worker',
  });
  listener.on('notification', wake);
  listener.on('error', (error) => deps.log(`net: listener connection lost: ${error.message}`));
  await listener.connect();
  await listener.query('listen net_wake');
  wake();

  return {
    async close() {
      closed = true;
      await listener.end().catch(() => {});
      await draining;
    },
  };
}
