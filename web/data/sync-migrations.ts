// Schema migration strategies per collection, keyed by the version they migrate to. All
// collections are at version 0; when a shape changes, bump its version in
// shared/sync/schemas.ts and add `n: (oldDoc) => newDoc` here. Pulled documents always
// come in the newest shape, so a strategy only has to carry local, unpushed changes.
import type { CollectionName } from '#shared/sync/schemas.ts';

export type MigrationStrategy = (oldDoc: Record<string, unknown>) => Record<string, unknown> | null;

export const MIGRATION_STRATEGIES: Readonly<
  Record<CollectionName, Readonly<Record<number, MigrationStrategy>>>
> = {
  catalog: {},
  inventory_levels: {},
  inventory_thresholds: {},
  alerts: {},
  alert_notes: {},
  stock_counts: {},
  sales_series: {},
  hourly_sales: {},
  store_sales: {},
  region_sales: {},
  forecasts: {},
  competitor_prices: {},
};
