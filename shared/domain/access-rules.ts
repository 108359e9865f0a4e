// Who may read and write which rows: the specification the RLS policies implement
// (Property 29). Pure, so the property test can compute the expected visible set for any
// viewer and row and compare it with what Postgres returns.
import type { Role } from './roles.ts';

export const OPERATIONS = ['select', 'insert', 'update', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The caller as policies see it. `role` is null when the token is stale or has no valid profile. */
export interface Viewer {
  readonly userId: string;
  readonly role: Role | null;
  readonly storeId: string | null;
  readonly regionId: string | null;
  /** Stores of the viewer's region (regional managers), from master data. */
  readonly regionStoreIds: ReadonlySet<string>;
}

/** The row attributes the rules depend on. */
export interface AccessRow {
  readonly storeId?: string | null;
  readonly regionId?: string | null;
  readonly userId?: string | null;
  readonly alertType?: string;
  /** alert_history: whether the viewer sees the parent alert. */
  readonly parentVisible?: boolean;
}

type Rule = (v: Viewer, r: AccessRow) => boolean;

const never: Rule = () => false;
const roleIn =
  (...roles: Role[]): Rule =>
  (v) =>
    v.role !== null && roles.includes(v.role);
const anyRole: Rule = (v) => v.role !== null;
const or =
  (...rules: Rule[]): Rule =>
  (v, r) =>
    rules.some((rule) => rule(v, r));

/** Store managers: their store; regional managers: their region's stores. */
export const inStoreScope: Rule = (v, r) => {
  if (r.storeId == null) return false;
  if (v.role === 'STORE_MANAGER') return r.storeId === v.storeId;
  if (v.role === 'REGIONAL_MANAGER') return v.regionStoreIds.has(r.storeId);
  return false;
};
const inRegionScope: Rule = (v, r) =>
  (v.role === 'STORE_MANAGER' || v.role === 'REGIONAL_MANAGER') &&
  r.regionId != null &&
  r.regionId === v.regionId;
const self: Rule = (v, r) => v.role !== null && r.userId === v.userId;

const admin = roleIn('ADMIN');
const chainReaders = roleIn('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER');
const stockStaff = or(roleIn('ADMIN', 'SUPPLY_CHAIN_USER'), inStoreScope);
const storeStaff = or(admin, inStoreScope);
const adminWrites = { insert: admin, update: admin, delete: admin } as const;
const readOnly = { insert: never, update: never, delete: never } as const;
const alertScope = or(
  admin,
  inStoreScope,
  (v, r) => v.role === 'REGIONAL_MANAGER' && r.regionId != null && r.regionId === v.regionId,
  (v, r) => v.role === 'SUPPLY_CHAIN_USER' && (r.alertType === 'LOW_STOCK' || r.alertType === 'OVERSTOCK'),
);

export const ACCESS_RULES = {
  regions: { select: or(chainReaders, inRegionScope), ...adminWrites },
  stores: { select: or(chainReaders, inStoreScope), ...adminWrites },
  products: { select: anyRole, ...adminWrites },
  warehouses: { select: anyRole, ...adminWrites },
  competitors: { select: anyRole, ...adminWrites },
  profiles: { select: or(admin, self), ...adminWrites },
  devices: { select: admin, ...adminWrites },
  customers: { select: storeStaff, ...readOnly },
  transactions: { select: storeStaff, ...readOnly },
  transaction_items: { select: storeStaff, ...readOnly },
  inventory_movements: { select: stockStaff, insert: stockStaff, update: never, delete: never },
  inventory_levels: { select: stockStaff, ...readOnly },
  competitor_prices: { select: or(chainReaders, inRegionScope), ...readOnly },
  sales_store_hour: {
    select: or(roleIn('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST'), inStoreScope),
    ...readOnly,
  },
  sales_store_day: {
    select: or(roleIn('ADMIN', 'EXECUTIVE', 'BUSINESS_ANALYST'), inStoreScope),
    ...readOnly,
  },
  sales_store_day_category: { select: or(chainReaders, inStoreScope), ...readOnly },
  sales_region_day_category: { select: or(chainReaders, inRegionScope), ...readOnly },
  sales_sku_store_day: {
    select: or(roleIn('ADMIN', 'BUSINESS_ANALYST', 'SUPPLY_CHAIN_USER'), inStoreScope),
    ...readOnly,
  },
  inventory_thresholds: { select: stockStaff, insert: stockStaff, update: stockStaff, delete: stockStaff },
  alert_configurations: {
    select: or(admin, self),
    insert: or(admin, self),
    update: or(admin, self),
    delete: or(admin, self),
  },
  alerts: { select: alertScope, insert: never, update: alertScope, delete: never },
  alert_history: {
    select: (_v, r) => r.parentVisible === true,
    insert: (v, r) => r.parentVisible === true && r.userId === v.userId,
    update: never,
    delete: never,
  },
  audit_log: { select: admin, ...readOnly },
  ingestion_dead_letters: { select: admin, ...readOnly },
} as const satisfies Record<string, Record<Operation, Rule>>;

export type ScopedTable = keyof typeof ACCESS_RULES;
export const SCOPED_TABLES = Object.keys(ACCESS_RULES) as ScopedTable[];

/** Property 29: whether `viewer` may perform `op` on `row` of `table`. */
export function canAccess(viewer: Viewer, table: ScopedTable, op: Operation, row: AccessRow): boolean {
  return ACCESS_RULES[table][op](viewer, row);
}
