// The sync engine without a server (a fake RPC seam, RxDB memory storage, which keeps a
// database's documents across close and reopen like IndexedDB across a reload):
//   * freshness survives a reload: last-synced times are hydrated from the database;
//   * the pending count after a reload comes from what the replication still has to push;
//   * transient push failures retry with backoff and each row reaches the server once;
//   * a push refused as a whole (permission) lists every row once and is not retried;
//   * a collection counts as synced only once the pulled documents are on the device.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpoint, PullResponse, PushResponse, PushRow } from '../../shared/sync/protocol.ts';
import type { CollectionName } from '../../shared/sync/schemas.ts';
import { startSync, type SyncEngine } from '../../web/data/sync-engine.ts';
import { SyncRpcError, type SyncRpc } from '../../web/data/sync-rpc.ts';
import { useSyncStatus } from '../../web/data/sync-status.store.ts';

const T1 = Date.UTC(2026, 11, 3, 9, 30);
const ONLY: readonly CollectionName[] = ['inventory_thresholds', 'stock_counts'];

/** A server stand-in: pulls return nothing new, pushes are recorded once applied. */
function fakeServer() {
  const s = {
    offline: false,
    failPushes: 0,
    fatal: undefined as SyncRpcError | undefined,
    pushCalls: 0,
    applied: [] as { collection: string; id: string }[],
    async pull(_c: string, cp: Checkpoint | null): Promise<PullResponse> {
      if (s.offline) throw new TypeError('fetch failed');
      return { documents: [], checkpoint: cp, resyncRequired: false };
    },
    async push(collection: string, rows: readonly PushRow[]): Promise<PushResponse> {
      s.pushCalls++;
      if (s.offline) throw new TypeError('fetch failed');
      if (s.fatal) throw s.fatal;
      if (s.failPushes > 0) {
        s.failPushes--;
        throw new SyncRpcError('sync_push: could not serialize access', '40001', 500);
      }
      for (const r of rows) s.applied.push({ collection, id: r.newDocumentState['id'] as string });
      return { conflicts: [], rejected: [] };
    },
  };
  return s;
}

let storage = getRxStorageMemory();
const engines: SyncEngine[] = [];
let userN = 0;
let userId = '';

async function open(rpc: SyncRpc, extra: Partial<Parameters<typeof startSync>[0]> = {}): Promise<SyncEngine> {
  const e = await startSync({
    scope: { userId, role: 'STORE_MANAGER', storeId: 'S1', regionId: 'NORTH', scopeVersion: 1 },
    storage: storage as never,
    rpc,
    now: () => T1,
    multiInstance: false,
    only: ONLY,
    retryTimeMs: 20,
    random: () => 0.01,
    fallbackMs: 3_600_000,
    ...extra,
  });
  engines.push(e);
  return e;
}

async function until(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(() => {
  storage = getRxStorageMemory();
  userId = `u-${++userN}`;
  useSyncStatus.getState().reset();
});
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop().catch(() => undefined);
});

const count = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  store_id: 'S1',
  sku: `SKU-${n}`,
  counted_quantity: n,
});

describe('sync engine state across a reload', () => {
  it('shows how old the data is and how many changes wait, after an offline reload', async () => {
    const server = fakeServer();
    const a = await open(server);
    await a.awaitInitial();
    expect(useSyncStatus.getState().lastSyncedAt).toEqual({ inventory_thresholds: T1, stock_counts: T1 });
    server.offline = true;
    await a.db.collections['stock_counts']!.bulkInsert([count(1), count(2)]);
    await a.db.collections['inventory_thresholds']!.insert({
      id: 'S1|SKU-1',
      store_id: 'S1',
      sku: 'SKU-1',
      reorder_threshold: 5,
      overstock_threshold: 50,
    });
    await a.refreshPending();
    expect(useSyncStatus.getState().pending).toEqual({ stock_counts: 2, inventory_thresholds: 1 });
    await a.stop();

    // The reload: a fresh status store, the same database, still offline.
    useSyncStatus.getState().reset();
    const b = await open(server, { now: () => T1 + 3_600_000 });
    expect(useSyncStatus.getState().lastSyncedAt).toEqual({ inventory_thresholds: T1, stock_counts: T1 });
    await b.refreshPending();
    expect(useSyncStatus.getState().pending).toEqual({ stock_counts: 2, inventory_thresholds: 1 });

    // Back online: everything reaches the server exactly once and nothing is pending.
    server.offline = false;
    globalThis.dispatchEvent?.(new Event('online'));
    expect(await b.flush(10_000)).toBe(true);
    await b.refreshPending();
    expect(useSyncStatus.getState().pending).toEqual({ stock_counts: 0, inventory_thresholds: 0 });
    expect(server.applied.map((r) => r.id).sort()).toEqual(['S1|SKU-1', count(1).id, count(2).id].sort());
    await b.syncNow();
    expect(useSyncStatus.getState().lastSyncedAt['stock_counts']).toBe(T1 + 3_600_000);
  });
});

