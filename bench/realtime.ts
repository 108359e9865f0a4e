// Broadcast fan-out: 1,000 websocket subscribers (raw `ws` clients speaking vsn 2.0.0)
// on one private topic, N messages sent with realtime.send in committed transactions.
// Latency is measured from the moment COMMIT returns to the sender to each delivery.
// The whole local stack (gateway included) runs on a throw-away embedded Postgres (or
// DATABASE_URL's server, in a scratch database). The subscribers run in a worker thread of
// this same file, so their parsing does not queue behind the server on one event loop;
// times are compared on the shared clock performance.timeOrigin + performance.now().
// Messages are sent one at a time: each is delivered to all subscribers before the next.
// Run: npx tsx bench/realtime.ts [subscribers=1000] [messages=50]
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pg from 'pg';
import WebSocket from 'ws';
import { bootstrap } from '../supabase/local/db/bootstrap.ts';
import { createDatabase, dropDatabase } from '../supabase/local/db/databases.ts';
import { startEmbeddedPostgres } from '../supabase/local/db/embedded.ts';
import { signJwt } from '../supabase/local/jwt.ts';
import { startStack, type RunningStack } from '../supabase/local/stack.ts';

const TOPIC = 'bench-room';
const CONNECT_CONCURRENCY = 50;

interface SubscriberJob {
  readonly wsUrl: string;
  readonly token: string;
  readonly subscribers: number;
}
type FromWorker =
  | { readonly type: 'joined'; readonly joinMs: number }
  | { readonly type: 'delivered'; readonly index: number; readonly times: number[] }
  | { readonly type: 'failed'; readonly error: string };

const clockMs = (): number => performance.timeOrigin + performance.now();

if (isMainThread) await main();
else await subscribers(workerData as SubscriberJob);

/** Worker side: connect and join, then report each message's arrival times once all have it. */
async function subscribers(job: SubscriberJob): Promise<void> {
  const port = parentPort!;
  const sockets: WebSocket[] = [];
  const arrivals = new Map<number, number[]>();
  const onBroadcast = (raw: Buffer): void => {
    const at = clockMs();
    const frame = JSON.parse(raw.toString('utf8')) as [
      unknown,
      unknown,
      string,
      string,
      { payload: { i: number } },
    ];
    if (frame[3] !== 'broadcast') return;
    const i = frame[4].payload.i;
    const got = arrivals.get(i) ?? [];
    arrivals.set(i, got);
    got.push(at);
    if (got.length === job.subscribers) {
      arrivals.delete(i);
      port.postMessage({ type: 'delivered', index: i, times: got } satisfies FromWorker);
    }
  };
  const connectOne = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(job.wsUrl, { perMessageDeflate: false });
      sockets.push(ws);
      ws.once('error', reject);
      ws.once('open', () => {
        const join = {
          config: { broadcast: { self: false, ack: false }, private: true },
          access_token: job.token,
        };
        ws.send(JSON.stringify(['1', '1', `realtime:${TOPIC}`, 'phx_join', join]));
      });
      ws.once('message', (raw: Buffer) => {
        const reply = JSON.parse(raw.toString('utf8')) as [
          unknown,
          unknown,
          string,
          string,
          { status: string },
        ];
        if (reply[3] !== 'phx_reply' || reply[4].status !== 'ok') {
          reject(new Error(`join refused: ${raw.toString()}`));
          return;
        }
        ws.on('message', onBroadcast);
        resolve();
      });
    });
  port.on('message', (m: string) => {
    if (m === 'stop') {
      for (const ws of sockets) ws.terminate();
      port.close();
    }
  });
  try {
    const start = clockMs();
    for (let i = 0; i < job.subscribers; i += CONNECT_CONCURRENCY) {
      await Promise.all(
        Array.from({ length: Math.min(CONNECT_CONCURRENCY, job.subscribers - i) }, connectOne),
      );
    }
    port.postMessage({ type: 'joined', joinMs: clockMs() - start } satisfies FromWorker);
  } catch (err) {
    port.postMessage({ type: 'failed', error: String(err) } satisfies FromWorker);
  }
}

