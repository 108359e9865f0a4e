// Supervises the long-lived Deno runner (./runner.ts): starts it, serves it a private unix
// socket, waits for its ready line on stdout, and restarts it whenever it exits unexpectedly (kill -9,
// out of memory). Callers ask `socket()` per request, so a request made during a restart
// waits for the new process instead of failing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface RunnerOptions {
  readonly functionsRoot: string;
  readonly env: Readonly<Record<string, string>>;
  readonly log: (line: string) => void;
  /** How long a boot may take before the runner counts as failed. */
  readonly bootTimeoutMs?: number;
}

export interface RunnerProcess {
  /** Resolves to the unix socket of a live runner; rejects if it cannot boot. */
  socket(): Promise<string>;
  /** The current runner's pid, for diagnostics. */
  pid(): number | undefined;
  close(): Promise<void>;
}

const DENO = fileURLToPath(new URL('../../../node_modules/.bin/deno', import.meta.url));
const RUNNER = fileURLToPath(new URL('./runner.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// No network at run time: --cached-only makes a missing npm:/jsr: dependency fail fast
// instead of fetching; bare names resolve from the project's node_modules
// (package.json discovery, nodeModulesDir "manual"). No --allow-run, and write access
// only to the runner's private socket directory, close to hosted Supabase.
const DENO_ARGS = [
  'run',
  '--cached-only',
  '--no-prompt',
  '--node-modules-dir=manual',
  '--allow-net',
  '--allow-env',
  '--allow-read',
  '--allow-sys',
];

export function startRunnerProcess(options: RunnerOptions): RunnerProcess {
  const bootTimeoutMs = options.bootTimeoutMs ?? 30_000;
  let child: ChildProcess | undefined;
  let ready: Promise<string> | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'brmi-functions-'));
  const socketPath = join(dir, 'runner.sock');
  let closing = false;
  let failedBoots = 0;

  function boot(): Promise<string> {
    // A killed runner leaves its socket file behind; listening again needs it gone.
    rmSync(socketPath, { force: true });
    const proc = spawn(
      DENO,
      [...DENO_ARGS, `--allow-write=${dir}`, RUNNER, options.functionsRoot, socketPath],
      {
        cwd: PROJECT_ROOT,
        // Only what Deno needs plus the platform's function secrets; no inherited secrets.
        env: {
          HOME: process.env['HOME'] ?? '/tmp',
          DENO_NO_UPDATE_CHECK: '1',
          NO_COLOR: '1',
          ...options.env,
        },
        // stdin stays an open pipe: the runner exits when it closes (this process died).
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    child = proc;
    const started = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`functions runner did not start within ${bootTimeoutMs} ms`));
        proc.kill('SIGKILL');
      }, bootTimeoutMs);
      createInterface({ input: proc.stdout! }).on('line', (line) => {
        if (line === '{"runnerReady":true}') {
          clearTimeout(timer);
          failedBoots = 0;
          resolve(socketPath);
        } else options.log(`[functions] ${line}`);
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`functions runner exited during boot (code ${code}, signal ${signal})`));
      });
      // spawn itself failed (e.g. node_modules/.bin/deno missing): no 'exit' follows.
      proc.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot start Deno (${DENO}): ${error.message}`));
      });
    });
    proc.stdin?.on('error', () => {}); // never written; only its closing matters
    createInterface({ input: proc.stderr! }).on('line', (line) => options.log(`[functions] ${line}`));
    proc.once('exit', (code, signal) => {
      if (child === proc) child = undefined;
      if (closing) return;
      options.log(`[functions] runner exited (code ${code}, signal ${signal}); restarting`);
      failedBoots += 1;
      // Restart lazily on the next request if boots keep failing (e.g. a syntax error in
      // runner.ts), eagerly otherwise so the first request after a crash is fast.
      ready = failedBoots > 3 ? undefined : boot();
      ready?.catch(() => {});
    });
    started.catch(() => {});
    return started;
  }

  ready = boot();
  return {
    socket() {
      if (closing) return Promise.reject(new Error('functions runner is closed'));
      ready ??= boot();
      return ready;
    },
    pid: () => child?.pid,
    async close() {
      closing = true;
      const proc = child;
      if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) {
        rmSync(dir, { recursive: true, force: true });
        return;
      }
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
