// HTTP load generator for bench/rpc.ts: `concurrency` keep-alive clients POST one call
// in a loop for `seconds`. Run as a forked child (spec in argv, result by IPC), or
// imported for post().
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Call {
  readonly path: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

export interface LoadSpec {
  readonly port: number;
  readonly call: Call;
  readonly seconds: number;
  readonly okStatus: number;
  readonly concurrency: number;
}

export interface LoadResult {
  readonly rate: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly n: number;
  readonly failures: number;
}

export function post(agent: Agent, port: number, call: Call): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: call.path,
        method: 'POST',
        headers: { ...call.headers, 'content-length': Buffer.byteLength(call.body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

async function load(
  port: number,
  call: Call,
  seconds: number,
  okStatus: number,
  concurrency: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t = performance.now();
      const status = await post(agent, port, call);
      latencies.push(performance.now() - t);
      if (status !== okStatus) failures++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return {
    rate: latencies.length / elapsed,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    n: latencies.length,
    failures,
  };
}

const send = process.send?.bind(process);
const spec = process.argv[2];
if (send !== undefined && spec !== undefined) {
  const d = JSON.parse(spec) as LoadSpec;
  void load(d.port, d.call, d.seconds, d.okStatus, d.concurrency).then((r) => {
    send(r, () => process.exit(0));
  });
}
