// `npm test`: every check and test in one run, ending with one summary line
// `N passed, N failed[, N skipped]`. Static checks count one each; test suites count
// their tests. In CI the integration tests run twice: on embedded Postgres 17 and on
// Debian's PostgreSQL 15 with the real pg_cron.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, INSTALL_HINT } from '../e2e/support/chromium.ts';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];
const failedTests: string[] = [];
const ci = process.env['CI'] === 'true' || process.env['CI'] === '1';
const only = new Set(process.argv.slice(2));
const want = (step: string): boolean => only.size === 0 || only.has(step);
const RESULTS = 'test-results';

function run(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  tail?: { text: string },
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: tail ? ['inherit', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    if (tail) {
      // Pass the output through and keep its last 64 KB for the summary.
      const keep = (chunk: Buffer, to: NodeJS.WriteStream): void => {
        to.write(chunk);
        tail.text = (tail.text + chunk.toString('utf8')).slice(-65_536);
      };
      child.stdout?.on('data', (c: Buffer) => keep(c, process.stdout));
      child.stderr?.on('data', (c: Buffer) => keep(c, process.stderr));
    }
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

/** The "Unhandled Errors" section of a vitest run's output, without colours, if any. */
function unhandledErrors(output: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const start = plain.search(/⎯+ Unhandled (Errors|Rejection)/);
  if (start < 0) return '';
  const end = plain.indexOf(' Test Files ', start);
  return plain
    .slice(start, end < 0 ? start + 2000 : end)
    .trim()
    .slice(0, 2000);
}

function banner(title: string): void {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

async function check(name: string, cmd: string, args: readonly string[]): Promise<void> {
  banner(name);
  const code = await run(cmd, args);
  if (code === 0) total.passed += 1;
  else {
    total.failed += 1;
    failures.push(name);
  }
}

function add(name: string, t: Tally, exitCode: number): void {
  total.passed += t.passed;
  total.failed += t.failed;
  total.skipped += t.skipped;
  if (t.failed > 0) failures.push(`${name}: ${t.failed} failed`);
  else if (exitCode !== 0) {
    // A runner that failed outside any test (config error, crashed setup) still fails the run.
    total.failed += 1;
    failures.push(`${name}: exited with code ${exitCode}`);
  } else if (t.passed + t.skipped === 0) {
    total.failed += 1;
    failures.push(`${name}: ran no test`);
  }
}

async function vitest(name: string, projects: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  banner(name);
  const out = join(RESULTS, `${name.replace(/\W+/g, '-')}.json`);
  rmSync(out, { force: true });
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p])];
  args.push('--reporter=default', '--reporter=json', `--outputFile.json=${out}`);
  const output = { text: '' };
  const code = await run('npx', args, env, output);
  let t: Tally = { passed: 0, failed: 0, skipped: 0 };
  const named = failedTests.length;
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults?: {
        name: string;
        status?: string;
        message?: string;
        assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
      }[];
    };
    t = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    // Name every failed test in the summary: CI logs are often read from the tail only.
    for (const file of r.testResults ?? []) {
      const path = file.name.replace(process.cwd() + '/', '');
      // A file can fail with all its tests passed: a timed-out afterAll, a failed import.
      if (file.status === 'failed' && file.message)
        failedTests.push(
          `${name} › ${path} (the file itself)\n    ${file.message.split('\n')[0]?.slice(0, 300) ?? ''}`,
        );
      for (const a of file.assertionResults ?? [])
        if (a.status === 'failed') {
          const first = (a.failureMessages?.[0] ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
          failedTests.push(`${name} › ${path} › ${a.fullName}\n    ${first.slice(0, 300)}`);
        }
    }
  }
  const unhandled = code !== 0 ? unhandledErrors(output.text) : '';
  if (unhandled) failedTests.push(`${name} › ${unhandled.replace(/\n/g, '\n    ')}`);
  else if (code !== 0 && failedTests.length === named)
    failedTests.push(
      `${name} › exited ${code}; the last output:\n    ${output.text.slice(-1500).replace(/\n/g, '\n    ')}`,
    );
  add(name, t, code);
}

function denoEntrypoints(): string[] {
  const root = 'supabase/functions';
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(root, d.name, 'index.ts')))
    .map((d) => join(root, d.name, 'index.ts'));
}

