// RPC and sign-in throughput of the local stack (prints figures; not a pass/fail test).
// Starts its own Postgres (DATABASE_URL's server if set, else embedded in a temp dir),
// a fresh bootstrapped + migrated database, and a stack on a free port; drives it with
// 32 concurrent keep-alive clients; stops and drops everything.
//   npx tsx bench/rpc.ts [seconds=10]
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { bootstrap } from '../supabase/local/db/bootstrap.ts';
import { createDatabase, dropDatabase } from '../supabase/local/db/databases.ts';
import { startEmbeddedPostgres } from '../supabase/local/db/embedded.ts';
import { migrate } from '../supabase/local/db/migrate.ts';
import { MIGRATIONS_DIR } from '../supabase/local/db/paths.ts';
import { startStack } from '../supabase/local/stack.ts';
import { post, type Call, type LoadResult, type LoadSpec } from './http-load.ts';

const CONCURRENCY = 32;
const SECONDS = Number(process.argv[2] ?? 10);

/** Load runs in a child process so the client's own CPU use does not sit on the server's event loop. */
function load(port: number, call: Call, seconds: number, okStatus: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const spec: LoadSpec = { port, call, seconds, okStatus, concurrency: CONCURRENCY };
    // Same node flags as this process, so the child loads TypeScript through tsx too.
    const child = fork(fileURLToPath(new URL('./http-load.ts', import.meta.url)), [JSON.stringify(spec)], {
      execArgv: process.execArgv,
    });
    child.once('message', (r) => resolve(r as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

async function main(): Promise<void> {
  const external = process.env['DATABASE_URL'];
  let adminUrl: string;
  let stopServer = async (): Promise<void> => {};
  if (external !== undefined && external !== '') adminUrl = external;
  else {
    const dir = await mkdtemp(join(tmpdir(), 'brmi-bench-'));
    const server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    adminUrl = server.url;
    stopServer = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const dbName = `brmi_bench_${randomUUID().slice(0, 8)}`;
  const databaseUrl = await createDatabase(adminUrl, dbName);
  const setup = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await bootstrap(setup);
  // The RPC figure needs only the platform bootstrap; a migration being written
  // elsewhere must not stop the measurement (sign-ins may then be skipped).
  await migrate(setup, MIGRATIONS_DIR).catch((err: unknown) =>
    console.log(
      `note: migrations not applied (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`,
    ),
  );
  await setup.query(
    `create function public.bench_ping(n int) returns int language sql immutable as 'select n + 1'`,
  );
  await setup.end();
  const stack = await startStack({ databaseUrl, port: 0 });
  try {
    const headers = {
      apikey: stack.anonKey,
      authorization: `Bearer ${stack.anonKey}`,
      'content-type': 'application/json',
    };
    const rpc: Call = { path: '/rest/v1/rpc/bench_ping', body: '{"n":41}', headers };
    await load(stack.port, rpc, 2, 200); // warm-up: prepared statements, pool, JIT
    // Context for the figures: on a shared machine they scale with the CPU left over.
    console.log(
      `load average before the run: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 cores expected)`,
    );
    console.log(
      `baseline, bare "select 1" through pg (8 connections, 32 callers): ${(await selectOneRate(databaseUrl)).toFixed(0)} queries/s`,
    );
    const r = await load(stack.port, rpc, SECONDS, 200);
    console.log(
      `rpc trivial function, ${CONCURRENCY} concurrent clients, ${SECONDS}s: ${r.rate.toFixed(0)} requests/s (${r.n} requests, ${r.failures} failed)`,
    );
    console.log(`rpc latency p50: ${r.p50.toFixed(2)} ms`);
    console.log(`rpc latency p95: ${r.p95.toFixed(2)} ms`);
    console.log(`rpc latency p99: ${r.p99.toFixed(2)} ms`);
    await signIns(stack.port, stack.serviceRoleKey, stack.anonKey);
  } finally {
    await stack.stop();
    await dropDatabase(adminUrl, dbName);
    await stopServer();
  }
}

async function selectOneRate(databaseUrl: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  const deadline = performance.now() + 3000;
  let n = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await pool.query('select 1');
        n++;
      }
    }),
  );
  const rate = n / ((performance.now() - start) / 1000);
  await pool.end();
  return rate;
}

async function signIns(port: number, serviceKey: string, anonKey: string): Promise<void> {
  const email = 'bench@example.com';
  const password = 'Bench-Password-123!';
  const admin = {
    apikey: serviceKey,
    authorization: `Bearer ${serviceKey}`,
    'content-type': 'application/json',
  };
  const agent = new Agent({ keepAlive: false });
  const created = await post(agent, port, {
    path: '/auth/v1/admin/users',
    body: JSON.stringify({ email, password, email_confirm: true }),
    headers: admin,
  });
  if (created === 503 || created === 404) {
    console.log('sign-ins/s: skipped (the auth service is not present yet)');
    return;
  }
  if (created !== 200) {
    console.log(`sign-ins/s: skipped (creating the bench user answered ${created})`);
    return;
  }
  const call: Call = {
    path: '/auth/v1/token?grant_type=password',
    body: JSON.stringify({ email, password }),
    headers: { apikey: anonKey, 'content-type': 'application/json' },
  };
  const r = await load(port, call, Math.min(SECONDS, 5), 200);
  console.log(
    `sign-ins/s, ${CONCURRENCY} concurrent clients: ${r.rate.toFixed(0)} (${r.n} attempts, ${r.failures} not 200; p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms)`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
