// The RxDB client (web/data/sync-*.ts) against the local stack through supabase-js, on
// RxDB's memory storage (ARCHITECTURE §6: Dexie on fake-indexeddb never finishes the
// initial replication in Node; the Dexie path is covered in Chromium by e2e/sync.spec.ts).
// Offline is simulated at the RPC seam: the client's fetches fail like a dropped network.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import fc from 'fast-check';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, firstValueFrom, timeout } from 'rxjs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../shared/sync/schemas.ts';
import { startSync, type SyncEngine } from '../../web/data/sync-engine.ts';
import { supabaseSyncRpc, type SyncRpc } from '../../web/data/sync-rpc.ts';
import { useSyncStatus } from '../../web/data/sync-status.store.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { arrangeChain, waitForHorizon } from './sync-harness.ts';

process.env['AUTH_BCRYPT_COST'] = '4';
const PASSWORD = 'Monsoon-Sale-2026!';
const opts = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
};

let stack: TestStack;
const engines: SyncEngine[] = [];

async function user(email: string, role: string, store: string | null, region: string | null) {
  const admin = createClient(stack.url, stack.serviceRoleKey, opts);
  const { data, error } = await admin.auth.admin.createUser({
    email,
    password: PASSWORD,
    email_confirm: true,
  });
  if (error) throw error;
  await stack.adminPool.query(
    `insert into public.profiles (user_id, email, role, store_id, region_id) values ($1, $2, $3, $4, $5)`,
    [data.user.id, email, role, store, region],
  );
  const client = createClient(stack.url, stack.anonKey, opts);
  const signed = await client.auth.signInWithPassword({ email, password: PASSWORD });
  if (signed.error) throw signed.error;
  return { id: data.user.id, client, role, store, region };
}

/** An RPC seam that fails like a dropped connection while `offline` is set. */
function switchable(client: SupabaseClient): SyncRpc & { offline: boolean } {
  const real = supabaseSyncRpc(client);
  const s = {
    offline: false,
    pull: (c: string, cp: Parameters<SyncRpc['pull']>[1], l: number) =>
      s.offline ? Promise.reject(new TypeError('fetch failed')) : real.pull(c, cp, l),
    push: (c: string, rows: Parameters<SyncRpc['push']>[1]) =>
      s.offline ? Promise.reject(new TypeError('fetch failed')) : real.push(c, rows),
  };
  return s;
}

type U = Awaited<ReturnType<typeof user>>;
const storage = getRxStorageMemory();

/** Pull and push until in sync, once every earlier transaction of the cluster has ended. */
async function settled(e: SyncEngine): Promise<void> {
  await waitForHorizon(stack.adminPool);
  await e.syncNow();
}

async function engineFor(
  u: U,
  rpc: SyncRpc,
  realtime?: SupabaseClient,
  onResyncRequired?: (collection: string) => void,
  only?: readonly CollectionName[],
): Promise<SyncEngine> {
  const e = await startSync({
    scope: {
      userId: u.id,
      role: u.role as never,
      storeId: u.store ?? undefined,
      regionId: u.region ?? undefined,
      scopeVersion: 1,
    },
    storage: storage as never,
    rpc,
    ...(realtime === undefined ? {} : { realtime }),
    ...(onResyncRequired === undefined ? {} : { onResyncRequired }),
    ...(only === undefined ? {} : { only }),
    now: () => 0,
    multiInstance: false,
    retryTimeMs: 20,
    // Short, fixed push backoff: reconnects are simulated at the RPC seam, without the
    // browser's "online" event that wakes a waiting retry in the app.
    pushBackoff: { baseMs: 10, capMs: 40 },
    random: () => 0.5,
    fallbackMs: 3_600_000,
  });
  engines.push(e);
  return e;
}

let sm: U;
let rm: U;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeChain(stack);
  sm = await user('sync-sm@t.in', 'STORE_MANAGER', 'S1', null);
  rm = await user('sync-rm@t.in', 'REGIONAL_MANAGER', null, 'NORTH');
}, 60_000);
afterAll(async () => {
  for (const e of engines) await e.stop().catch(() => {});
  for (const u of [sm, rm]) {
    await u?.client.removeAllChannels();
    u?.client.realtime.disconnect();
  }
  await stack?.stop();
});