async function main(): Promise<void> {
  const SUBSCRIBERS = Number(process.argv[2] ?? 1000);
  const MESSAGES = Number(process.argv[3] ?? 50);
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const h = await startBenchStack(cleanup);
    await h.pool.query(`
      create policy "bench subscribers read the bench room" on realtime.messages
        for select to authenticated using ((select realtime.topic()) = 'bench-room')`);
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(
      { aud: 'authenticated', role: 'authenticated', sub: randomUUID(), iat: now, exp: now + 3600 },
      h.jwtSecret,
    );
    const job: SubscriberJob = {
      wsUrl: `${h.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${h.anonKey}&vsn=2.0.0`,
      token,
      subscribers: SUBSCRIBERS,
    };
    // The worker runs this file too; tsx's loader is registered in it first (workers do not
    // inherit loader hooks, and --import in a worker's execArgv is not honoured on Node 20).
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
      .then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    cleanup.push(async () => {
      worker.postMessage('stop');
      await worker.terminate();
    });
    // A crashed worker must end the run through the cleanup below, not kill the process.
    let workerError: unknown;
    worker.on('error', (err) => {
      workerError = err;
    });
    const next = (): Promise<FromWorker> =>
      new Promise((resolve, reject) => {
        if (workerError !== undefined) return reject(workerError as Error);
        const fail = (err: Error): void => {
          clearTimeout(timer);
          reject(err);
        };
        const timer = setTimeout(() => fail(new Error('no word from the subscribers in 60 s')), 60_000);
        worker.once('error', fail);
        worker.once('message', (m: FromWorker) => {
          clearTimeout(timer);
          worker.off('error', fail);
          if (m.type === 'failed') reject(new Error(m.error));
          else resolve(m);
        });
      });
    const joined = await next();
    const joinMs = joined.type === 'joined' ? joined.joinMs : Number.NaN;

    const sender = await h.pool.connect();
    const toLast: number[] = [];
    const toEach: number[] = [];
    try {
      for (let i = 0; i < MESSAGES; i++) {
        const delivered = next();
        await sender.query('begin');
        await sender.query(`select realtime.send(jsonb_build_object('i', $1::int), 'tick', $2)`, [i, TOPIC]);
        await sender.query('commit');
        const committed = clockMs();
        const m = await delivered;
        if (m.type !== 'delivered' || m.index !== i)
          throw new Error(`unexpected report ${JSON.stringify(m)}`);
        for (const t of m.times) toEach.push(t - committed);
        toLast.push(Math.max(...m.times) - committed);
      }
    } finally {
      sender.release();
    }
    report(SUBSCRIBERS, MESSAGES, joinMs, toLast, toEach);
  } finally {
    for (const stop of cleanup.reverse()) await stop().catch((e: unknown) => console.error(String(e)));
  }
}

function report(
  subscribers: number,
  messages: number,
  joinMs: number,
  toLast: number[],
  toEach: number[],
): void {
  const pct = (xs: number[], p: number): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
  };
  const ms = (x: number): string => `${x.toFixed(1)} ms`;
  console.log(`subscribers: ${subscribers}`);
  console.log(`messages: ${messages}`);
  console.log(`join all subscribers (private, RLS-checked): ${ms(joinMs)}`);
  console.log(`commit->last delivery p50: ${ms(pct(toLast, 50))}`);
  console.log(`commit->last delivery p95: ${ms(pct(toLast, 95))}`);
  console.log(`commit->last delivery max: ${ms(Math.max(...toLast))}`);
  console.log(`commit->each delivery p50: ${ms(pct(toEach, 50))}`);
  console.log(`commit->each delivery p95: ${ms(pct(toEach, 95))}`);
  console.log(`commit->each delivery max: ${ms(Math.max(...toEach))}`);
  console.log(`target p95 commit->last delivery <= 250 ms: ${pct(toLast, 95) <= 250 ? 'met' : 'missed'}`);
}

async function startBenchStack(cleanup: (() => Promise<void>)[]): Promise<RunningStack> {
  let adminUrl = process.env['DATABASE_URL'] ?? '';
  if (adminUrl === '') {
    const dir = await mkdtemp(join(tmpdir(), 'bench-realtime-pg-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    cleanup.push(() => server.stop());
    adminUrl = server.url;
  }
  const name = `bench_realtime_${randomUUID().slice(0, 8)}`;
  const databaseUrl = await createDatabase(adminUrl, name);
  cleanup.push(() => dropDatabase(adminUrl, name));
  const setup = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await bootstrap(setup);
  } finally {
    await setup.end();
  }
  const stack = await startStack({ databaseUrl, port: 0, log: (line) => console.error(line) });
  cleanup.push(() => stack.stop());
  return stack;
}