async function pg15Integration(): Promise<void> {
  const have = existsSync('/usr/lib/postgresql/15/bin/postgres');
  if (!ci && process.env['TEST_PG15'] !== '1') {
    console.log('\nIntegration on PostgreSQL 15: run in CI only (set TEST_PG15=1 to run it here).');
    return;
  }
  if (!have) {
    banner('integration (PostgreSQL 15 + pg_cron)');
    console.log('PostgreSQL 15 is not installed: apt-get install postgresql-15 postgresql-15-cron');
    total.failed += 1;
    failures.push('integration (PostgreSQL 15): server not installed');
    return;
  }
  const { startPg15 } = await import('./pg15.ts');
  const pg = await startPg15();
  try {
    await vitest('integration (PostgreSQL 15 + pg_cron)', ['integration'], { DATABASE_URL: pg.url });
  } finally {
    await pg.stop();
  }
}

async function e2e(): Promise<void> {
  banner('e2e (Playwright, Chromium)');
  if (!findChromium()) {
    if (ci) {
      console.log(
        'CI=true and no Chromium: install it with `apt-get install chromium` or set PLAYWRIGHT_CHROMIUM_PATH.',
      );
      total.failed += 1;
      failures.push('e2e: no Chromium in CI');
    } else {
      console.log(INSTALL_HINT);
      total.skipped += 1;
    }
    return;
  }
  // The stack's keys are deterministic (supabase/local/keys.ts); the app talks to its own origin.
  const { makeKeys } = await import('../supabase/local/keys.ts');
  const build = await run('npx', ['vite', 'build', '--logLevel', 'warn'], {
    VITE_SUPABASE_ANON_KEY: makeKeys().anonKey,
    VITE_SUPABASE_URL: '',
  });
  if (build !== 0) {
    total.failed += 1;
    failures.push('e2e: vite build failed');
    return;
  }
  const out = join(RESULTS, 'e2e.json');
  rmSync(out, { force: true });
  const code = await run('npx', ['playwright', 'test']);
  let t: Tally = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(out)) {
    interface Suite {
      title: string;
      specs?: { title: string; ok: boolean; tests?: { results?: { error?: { message?: string } }[] }[] }[];
      suites?: Suite[];
    }
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      stats: Record<string, number>;
      suites?: Suite[];
    };
    const walk = (suite: Suite, path: string): void => {
      for (const spec of suite.specs ?? [])
        if (!spec.ok) {
          const msg = spec.tests?.[0]?.results?.at(-1)?.error?.message ?? '';
          failedTests.push(`e2e › ${path} › ${spec.title}\n    ${msg.split('\n')[0]?.slice(0, 300) ?? ''}`);
        }
      for (const child of suite.suites ?? []) walk(child, `${path} › ${child.title}`);
    };
    for (const suite of report.suites ?? []) walk(suite, suite.title);
    const s = report.stats;
    t = {
      passed: (s['expected'] ?? 0) + (s['flaky'] ?? 0),
      failed: s['unexpected'] ?? 0,
      skipped: s['skipped'] ?? 0,
    };
  }
  add('e2e', t, code);
}

async function main(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  if (want('typecheck')) {
    await check('typecheck (tsc -b)', 'npx', ['tsc', '-b']);
    const fns = denoEntrypoints();
    if (fns.length > 0)
      await check('typecheck (deno check, edge functions)', 'npx', ['deno', 'check', '--quiet', ...fns]);
  }
  if (want('lint')) await check('lint (eslint)', 'npx', ['eslint', '.', '--max-warnings=0']);
  if (want('format'))
    await check('format (prettier --check)', 'npx', ['prettier', '--check', '--log-level=warn', '.']);
  if (want('unit')) await vitest('unit, property, dom', ['unit', 'property', 'dom']);
  if (want('integration')) {
    const target = process.env['DATABASE_URL'] ? 'DATABASE_URL' : 'embedded PostgreSQL 17';
    await vitest(`integration (${target})`, ['integration']);
    await pg15Integration();
  }
  if (want('e2e')) await e2e();

  banner('summary');
  for (const f of failedTests) console.log(`✗ ${f}`);
  for (const f of failures) console.log(`FAILED: ${f}`);
  const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
  console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
  process.exitCode = total.failed > 0 ? 1 : 0;
}

await main();
