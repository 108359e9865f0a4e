// Nudge routing: a realtime nudge names the changed tables, and each collection pulls only
// when they feed it; anything unknown pulls everything (a skipped pull only waits for the
// next nudge, a wrongly skipped one would leave data stale until the fallback timer).
import { describe, expect, it } from 'vitest';
import { collectionsForRole, nudgeConcerns } from '../../shared/sync/collections.ts';
import { tablesOf } from '../../web/data/sync-nudges.ts';

const pulled = (role: Parameters<typeof collectionsForRole>[0], tables: readonly string[] | undefined) =>
  collectionsForRole(role)
    .filter((d) => nudgeConcerns(d, tables))
    .map((d) => d.name);

describe('nudge routing', () => {
  it('reads the tables a nudge names, in either payload shape', () => {
    expect(tablesOf({ source: 'ingest', tables: ['inventory_levels', 'alerts'] })).toEqual([
      'inventory_levels',
      'alerts',
    ]);
    expect(tablesOf({ table: 'alerts' })).toEqual(['alerts']);
    expect(tablesOf({ tables: [1] })).toBeUndefined();
    expect(tablesOf(null)).toBeUndefined();
    expect(tablesOf('changed')).toBeUndefined();
  });

  it('pulls for a POS batch only the collections its tables feed', () => {
    const pos = [
      'transactions',
      'sales_store_hour',
      'sales_store_day_category',
      'sales_region_day_category',
      'sales_sku_store_day',
      'inventory_levels',
      'alerts',
    ];
    const sm = pulled('STORE_MANAGER', pos);
    expect(sm).toEqual(
      expect.arrayContaining(['inventory_levels', 'alerts', 'sales_series', 'hourly_sales']),
    );
    expect(sm).not.toContain('catalog');
    expect(sm).not.toContain('competitor_prices');
    expect(sm).not.toContain('inventory_thresholds');
    expect(pulled('EXECUTIVE', pos)).toContain('region_sales');
    expect(pulled('REGIONAL_MANAGER', ['competitor_prices', 'alerts'])).toEqual(
      expect.arrayContaining(['competitor_prices', 'alerts']),
    );
  });

  it('pulls everything for a nudge without tables or naming an unknown table', () => {
    const all = collectionsForRole('STORE_MANAGER').map((d) => d.name);
    expect(pulled('STORE_MANAGER', undefined)).toEqual(all);
    expect(pulled('STORE_MANAGER', ['some_new_table'])).toEqual(all);
  });
});
