// PWA load benchmark (issue 8), in Debian's Chromium with the CPU throttled 4× through CDP
// (Emulation.setCPUThrottlingRate), on the demo data:
//   * cold load: a new browser profile (no service worker, no IndexedDB, no HTTP cache)
//     over a throttled network (Network.emulateNetworkConditions: 1.6 Mbps down, 750 kbps
//     up, 150 ms RTT): navigation → sign-in screen, then sign-in click → the first
//     dashboard number (the Sales revenue figure), which includes the initial sync;
//   * warm load: the same profile reopened (service worker precache + IndexedDB), network
//     still throttled: navigation → the first dashboard number;
//   * JavaScript the page fetched on the cold load until the first number, raw and gzip
//     (the local server sends it uncompressed; gzip -6 is what a CDN would send).
// Targets: warm ≤ 1.5 s, cold ≤ 5 s, initial JS ≤ 300 KB gzip. One figure per line.
//
// Usage: npx tsx bench/pwa.ts [--role STORE_MANAGER] [--days 92] [--web DIR] [--runs 3]
//   --web: an already built PWA (else it is built into a temp dir with this stack's key).
// Starts an embedded Postgres in a temp dir and the stack on a free port, stops and
// removes all of it at the end.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium.ts';
import { buildDemoWorld, DEMO_DEFAULTS } from '../shared/demo/demo-world.ts';
import { demoLogins, type DemoLogin } from '../shared/demo/logins.ts';
import { mulberry32 } from '../shared/forecasting/rng.ts';
import { bootstrap } from '../supabase/local/db/bootstrap.ts';
import { startEmbeddedPostgres } from '../supabase/local/db/embedded.ts';
import { migrate } from '../supabase/local/db/migrate.ts';
import { MIGRATIONS_DIR, REPO_ROOT } from '../supabase/local/db/paths.ts';
import { makeKeys } from '../supabase/local/keys.ts';
import { DEMO_SEED, istNow, loadDemo } from '../supabase/local/seed.ts';
import { startStack } from '../supabase/local/stack.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'STORE_MANAGER' },
    days: { type: 'string', default: '92' },
    web: { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const CPU_SLOWDOWN = 4;
// Network.emulateNetworkConditions takes bytes per second and a latency in ms.
const THROTTLE = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};
// The first dashboard number: the Sales screen's revenue figure (web/features/sales/KpiTiles.tsx).
const FIRST_NUMBER = 'dl[aria-label="Key figures"] .sales-kpi-value';
// web/features/sales/FirstSyncNote.tsx
const FIRST_SYNC_NOTE = '.first-sync';
const STEP_TIMEOUT_MS = 120_000;

const log = (line: string): void => console.log(line);
const note = (line: string): void => console.error(line);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

