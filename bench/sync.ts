// Sync benchmark (issue 7). What it measures HERE, honestly labelled:
//   * initial sync per demo role: documents and wall time through the real client code
//     (web/data/sync-engine.ts: RxDB replication, supabase-js RPCs, gateway, RLS), on RxDB's
//     memory storage in Node, unthrottled — NOT yet Chromium + IndexedDB + CDP throttling
//     as the issue asks (that needs the app to start the engine; see the report);
//   * freshness: a stock movement plus its scope broadcast (what an ingest batch does) →
//     the document updated in a subscribed client's RxDB, p50/p95 over N posts.
// Usage: npx tsx bench/sync.ts [--posts 200] [--days 92]
// Uses DATABASE_URL's server if set (a scratch database), else embedded Postgres.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, firstValueFrom, timeout } from 'rxjs';
import WebSocket from 'ws';
import { buildDemoWorld, DEMO_DEFAULTS } from '../shared/demo/demo-world.ts';
import { mulberry32 } from '../shared/forecasting/rng.ts';
import { bootstrap } from '../supabase/local/db/bootstrap.ts';
import { createDatabase, dropDatabase } from '../supabase/local/db/databases.ts';
import { startEmbeddedPostgres } from '../supabase/local/db/embedded.ts';
import { migrate } from '../supabase/local/db/migrate.ts';
import { MIGRATIONS_DIR } from '../supabase/local/db/paths.ts';
import { DEMO_SEED, istNow, loadDemo } from '../supabase/local/seed.ts';
import { startStack } from '../supabase/local/stack.ts';
import { demoLogins } from '../shared/demo/logins.ts';
import { startSync } from '../web/data/sync-engine.ts';
import { supabaseSyncRpc } from '../web/data/sync-rpc.ts';

const { values } = parseArgs({
  options: { posts: { type: 'string', default: '200' }, days: { type: 'string', default: '92' } },
});
const POSTS = Number(values.posts);

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  let adminUrl = process.env['DATABASE_URL'] ?? '';
  let stopPg = async (): Promise<void> => {};
  if (adminUrl === '') {
    const dir = await mkdtemp(join(tmpdir(), 'brmi-bench-sync-'));
    const server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    adminUrl = server.url;
    stopPg = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const name = `brmi_bench_sync_${process.pid}`;
  const url = await createDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  try {
    await bootstrap(pool);
    await migrate(pool, MIGRATIONS_DIR);
    const world = buildDemoWorld(mulberry32(DEMO_SEED), {
      ...DEMO_DEFAULTS,
      days: Number(values.days),
      ...istNow(Date.now()),
    });
    await loadDemo(pool, world);
    const stack = await startStack({ databaseUrl: url, port: 0 });
    try {
      const logins = demoLogins(world);
      const opts = {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
      };
      for (const role of ['STORE_MANAGER', 'REGIONAL_MANAGER', 'EXECUTIVE'] as const) {
        const login = logins.find((l) => l.role === role);
        if (!login) throw new Error(`no demo login for ${role}`);
        const client = createClient(stack.url, stack.anonKey, opts);
        const signed = await client.auth.signInWithPassword({ email: login.email, password: login.password });
        if (signed.error) throw signed.error;
        const t = performance.now();
        const engine = await startSync({
          scope: {
            userId: signed.data.user.id,
            role,
            storeId: login.storeId ?? undefined,
            regionId: login.regionId ?? undefined,
            scopeVersion: 1,
          },
          storage: getRxStorageMemory() as never,
          rpc: supabaseSyncRpc(client),
          now: () => Date.now(),
          multiInstance: false,
          batchSize: 1000,
          fallbackMs: 3_600_000,
        });
        await engine.awaitInitial();
        const s = (performance.now() - t) / 1000;
        let docs = 0;
        for (const c of Object.values(engine.db.collections)) docs += await c.count().exec();
        console.log(
          `sync initial ${role}: ${docs} docs in ${s.toFixed(2)} s (${Math.round(docs / s)} docs/s) [Node, RxDB memory storage, unthrottled]`,
        );

        if (role === 'STORE_MANAGER') {
          await engine.stop();
          const live = await startSync({
            scope: {
              userId: signed.data.user.id,
              role,
              storeId: login.storeId ?? undefined,
              regionId: undefined,
              scopeVersion: 1,
            },
            storage: getRxStorageMemory() as never,
            rpc: supabaseSyncRpc(client),
            realtime: client,
            now: () => Date.now(),
            multiInstance: false,
            batchSize: 1000,
            fallbackMs: 3_600_000,
          });
          await live.awaitInitial();
          const topic = `realtime:scope:store:${login.storeId}`;
          for (let i = 0; !client.getChannels().some((c) => c.topic === topic && c.state === 'joined'); i++) {
            if (i > 400) throw new Error('scope channel never joined');
            await new Promise((r) => setTimeout(r, 25));
          }
          const levels = live.db.collections['inventory_levels']!;
          const sku = ((await levels.findOne().exec())?.get('sku') as string | undefined) ?? '';
          const samples: number[] = [];
          for (let i = 0; i < POSTS; i++) {
            const c = await pool.connect();
            let q = 0;
            let t0 = 0;
            try {
              await c.query('begin');
              await c.query(
                `insert into public.inventory_movements (store_id, sku, quantity, reason, source)
                 values ($1, $2, 1, 'RECEIPT', 'bench')`,
                [login.storeId, sku],
              );
              const lv = await c.query<{ q: number }>(
                `select quantity::float as q from public.inventory_levels where store_id = $1 and sku = $2`,
                [login.storeId, sku],
              );
              q = lv.rows[0]!.q;
              await c.query(`select realtime.send('{"tables":["inventory_levels"]}', 'changed', $1, true)`, [
                `scope:store:${login.storeId}`,
              ]);
              await c.query('commit');
              t0 = performance.now();
            } finally {
              c.release();
            }
            await firstValueFrom(
              levels.findOne(`${login.storeId}|${sku}`).$.pipe(
                filter((d) => d?.get('quantity') === q),
                timeout(30_000),
              ),
            );
            samples.push(performance.now() - t0);
          }
          console.log(
            `sync freshness (movement + broadcast → local RxDB doc, ${POSTS} posts): p50 ${pct(samples, 50).toFixed(0)} ms, p95 ${pct(samples, 95).toFixed(0)} ms`,
          );
          await live.flushAndWipe(1000);
        } else {
          await engine.flushAndWipe(1000);
        }
        await client.removeAllChannels();
      }
    } finally {
      await stack.stop();
    }
  } finally {
    await pool.end();
    await dropDatabase(adminUrl, name);
    await stopPg();
  }
}

await main();
