// Edge function invocation throughput and latency through the local functions service
// (verify_jwt in Node → keep-alive HTTP on a unix socket → the long-lived Deno runner →
// the trivial `ping` fixture), with concurrent keep-alive clients after a warm-up.
// The same clients first hit a bare Node HTTP server answering the same bytes: that
// calibration line says what this (often shared, busy) machine can do at all.
// Run: npx tsx bench/functions.ts [concurrency=32] [seconds=5]
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { loadConfig } from '../supabase/local/config.ts';
import { createFunctionsService } from '../supabase/local/functions/index.ts';
import { makeKeys } from '../supabase/local/keys.ts';

const CONCURRENCY = Number(process.argv[2] ?? 32);
const SECONDS = Number(process.argv[3] ?? 5);
const WARMUP_MS = 1_000;
const ROOT = fileURLToPath(new URL('../tests/fixtures/functions', import.meta.url));
const UNUSED_DB = 'postgres://unused@127.0.0.1:1/unused';

// The clients run in a worker thread (plain JS, no loader needed) so the service's event
// loop is not also the load generator's.
const CLIENT = `
const http = require('node:http');
const { workerData, parentPort } = require('node:worker_threads');
const { url, headers, concurrency, warmupMs, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const invoke = () => new Promise((resolve, reject) => {
  const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
    res.resume();
    res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error('answered ' + res.statusCode))));
  });
  req.on('error', reject);
  req.end('{}');
});
async function client(until, latencies) {
  while (performance.now() < until) {
    const start = performance.now();
    await invoke();
    if (latencies) latencies.push(performance.now() - start);
  }
}
(async () => {
  const warm = performance.now() + warmupMs;
  await Promise.all(Array.from({ length: concurrency }, () => client(warm)));
  parentPort.postMessage({ warmedUp: true });
  const latencies = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => client(started + seconds * 1000, latencies)));
  parentPort.postMessage({ latencies, elapsed: (performance.now() - started) / 1000 });
  agent.destroy();
})().catch((e) => parentPort.postMessage({ error: String(e) }));
`;

interface Run {
  readonly latencies: number[];
  readonly elapsed: number;
  /** CPU of this process (server side + client thread) during the measured window, ms. */
  readonly nodeCpuMs: number;
  readonly denoCpuMs: number;
}

/** utime + stime of another process in ms (USER_HZ = 100 on Linux). */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function measure(url: string, headers: Record<string, string>, denoPid?: number): Promise<Run> {
  const worker = new Worker(CLIENT, {
    eval: true,
    workerData: { url, headers, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, seconds: SECONDS },
  });
  const next = async (): Promise<Record<string, unknown>> => {
    const [message] = (await once(worker, 'message')) as [Record<string, unknown>];
    if (typeof message['error'] === 'string') throw new Error(`bench client failed: ${message['error']}`);
    return message;
  };
  await next(); // warmed up: the CPU window starts here
  const node0 = process.cpuUsage();
  const deno0 = processCpuMs(denoPid);
  const done = (await next()) as { latencies: number[]; elapsed: number };
  const node = process.cpuUsage(node0);
  const denoCpuMs = processCpuMs(denoPid) - deno0;
  await worker.terminate();
  return { ...done, nodeCpuMs: (node.user + node.system) / 1000, denoCpuMs };
}

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer({ keepAliveTimeout: 30_000 }, handler);
  server.listen(0, '127.0.0.1');
  return once(server, 'listening').then(() => server);
}

const urlOf = (server: http.Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function stop(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

const keys = makeKeys();
const headers = {
  authorization: `Bearer ${keys.anonKey}`,
  apikey: keys.anonKey,
  'content-type': 'application/json',
};

// Calibration: the same clients against Node answering the same bytes in-process.
const bare = await listen((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"pong":true}');
  });
});
const baseline = await measure(`${urlOf(bare)}/ping`, headers);
await stop(bare);

const pool = new pg.Pool({ connectionString: UNUSED_DB });
let route: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void = () => {};
const gateway = await listen((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => route(req, res, Buffer.concat(chunks)));
});
const base = urlOf(gateway);
const service = await createFunctionsService(
  {
    pool,
    databaseUrl: UNUSED_DB,
    config: loadConfig(),
    keys,
    publicUrl: base,
    clock: () => Math.floor(Date.now() / 1000),
    log: () => {},
  },
  { functionsRoot: ROOT },
);
route = (req, res, body) => {
  const url = new URL(req.url ?? '/', base);
  void service.handle(req, res, url.pathname.slice('/functions/v1'.length), url, body);
};
const run = await measure(`${base}/functions/v1/ping`, headers, service.runnerPid());

const sorted = [...run.latencies].sort((a, b) => a - b);
const pct = (p: number): string =>
  (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN).toFixed(2);
const rate = (r: Run): string => (r.latencies.length / r.elapsed).toFixed(0);
const perCall = (ms: number, r: Run): string => (ms / r.latencies.length).toFixed(3);

console.log(
  `functions clients: ${CONCURRENCY} concurrent keep-alive, ${SECONDS} s after ${WARMUP_MS} ms warm-up`,
);
console.log(`functions invocations: ${run.latencies.length}`);
console.log(`functions invocations/s: ${rate(run)}`);
console.log(`functions p50 ms: ${pct(50)}`);
console.log(`functions p95 ms: ${pct(95)}`);
console.log(`functions node cpu ms/invocation (gateway + clients): ${perCall(run.nodeCpuMs, run)}`);
console.log(`functions deno cpu ms/invocation: ${perCall(run.denoCpuMs, run)}`);
console.log(`calibration: bare node http requests/s (same clients, no proxy, no deno): ${rate(baseline)}`);
console.log(
  `calibration: bare node cpu ms/request (server + clients): ${perCall(baseline.nodeCpuMs, baseline)}`,
);
console.log(`load average (1 min) at end: ${loadavg()[0]!.toFixed(2)}`);

await stop(gateway);
await service.close();
await pool.end();