async function buildWeb(outDir: string): Promise<void> {
  const env = { ...process.env, VITE_SUPABASE_ANON_KEY: makeKeys().anonKey, VITE_SUPABASE_URL: '' };
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), 600_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (exit ${code})`));
    });
  });
}

/** Throttles CPU and network of a page through CDP (per page: a new page starts unthrottled). */
async function throttle(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
}

/**
 * Resolves with the instant the first dashboard number shows the device's data: a digit,
 * and no first-sync note (until the slice has synced once, the tiles show zeros under
 * "Downloading sales to this device…", which are not the numbers a user waits for).
 */
async function firstNumber(page: Page): Promise<number> {
  await page.waitForFunction(
    ([kpi, note]) =>
      /\d/.test(document.querySelector(kpi)?.textContent ?? '') && document.querySelector(note) === null,
    [FIRST_NUMBER, FIRST_SYNC_NOTE] as const,
    { timeout: STEP_TIMEOUT_MS, polling: 'raf' },
  );
  return Date.now();
}

interface JsSeen {
  raw: number;
  gzip: number;
  files: number;
  /** The same, up to the moment the sign-in screen was usable (the app shell alone). */
  shell?: { raw: number; gzip: number; files: number };
}

interface Cold {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly toSignIn: number;
  readonly toNumbers: number;
  readonly js: JsSeen;
}

async function coldLoad(browser: Browser, url: string, login: DemoLogin): Promise<Cold> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener('brmi:synced', () => {
      (window as unknown as { __brmiSynced?: boolean }).__brmiSynced = true;
    });
  });
  await throttle(context, page);
  const js: JsSeen = { raw: 0, gzip: 0, files: 0 };
  let counting = true;
  const bodies: Promise<void>[] = [];
  page.on('response', (res) => {
    if (!counting || !/\.m?js(\?|$)/.test(new URL(res.url()).pathname)) return;
    bodies.push(
      res.body().then(
        (b) => {
          js.raw += b.length;
          js.gzip += gzipSync(b).length;
          js.files += 1;
        },
        () => undefined,
      ),
    );
  });
  const t0 = Date.now();
  await page.goto(`${url}/`, { timeout: STEP_TIMEOUT_MS });
  await page.getByLabel('Email').waitFor({ timeout: STEP_TIMEOUT_MS });
  const toSignIn = Date.now() - t0;
  await Promise.all(bodies);
  js.shell = { raw: js.raw, gzip: js.gzip, files: js.files };
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  const t1 = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  const toNumbers = (await firstNumber(page)) - t1;
  counting = false;
  await Promise.all(bodies);
  return { context, page, toSignIn, toNumbers, js };
}

/** Waits until the service worker controls the page's origin and the first sync finished. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(
    () => (window as unknown as { __brmiSynced?: boolean }).__brmiSynced === true,
    null,
    {
      timeout: STEP_TIMEOUT_MS,
      polling: 100,
    },
  );
}

interface Warm {
  /** Navigation → the signed-in shell's navigation (app code from the service worker). */
  readonly toShell: number;
  /** Navigation → the first dashboard number (data from IndexedDB). */
  readonly toNumbers: number;
}

async function warmLoad(context: BrowserContext, url: string): Promise<Warm> {
  const page = await context.newPage();
  await throttle(context, page);
  const t0 = Date.now();
  await page.goto(`${url}/`, { timeout: STEP_TIMEOUT_MS });
  await page.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  const toShell = Date.now() - t0;
  const toNumbers = (await firstNumber(page)) - t0;
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) note('  warm load was not served by the service worker');
  await page.close();
  return { toShell, toNumbers };
}

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (const c of cleanups.splice(0)) await c().catch((err: unknown) => note(`cleanup: ${String(err)}`));
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (executablePath === undefined)
    throw new Error('no Chromium: install Debian chromium (never downloaded here)');
  const dir = await mkdtemp(join(tmpdir(), 'brmi-bench-pwa-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  try {
    let webRoot = values.web;
    if (webRoot === undefined) {
      webRoot = join(dir, 'dist');
      const t = performance.now();
      await buildWeb(webRoot);
      note(`built the PWA in ${Math.round(performance.now() - t)} ms`);
    }
    // Embedded Postgres hands its (fresh) data dir to an unprivileged user when run as root.
    const pgDir = await mkdtemp(join(tmpdir(), 'brmi-bench-pwa-pg-'));
    cleanups.unshift(() => rm(pgDir, { recursive: true, force: true }));
    const server = await startEmbeddedPostgres({ dataDir: pgDir, port: 0 });
    cleanups.unshift(() => server.stop());
    const pool = new pg.Pool({ connectionString: server.url, max: 3 });
    cleanups.unshift(() => pool.end());
    await bootstrap(pool);
    await migrate(pool, MIGRATIONS_DIR);
    const world = buildDemoWorld(mulberry32(DEMO_SEED), {
      ...DEMO_DEFAULTS,
      days: Number(values.days),
      ...istNow(Date.now()),
    });
    const t = performance.now();
    await loadDemo(pool, world);
    note(`demo (${values.days} days) loaded in ${Math.round(performance.now() - t)} ms`);
    const stack = await startStack({ databaseUrl: server.url, port: 0, webRoot });
    cleanups.unshift(() => stack.stop());
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
    cleanups.unshift(() => browser.close());
    const login = demoLogins(world).find((l) => l.role === values.role);
    if (login === undefined) throw new Error(`no demo login for ${values.role}`);
    log(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (2 shared cores)`,
    );
    const how = `${login.role}, CPU ${CPU_SLOWDOWN}× slower, 1.6 Mbps/750 kbps/150 ms`;
    const colds: Cold[] = [];
    const warms: Warm[] = [];
    for (let i = 0; i < RUNS; i++) {
      const cold = await coldLoad(browser, stack.url, login);
      note(
        `  cold run ${i + 1}: sign-in screen ${secs(cold.toSignIn)}, numbers ${secs(cold.toNumbers)} after sign-in`,
      );
      colds.push(cold);
      await settle(cold.page);
      const warm = await warmLoad(cold.context, stack.url);
      note(`  warm run ${i + 1}: shell ${secs(warm.toShell)}, numbers ${secs(warm.toNumbers)}`);
      warms.push(warm);
      await cold.context.close();
    }
    const js = colds[0]!.js;
    log(
      `pwa cold load, navigation → sign-in screen (${how}): ${secs(median(colds.map((c) => c.toSignIn)))} median of ${RUNS}`,
    );
    log(
      `pwa cold load, sign-in → first dashboard numbers incl. initial sync (${how}): ${secs(median(colds.map((c) => c.toNumbers)))} median of ${RUNS}`,
    );
    log(
      `pwa cold load, total (sign-in screen + sign-in → numbers): ${secs(median(colds.map((c) => c.toSignIn + c.toNumbers)))} median of ${RUNS} (target ≤ 5 s)`,
    );
    log(
      `pwa warm load, navigation → signed-in shell (${how}): ${secs(median(warms.map((w) => w.toShell)))} median of ${RUNS}`,
    );
    log(
      `pwa warm load, navigation → first dashboard numbers (${how}): ${secs(median(warms.map((w) => w.toNumbers)))} median of ${RUNS} (target ≤ 1.5 s)`,
    );
    const shell = js.shell ?? js;
    log(
      `pwa initial JavaScript to the sign-in screen, gzip: ${kb(shell.gzip)} in ${shell.files} files (target ≤ 300 KB)`,
    );
    log(
      `pwa initial JavaScript to the sign-in screen, as sent by the local server (uncompressed): ${kb(shell.raw)}`,
    );
    log(
      `pwa JavaScript to the first dashboard numbers (shell + Sales screen + worker), gzip: ${kb(js.gzip)} in ${js.files} files`,
    );
    log(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await cleanUp();
  }
}

// Bounded: the whole run stops (after stopping what it started) at 30 minutes.
const guard = setTimeout(() => {
  note('bench/pwa.ts: exceeded 30 minutes, stopping');
  void cleanUp().finally(() => process.exit(2));
}, 30 * 60_000);
guard.unref();
await main();