describe('push retries', () => {
  it('retries transient failures with growing full-jitter delays until one succeeds', async () => {
    // random 0.004: ceilings 1 s, 2 s, 4 s give 4, 8, 16 ms, so the test stays fast.
    const server2 = fakeServer();
    server2.failPushes = 3;
    const retries2: { attempt: number; delay: number }[] = [];
    const f = await open(server2, {
      random: () => 0.004,
      onPushRetry: (_c, attempt, delay) => retries2.push({ attempt, delay }),
    });
    await f.awaitInitial();
    await f.db.collections['stock_counts']!.insert(count(7));
    expect(await f.flush(10_000)).toBe(true);
    expect(retries2).toEqual([
      { attempt: 0, delay: 4 },
      { attempt: 1, delay: 8 },
      { attempt: 2, delay: 16 },
    ]);
    expect(server2.applied).toEqual([{ collection: 'stock_counts', id: count(7).id }]);
    expect(useSyncStatus.getState().lastError?.message).toMatch(/^transient: .*serialize/);
    expect(useSyncStatus.getState().rejected).toEqual([]);

    // Reset on success: the next failure starts again from attempt 0.
    server2.failPushes = 1;
    await f.db.collections['stock_counts']!.insert(count(8));
    expect(await f.flush(10_000)).toBe(true);
    expect(retries2.at(-1)).toEqual({ attempt: 0, delay: 4 });
  });

  it('lists a batch refused for permission once, reverts it locally and never retries it', async () => {
    const server = fakeServer();
    server.fatal = new SyncRpcError('sync_push: permission denied for table stock_counts', '42501', 403);
    const retries: number[] = [];
    const e = await open(server, { onPushRetry: (_c, attempt) => retries.push(attempt) });
    await e.awaitInitial();
    await e.db.collections['stock_counts']!.bulkInsert([count(3), count(4)]);
    await until(() => useSyncStatus.getState().rejected.length === 2, 'the rejected list');
    expect(await e.flush(10_000)).toBe(true);
    const calls = server.pushCalls;
    expect(calls).toBe(1);
    expect(retries).toEqual([]);
    expect(useSyncStatus.getState().rejected.map((r) => [r.id, r.code])).toEqual([
      [count(3).id, '42501'],
      [count(4).id, '42501'],
    ]);
    expect(useSyncStatus.getState().rejected[0]!.reason).toMatch(/permission denied/);
    // New rows the server refused are removed from the device (the master has none).
    await until(async () => (await e.db.collections['stock_counts']!.count().exec()) === 0, 'the revert');
    await e.refreshPending();
    expect(useSyncStatus.getState().pending['stock_counts']).toBe(0);
    await e.syncNow();
    expect(server.pushCalls).toBe(calls);
  });
});

describe('freshness tells the truth', () => {
  it('marks a collection synced only after its pulled documents are written to the device', async () => {
    // A storage whose inventory_thresholds writes wait at a gate: the pull has answered,
    // RxDB is writing the page, and the screen must not yet say "Updated just now".
    const base = getRxStorageMemory();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let writeWaiting = false;
    storage = {
      name: base.name,
      rxdbVersion: base.rxdbVersion,
      async createStorageInstance(params: Parameters<typeof base.createStorageInstance>[0]) {
        const inst = await base.createStorageInstance(params);
        if (params.collectionName !== 'inventory_thresholds') return inst;
        const write = inst.bulkWrite.bind(inst);
        inst.bulkWrite = async (rows, context) => {
          writeWaiting = true;
          await gate;
          return write(rows, context);
        };
        return inst;
      },
    } as typeof base;
    const server = fakeServer();
    const pull = server.pull;
    server.pull = async (c, cp) =>
      c === 'inventory_thresholds' && cp === null
        ? {
            documents: [
              {
                id: 'S1|SKU-1',
                store_id: 'S1',
                sku: 'SKU-1',
                reorder_threshold: 5,
                overstock_threshold: 50,
                _deleted: false,
              },
            ],
            checkpoint: { xid: '10', seq: 1 },
            resyncRequired: false,
          }
        : pull(c, cp);
    const e = await open(server);
    await until(() => writeWaiting, 'the pulled page being written');
    expect(useSyncStatus.getState().lastSyncedAt['inventory_thresholds']).toBeUndefined();
    release();
    await e.awaitInitial();
    await until(
      () => useSyncStatus.getState().lastSyncedAt['inventory_thresholds'] === T1,
      'the synced mark',
    );
    expect(await e.db.collections['inventory_thresholds']!.count().exec()).toBe(1);
  });
});

describe('deferred collections', () => {
  /** A server whose first inventory_thresholds pull waits at a gate; records pulls in order. */
  function gatedServer() {
    const server = fakeServer();
    const pulls: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const pull = server.pull;
    server.pull = async (c, cp) => {
      pulls.push(c);
      if (c === 'inventory_thresholds' && cp === null) await gate;
      return pull(c, cp);
    };
    return { server, pulls, release };
  }

  it('start pulling only after the opening collections had their first pull', async () => {
    const { server, pulls, release } = gatedServer();
    const e = await open(server, {
      only: ['inventory_thresholds', 'competitor_prices'],
      deferCapMs: 3_600_000,
    });
    await until(() => pulls.includes('inventory_thresholds'), 'the first pull');
    // competitor_prices (deferred) waits while the opening collection is still pulling
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    expect(pulls).not.toContain('competitor_prices');
    release();
    await e.awaitInitial();
    expect(pulls.indexOf('competitor_prices')).toBeGreaterThan(pulls.indexOf('inventory_thresholds'));
    expect(useSyncStatus.getState().lastSyncedAt['competitor_prices']).toBe(T1);
  });

  it('start anyway after the cap when the opening collections are stuck', async () => {
    const { server, pulls } = gatedServer();
    await open(server, { only: ['inventory_thresholds', 'competitor_prices'], deferCapMs: 20 });
    await until(() => pulls.includes('competitor_prices'), 'the deferred pull after the cap');
    expect(useSyncStatus.getState().lastSyncedAt['inventory_thresholds']).toBeUndefined();
  });
});
