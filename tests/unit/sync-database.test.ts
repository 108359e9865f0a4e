// The per-user database on RxDB's Dexie storage (fake-indexeddb in Node): documents
// survive a reopen with the same scope, and a role/scope change (another scope_version in
// the token) wipes the old slice before anything is shown. Replication itself is tested on
// the memory storage (ARCHITECTURE §6), see tests/integration/sync-rxdb.test.ts.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { openUserDatabase, type SyncScope } from '../../web/data/sync-database.ts';

const storage = () => getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }) as never;
const regional: SyncScope = {
  userId: 'u-1',
  role: 'REGIONAL_MANAGER',
  storeId: undefined,
  regionId: 'NORTH',
  scopeVersion: 1,
};

describe('per-user sync database', () => {
  it('keeps documents across a reopen with the same scope and wipes them on a scope change', async () => {
    const s = storage();
    let db = await openUserDatabase(regional, s, { multiInstance: false });
    await db.collections['inventory_levels']!.insert({
      id: 'S2|ATTA-5',
      store_id: 'S2',
      sku: 'ATTA-5',
      quantity: 3,
    });
    await db.close();

    db = await openUserDatabase(regional, s, { multiInstance: false });
    expect(await db.collections['inventory_levels']!.count().exec()).toBe(1);
    await db.close();

    const demoted: SyncScope = {
      ...regional,
      role: 'STORE_MANAGER',
      storeId: 'S1',
      regionId: undefined,
      scopeVersion: 2,
    };
    db = await openUserDatabase(demoted, s, { multiInstance: false });
    expect(await db.collections['inventory_levels']!.count().exec()).toBe(0);
    expect(db.collections['sales_series']).toBeDefined();
    expect(db.collections['store_sales']).toBeUndefined();
    await db.remove();
  }, 60_000); // opens ~10 Dexie collections on fake-indexeddb three times: slow on a loaded machine
});
