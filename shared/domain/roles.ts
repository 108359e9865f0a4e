// Application roles (Property 28) and the scope each one carries.

export const ROLES = [
  'ADMIN',
  'REGIONAL_MANAGER',
  'STORE_MANAGER',
  'SUPPLY_CHAIN_USER',
  'BUSINESS_ANALYST',
  'EXECUTIVE',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A role with its scope: a store for store managers, a region for regional managers. */
export type RoleScope =
  | { readonly role: 'STORE_MANAGER'; readonly storeId: string }
  | { readonly role: 'REGIONAL_MANAGER'; readonly regionId: string }
  | { readonly role: Exclude<Role, 'STORE_MANAGER' | 'REGIONAL_MANAGER'> };

export type ScopeResult =
  { readonly ok: true; readonly scope: RoleScope } | { readonly ok: false; readonly error: string };

/** Validates a role assignment as the database does (profiles_scope_matches_role_check). */
export function parseRoleScope(role: unknown, storeId: string | null, regionId: string | null): ScopeResult {
  if (!isRole(role)) {
    return { ok: false, error: `invalid role "${String(role)}": expected one of ${ROLES.join(', ')}` };
  }
  if (role === 'STORE_MANAGER') {
    return storeId !== null && regionId === null
      ? { ok: true, scope: { role, storeId } }
      : { ok: false, error: 'a STORE_MANAGER needs a store_id and no region_id' };
  }
  if (role === 'REGIONAL_MANAGER') {
    return regionId !== null && storeId === null
      ? { ok: true, scope: { role, regionId } }
      : { ok: false, error: 'a REGIONAL_MANAGER needs a region_id and no store_id' };
  }
  return storeId === null && regionId === null
    ? { ok: true, scope: { role } }
    : { ok: false, error: `role ${role} is chain-wide: store_id and region_id must be empty` };
}

/** Scope claims the custom access token hook adds to every token. */
export interface ScopeClaims {
  readonly user_role: Role;
  readonly store_id: string | null;
  readonly region_id: string | null;
  readonly scope_version: number;
}