describe('RxDB replication on memory storage', () => {
  it('pulls the role slice on start', async () => {
    await waitForHorizon(stack.adminPool);
    const e = await engineFor(sm, switchable(sm.client));
    await e.awaitInitial();
    const levels = await e.db.collections['inventory_levels']!.find().exec();
    expect(levels.map((d) => d.primary).sort()).toEqual(['S1|ATTA-5', 'S1|DAL-1']);
    const series = await e.db.collections['sales_series']!.findOne('S1|ATTA-5').exec();
    expect((series?.get('units') as number[]).length).toBe(90);
    expect(e.db.collections['store_sales']).toBeUndefined();
    await e.stop();
    engines.splice(engines.indexOf(e), 1);
  });

  it('a stock count written offline survives a reload and reaches the server exactly once', async () => {
    const rpc = switchable(sm.client);
    rpc.offline = true;
    const first = await engineFor(sm, rpc);
    const id = '66666666-6666-4666-8666-666666666666';
    await first.db.collections['stock_counts']!.insert({
      id,
      store_id: 'S1',
      sku: 'ATTA-5',
      counted_quantity: 31,
    });
    expect(await first.flush(100)).toBe(false); // offline: nothing could be pushed
    expect(useSyncStatus.getState().pending['stock_counts']).toBe(1);
    await first.stop(); // "reload": the database stays, the replication restarts
    engines.splice(engines.indexOf(first), 1);
    rpc.offline = false;
    const second = await engineFor(sm, rpc);
    expect(await second.flush(20_000)).toBe(true);
    expect(useSyncStatus.getState().pending['stock_counts']).toBe(0);
    await settled(second);
    const { rows } = await stack.adminPool.query(
      `select (select count(*)::int from public.stock_counts where id = $1) as counts,
              (select count(*)::int from public.inventory_movements where client_id = $1) as moves,
              (select quantity::float from public.inventory_levels where store_id = 'S1' and sku = 'ATTA-5') as level`,
      [id],
    );
    expect(rows).toEqual([{ counts: 1, moves: 1, level: 31 }]);
    const local = await second.db.collections['stock_counts']!.findOne(id).exec();
    expect(local?.get('adjustment')).toBe(-19); // the server's version replaced the local one
  });

  it('converges after offline edits of the same threshold, whatever the reconnect order (master wins)', async () => {
    const rpcA = switchable(sm.client);
    const rpcB = switchable(rm.client);
    for (const e of engines.splice(0)) await e.stop();
    // Two clients in one process: only the collection under test (RxDB's open-source build
    // allows 13 open collections per JavaScript realm).
    const a = await engineFor(sm, rpcA, undefined, undefined, ['inventory_thresholds']);
    const b = await engineFor(rm, rpcB, undefined, undefined, ['inventory_thresholds']);
    await settled(a);
    await settled(b);
    let round = 0;
    const RUNS = Number(process.env['SYNC_RUNS'] ?? 100);
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        async (aFirst, va, vb) => {
          round += 1;
          const log = process.env['SYNC_DEBUG'] ? console.log : () => {};
          log('round', round, aFirst, va, vb);
          const id = 'S1|DAL-1';
          const base = {
            id,
            store_id: 'S1',
            sku: 'DAL-1',
            reorder_threshold: 0,
            overstock_threshold: 1_000_000,
          };
          const ta = a.db.collections['inventory_thresholds']!;
          const tb = b.db.collections['inventory_thresholds']!;
          // Both devices hold the same master version before going offline.
          await ta.upsert({ ...base, reorder_threshold: round * 100 });
          log('base written');
          await settled(a);
          log('a synced');
          await settled(b);
          log('b synced');
          rpcA.offline = true;
          rpcB.offline = true;
          await ta.upsert({ ...(await ta.findOne(id).exec())!.toMutableJSON(), reorder_threshold: va });
          await tb.upsert({ ...(await tb.findOne(id).exec())!.toMutableJSON(), reorder_threshold: vb + 50 });
          const [first, second] = aFirst
            ? ([
                [a, rpcA],
                [b, rpcB],
              ] as const)
            : ([
                [b, rpcB],
                [a, rpcA],
              ] as const);
          first[1].offline = false;
          await settled(first[0]);
          log('first synced');
          second[1].offline = false;
          await settled(second[0]);
          log('second synced');
          await settled(first[0]);
          log('first synced again');
          const { rows } = await stack.adminPool.query<{ r: number }>(
            `select reorder_threshold::float as r from public.inventory_thresholds where store_id = 'S1' and sku = 'DAL-1'`,
          );
          const expected = aFirst ? va : vb + 50; // the first to reach the server wins
          expect(rows).toEqual([{ r: expected }]);
          expect((await ta.findOne(id).exec())?.get('reorder_threshold')).toBe(expected);
          expect((await tb.findOne(id).exec())?.get('reorder_threshold')).toBe(expected);
        },
      ),
      { numRuns: RUNS, seed: 20261204 },
    );
    const lost = useSyncStatus.getState().rejected.filter((r) => r.code === 'CONFLICT');
    expect(lost.length).toBeGreaterThanOrEqual(RUNS); // every round loses exactly one edit
  }, 300_000);

  it('pulls on a live nudge from the private scope channel', async () => {
    for (const e of engines.splice(0)) await e.stop();
    const e = await engineFor(sm, switchable(sm.client), sm.client);
    await e.awaitInitial();
    // No event tells when the channel has joined: bounded polling on its state.
    for (
      let i = 0;
      !sm.client.getChannels().some((c) => c.topic === 'realtime:scope:store:S1' && c.state === 'joined');
      i++
    ) {
      if (i > 200) throw new Error('the scope channel never joined');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const { rows } = await stack.adminPool
      .query<{ q: number }>(
        `insert into public.inventory_movements (store_id, sku, quantity, reason, source)
         values ('S1', 'DAL-1', 5, 'RECEIPT', 'test');
       select quantity::float as q from public.inventory_levels where store_id = 'S1' and sku = 'DAL-1'`,
      )
      .then((r) => (r as unknown as { rows: { q: number }[] }[])[1]!);
    await waitForHorizon(stack.adminPool);
    await stack.adminPool.query(
      `select realtime.send('{"tables":["inventory_levels"]}', 'changed', 'scope:store:S1', true)`,
    );
    const doc = await firstValueFrom(
      e.db.collections['inventory_levels']!.findOne('S1|DAL-1').$.pipe(
        filter((d) => d?.get('quantity') === rows[0]!.q),
        timeout(30_000),
      ),
    );
    expect(doc?.get('quantity')).toBe(rows[0]!.q);
  });

  it('asks for a wipe and resync when the checkpoint is older than the tombstone horizon', async () => {
    for (const e of engines.splice(0)) await e.stop();
    const asked: string[] = [];
    const e = await engineFor(sm, switchable(sm.client), undefined, (c) => asked.push(c));
    await e.awaitInitial();
    expect(asked).toEqual([]);
    await stack.adminPool.query(
      `update private.sync_collections set tombstone_horizon = pg_current_xact_id() where name = 'alerts'`,
    );
    await settled(e);
    expect(asked).toEqual(['alerts']);
  });
});
