// A crashed Deno runner (kill -9) answers the requests it held with a clear 502 relay
// error instead of hanging them, restarts on its own, and the next call succeeds.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FunctionsRelayError } from '@supabase/functions-js';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { startFunctionsHarness, type FunctionsHarness } from './functions-harness.ts';

let h: FunctionsHarness;
let supabase: SupabaseClient;
let notify: http.Server;
let notifyUrl: string;
const pids = new EventTarget();

beforeAll(async () => {
  // The `hang` fixture POSTs its runner's pid here once the request is inside Deno.
  notify = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.end('ok');
      pids.dispatchEvent(new MessageEvent('pid', { data: Number(body) }));
    });
  });
  notify.listen(0, '127.0.0.1');
  await once(notify, 'listening');
  notifyUrl = `http://127.0.0.1:${(notify.address() as AddressInfo).port}/`;
  h = await startFunctionsHarness();
  supabase = createClient(h.url, h.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
});

afterAll(async () => {
  await h?.stop();
  notify.closeAllConnections();
  await new Promise((r) => notify.close(r));
});

describe('runner crash', () => {
  it('fails the in-flight call with 502, restarts, and serves the next call', async () => {
    const firstPid = h.service.runnerPid();
    expect(firstPid).toBeGreaterThan(0);
    const reported = once(pids, 'pid') as Promise<[MessageEvent<number>]>;
    const inFlight = supabase.functions.invoke(`hang?notify=${encodeURIComponent(notifyUrl)}`);
    const [event] = await reported;
    expect(event.data).toBe(firstPid);

    process.kill(firstPid!, 'SIGKILL');
    const { error } = await inFlight;
    expect(error).toBeInstanceOf(FunctionsRelayError);
    const response = (error as FunctionsRelayError).context as Response;
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: 'RUNNER_CRASHED' });

    const { data, error: afterError } = await supabase.functions.invoke('hello', { body: { name: 'again' } });
    expect(afterError).toBeNull();
    expect(data).toMatchObject({ message: 'Hello again!' });
    expect(h.service.runnerPid()).not.toBe(firstPid);
    expect(h.logs.some((l) => l.includes('runner exited') && l.includes('SIGKILL'))).toBe(true);
  });
});

describe('a function that never answers', () => {
  it('gets a 504 after the idle timeout instead of hanging the caller', async () => {
    const quick = await startFunctionsHarness({ idleTimeoutMs: 300 });
    try {
      const res = await fetch(`${quick.url}/functions/v1/hang`, {
        headers: { Authorization: `Bearer ${quick.keys.anonKey}` },
      });
      expect(res.status).toBe(504);
      expect(await res.json()).toEqual({
        code: 'WORKER_TIMEOUT',
        message: 'Function did not respond within 300 ms',
      });
      const ok = await fetch(`${quick.url}/functions/v1/no-verify`);
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
    } finally {
      await quick.stop();
    }
  });
});

describe('a dead supervisor', () => {
  it('takes its Deno runner with it instead of leaving an orphan', async () => {
    const script = fileURLToPath(new URL('../fixtures/scripts/runner-supervisor.ts', import.meta.url));
    const supervisor = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(createInterface({ input: supervisor.stdout! }), 'line')) as [string];
    const { runnerPid } = JSON.parse(line) as { runnerPid: number };
    const socketArg = readFileSync(`/proc/${runnerPid}/cmdline`, 'utf8').split('\0').filter(Boolean).at(-1)!;
    const socketDir = dirname(socketArg);
    expect(existsSync(socketArg)).toBe(true);
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(runnerPid)).toBe(true);
    supervisor.kill('SIGKILL');
    await once(supervisor, 'exit');
    // No event reaches us when an unrelated process exits: poll, bounded.
    const deadline = Date.now() + 10_000;
    while (alive(runnerPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(runnerPid)).toBe(false);
    expect(existsSync(socketDir)).toBe(false);
  });
});
