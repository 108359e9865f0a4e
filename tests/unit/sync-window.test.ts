// Documents that age out of the sync window leave the device (shared/sync/window.ts):
// the server sends the last 90 IST days of hourly sales and never deletes older ones.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { collectionsForRole } from '../../shared/sync/collections.ts';
import { SYNC_WINDOW_DAYS, windowCutoff } from '../../shared/sync/window.ts';
import { openUserDatabase } from '../../web/data/sync-database.ts';
import { pruneOutsideWindow } from '../../web/data/sync-window.ts';

// 12:00 IST on 3 Dec 2026: the window's first IST day is 5 Sep (3 Dec − 89).
const NOW = Date.parse('2026-12-03T06:30:00Z');
let close: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('the sync window on the device', () => {
  it('starts a day before the window’s first IST day, whatever offset a timestamp carries', () => {
    expect(SYNC_WINDOW_DAYS).toBe(90);
    expect(windowCutoff(NOW)).toBe('2026-09-04');
    // 00:30 IST on 4 Dec is already 4 Dec in India: the window moved on by a day.
    expect(windowCutoff(Date.parse('2026-12-03T19:00:00Z'))).toBe('2026-09-05');
  });

  it('removes the hours that aged out of the window and keeps the rest and other collections', async () => {
    const scope = {
      userId: 'u-w',
      role: 'STORE_MANAGER',
      storeId: 'S1',
      regionId: undefined,
      scopeVersion: 1,
    } as const;
    const db = await openUserDatabase(scope, getRxStorageMemory(), {
      multiInstance: false,
      only: ['hourly_sales', 'catalog'],
    });
    close = () => db.remove();
    const hour = (at: string) => ({
      id: `S1|${at}`,
      store_id: 'S1',
      hour_start: at,
      revenue: 10,
      units: 1,
      transaction_count: 1,
    });
    await db.collections['hourly_sales']!.bulkInsert([
      hour('2026-06-01T04:30:00+00:00'), // months ago
      hour('2026-09-03T12:30:00+00:00'), // two days before the window
      hour('2026-09-04T18:30:00+00:00'), // 00:00 IST on 5 Sep: the window's first hour
      hour('2026-12-03T05:30:00+00:00'), // today
    ]);
    await db.collections['catalog']!.insert({ id: 'store:S1', kind: 'store', code: 'S1', name: 'Old Delhi' });
    const defs = collectionsForRole('STORE_MANAGER', ['hourly_sales', 'catalog']);
    expect(await pruneOutsideWindow(db, defs, NOW)).toBe(2);
    const left = await db.collections['hourly_sales']!.find().exec();
    expect(left.map((d) => d.get('hour_start') as string).sort()).toEqual([
      '2026-09-04T18:30:00+00:00',
      '2026-12-03T05:30:00+00:00',
    ]);
    expect(await db.collections['catalog']!.count().exec()).toBe(1);
    expect(await pruneOutsideWindow(db, defs, NOW)).toBe(0);
  });
});
