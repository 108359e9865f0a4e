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
}

const STORE: readonly Role[] = ['STORE_MANAGER', 'REGIONAL_MANAGER'];
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
  { name: 'catalog', writes: 'readonly', roles: EVERYONE },
  { name: 'inventory_levels', writes: 'readonly', roles: STORE },
  { name: 'inventory_thresholds', writes: 'cas', roles: STORE },
  { name: 'alerts', writes: 'readonly', roles: STORE },
  { name: 'alert_notes', writes: 'append', roles: STORE },
  { name: 'stock_counts', writes: 'append', roles: STORE },
  { name: 'sales_series', writes: 'readonly', roles: ['STORE_MANAGER'] },
  { name: 'hourly_sales', writes: 'readonly', roles: ['STORE_MANAGER'] },
  { name: 'store_daily', writes: 'readonly', roles: ['REGIONAL_MANAGER'] },
  { name: 'region_daily', writes: 'readonly', roles: ['EXECUTIVE', 'BUSINESS_ANALYST', 'ADMIN'] },
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

export function schemaOf(name: CollectionName): (typeof SCHEMAS)[CollectionName] {
  return SCHEMAS[name];
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
