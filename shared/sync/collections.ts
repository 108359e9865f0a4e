// Which collections each role keeps on the device (the role's slice) and how each accepts
// writes. Mirrors the role checks in the pull functions (migrations 20261204000400/500):
// a role not listed here gets an empty collection from the server anyway.
import { SCHEMAS, type CollectionName } from './schemas.ts';

export type Role =
  'ADMIN' | 'REGIONAL_MANAGER' | 'STORE_MANAGER' | 'SUPPLY_CHAIN_USER' | 'BUSINESS_ANALYST' | 'EXECUTIVE';

/** readonly: pulled only; cas: edits pushed with the assumed master state; append: events by client UUID. */
export type WriteMode = 'readonly' | 'cas' | 'append';

export interface CollectionDef {
  readonly name: CollectionName;
  readonly writes: WriteMode;
  readonly roles: readonly Role[];
  /**
   * Tables whose change a realtime nudge names (`tables` in its payload) that feed this
   * collection. Without it the collection pulls on every nudge.
   */
  readonly sources?: readonly string[];
  /**
   * Large and not on the opening screen (for every role, or for the roles listed): its
   * first pull starts once the role's other collections have had theirs (or after a few
   * seconds), so on a slow link it does not compete with the numbers the user opened the
   * app for. See isDeferred.
   */
  readonly deferred?: boolean | readonly Role[];
  /**
   * The document field (an ISO date or timestamp) that places it in the sync window: the
   * server sends the last SYNC_WINDOW_DAYS only, and documents that age out of it are
   * removed from the device (window.ts), or a phone open for a year would hold every hour.
   */
  readonly windowField?: string;
}

const STORE: readonly Role[] = ['STORE_MANAGER', 'REGIONAL_MANAGER'];
const ALERTED: readonly Role[] = [...STORE, 'ADMIN', 'SUPPLY_CHAIN_USER'];
const EVERYONE: readonly Role[] = [
  'ADMIN',
  'REGIONAL_MANAGER',
  'STORE_MANAGER',
  'SUPPLY_CHAIN_USER',
  'BUSINESS_ANALYST',
  'EXECUTIVE',
];

export const COLLECTIONS: readonly CollectionDef[] = [
  // Regions, stores and products (RLS narrows stores and regions to the caller's scope).
  // RxDB's open-source build allows 13 open collections per JavaScript realm (a tab): keep
  // every role's slice well under that (master data shares one collection for this reason).
  { name: 'catalog', writes: 'readonly', roles: EVERYONE, sources: ['regions', 'stores', 'products'] },
  {
    name: 'inventory_levels',
    writes: 'readonly',
    roles: STORE,
    sources: ['inventory_levels', 'inventory_movements'],
  },
  { name: 'inventory_thresholds', writes: 'cas', roles: STORE, sources: ['inventory_thresholds'] },
  // Admins: the chain-level alerts (integration, backup, system: no store); supply-chain
  // users: every store's stock alerts (20261206001200).
  { name: 'alerts', writes: 'readonly', roles: ALERTED, sources: ['alerts', 'alert_history'] },
  { name: 'alert_notes', writes: 'append', roles: ALERTED, sources: ['alerts', 'alert_history'] },
  { name: 'stock_counts', writes: 'append', roles: STORE, sources: ['stock_counts', 'inventory_counts'] },
  { name: 'sales_series', writes: 'readonly', roles: ['STORE_MANAGER'], sources: ['sales_sku_store_day'] },
  {
    name: 'hourly_sales',
    writes: 'readonly',
    roles: ['STORE_MANAGER'],
    sources: ['sales_store_hour'],
    windowField: 'hour_start',
  },
  // Packs of the window's days per store/region × category, plus '*' whole-day totals (20261206000800)
  // read from sales_store_day (20261206000700). Ingestion writes that in the same transaction as
  // sales_store_hour and its nudges name the hourly table, so that source wakes the pull.
  {
    name: 'store_sales',
    writes: 'readonly',
    // Chain roles too, for the region → store drill (20261206000800); they open on regions.
    roles: ['REGIONAL_MANAGER', 'EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN'],
    deferred: ['EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN'],
    sources: ['sales_store_day_category', 'sales_store_hour'],
  },
  {
    name: 'region_sales',
    writes: 'readonly',
    roles: ['EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN'],
    sources: ['sales_region_day_category', 'sales_store_hour'],
  },
  // Latest price per competitor × SKU in the manager's region (20261206000400).
  {
    name: 'competitor_prices',
    writes: 'readonly',
    roles: STORE,
    sources: ['competitor_prices'],
    deferred: true,
  },
  // Store managers: their SKUs' forecasts; regional managers: region×SKU aggregates (20261206000510).
  // Written nightly, never nudged: the periodic pull brings them.
  {
    name: 'forecasts',
    writes: 'readonly',
    roles: ['STORE_MANAGER', 'REGIONAL_MANAGER'],
    sources: ['forecasts', 'region_forecasts'],
    deferred: true,
  },
];

/**
 * The role's slice. `only` narrows it to some collections (tests that open two clients in
 * one process: RxDB's open-source build allows 13 open collections per JavaScript realm).
 */
export function collectionsForRole(
  role: Role | undefined,
  only?: readonly CollectionName[],
): readonly CollectionDef[] {
  if (role === undefined) return [];
  return COLLECTIONS.filter((c) => c.roles.includes(role) && (only === undefined || only.includes(c.name)));
}

/** Whether `def`'s first pull waits for the role's opening collections. */
export function isDeferred(def: CollectionDef, role: Role | undefined): boolean {
  if (def.deferred === undefined || def.deferred === false) return false;
  if (def.deferred === true) return true;
  return role !== undefined && def.deferred.includes(role);
}

export function schemaOf(name: CollectionName): (typeof SCHEMAS)[CollectionName] {
  return SCHEMAS[name];
}

/** Tables nudges name that feed no synced collection (raw POS transactions). */
const UNSYNCED_SOURCES: readonly string[] = ['transactions'];

/**
 * Whether a nudge naming `tables` (undefined: it names none) should make `def` pull.
 * Conservative: a nudge without tables, or naming a table no collection declares, pulls
 * everything; a collection without `sources` pulls on every nudge. A skipped pull only
 * waits for the next nudge: checkpoints guarantee nothing is missed.
 */
export function nudgeConcerns(def: CollectionDef, tables: readonly string[] | undefined): boolean {
  if (tables === undefined || def.sources === undefined) return true;
  const known = new Set([...UNSYNCED_SOURCES, ...COLLECTIONS.flatMap((c) => c.sources ?? [])]);
  if (tables.some((t) => !known.has(t))) return true;
  return def.sources.some((t) => tables.includes(t));
}

/** Realtime topics whose nudges concern this scope (ARCHITECTURE §6, one per ingest batch). */
export function scopeTopics(scope: {
  readonly role: Role | undefined;
  readonly storeId: string | undefined;
  readonly regionId: string | undefined;
}): string[] {
  if (scope.role === 'STORE_MANAGER' && scope.storeId !== undefined) return [`scope:store:${scope.storeId}`];
  if (scope.role === 'REGIONAL_MANAGER' && scope.regionId !== undefined)
    return [`scope:region:${scope.regionId}`];
  if (scope.role === undefined) return [];
  return ['scope:chain'];
}

/** RxDB database name for a user: one database per user, so a user switch never mixes slices. */
export function databaseName(userId: string): string {
  return `brmi_${userId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}
