// A small random "world" (regions, stores, users of every role, one row of every table per
// store/region) for the RLS property test and its mutation check. `probeViewer` runs, as
// the viewer, a select/update/delete of every table and an insert of candidate rows, all
// undone, and returns the keys each operation reached; `expectedFor` computes the same from
// shared/domain/access-rules.ts.
import fc from 'fast-check';
import type { Viewer } from '../../shared/domain/access-rules.ts';
import { ROLES, type Role } from '../../shared/domain/roles.ts';

export type TokenKind = 'current' | 'stale' | 'noProfile';
export interface WorldUser {
  readonly id: string;
  readonly role: Role;
  readonly storeId: string | null;
  readonly regionId: string | null;
  readonly active: boolean;
  readonly token: TokenKind;
}
export interface WorldAlert {
  readonly title: string;
  readonly type: string;
  readonly storeId: string | null;
  readonly regionId: string | null;
}
export interface World {
  readonly regions: readonly string[];
  readonly storeRegion: ReadonlyMap<string, string>;
  readonly users: readonly WorldUser[];
  readonly alerts: readonly WorldAlert[];
}

export const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const REGIONS = ['RA', 'RB', 'RC'];
const ALERT_TYPES = ['LOW_STOCK', 'OVERSTOCK', 'PRICING', 'SALES', 'INTEGRATION'];

export function worldArb(): fc.Arbitrary<World> {
  const stores = fc.array(fc.constantFrom(...REGIONS), { minLength: 2, maxLength: 5 });
  return stores.chain((storeRegions) => {
    const storeIds = storeRegions.map((_, i) => `S${i + 1}`);
    const storeRegion = new Map(storeIds.map((s, i) => [s, storeRegions[i] as string]));
    const user = fc.record({
      role: fc.constantFrom(...ROLES),
      store: fc.constantFrom(...storeIds),
      region: fc.constantFrom(...REGIONS),
      active: fc.constantFrom(true, true, true, false),
      token: fc.constantFrom<TokenKind>('current', 'current', 'current', 'current', 'stale', 'noProfile'),
    });
    const users = fc.array(user, { minLength: 3, maxLength: 6 }).map((us) =>
      us.map((u, i): WorldUser => ({
        id: uuid(100 + i),
        role: u.role,
        storeId: u.role === 'STORE_MANAGER' ? u.store : null,
        regionId: u.role === 'REGIONAL_MANAGER' ? u.region : null,
        active: u.active,
        token: u.token,
      })),
    );
    const alert = fc.record({
      type: fc.constantFrom(...ALERT_TYPES),
      where: fc.constantFrom('store', 'region', 'chain'),
      store: fc.constantFrom(...storeIds),
      region: fc.constantFrom(...REGIONS),
    });
    const alerts = fc.array(alert, { minLength: 1, maxLength: 5 }).map((as) =>
      as.map((a, i): WorldAlert => ({
        title: `alert-${i}`,
        type: a.type,
        storeId: a.where === 'store' ? a.store : null,
        regionId:
          a.where === 'store' ? (storeRegion.get(a.store) ?? null) : a.where === 'region' ? a.region : null,
      })),
    );
    return fc.record({ users, alerts }).map(({ users: us, alerts: al }) => ({
      regions: REGIONS,
      storeRegion,
      users: us,
      alerts: al,
    }));
  });
}

/** The viewer as policies see it: no role unless the token is current and the profile active. */
export function viewerOf(world: World, u: WorldUser): Viewer {
  const valid = u.token === 'current' && u.active;
  const regionId = u.role === 'STORE_MANAGER' ? (world.storeRegion.get(u.storeId ?? '') ?? null) : u.regionId;
  return {
    userId: u.id,
    role: valid ? u.role : null,
    storeId: u.storeId,
    regionId,
    regionStoreIds: new Set([...world.storeRegion].filter(([, r]) => r === u.regionId).map(([s]) => s)),
  };
}

export function claimsOf(world: World, u: WorldUser): Record<string, unknown> {
  return {
    sub: u.id,
    role: 'authenticated',
    user_role: u.role,
    store_id: u.storeId,
    region_id: u.role === 'STORE_MANAGER' ? world.storeRegion.get(u.storeId ?? '') : u.regionId,
    scope_version: u.token === 'stale' ? 0 : 1,
  };
}
