// Users the e2e setup creates; every password meets the platform policy. E2E_USER has no
// profile (no role): the shell tests need no data. The role users carry the fixture's
// scopes (fixture.ts): a store manager of S1, one of S2 (the offline test acts on S2's
// alerts, so its state never leaks into the scope test), the regional manager of NORTH
// (S1, S2), an executive (the chain) and a supply-chain user (every store's stock, online).
export const E2E_USER = { email: 'e2e.user@bharat-retail.test', password: 'E2e-Passw0rd!2026' } as const;

export interface RoleUser {
  readonly email: string;
  readonly password: string;
  readonly role: 'STORE_MANAGER' | 'REGIONAL_MANAGER' | 'EXECUTIVE' | 'SUPPLY_CHAIN_USER';
  readonly storeId: string | null;
  readonly regionId: string | null;
}

const PASSWORD = 'E2e-Passw0rd!2026';

export const STORE_MANAGER: RoleUser = {
  email: 'e2e.store.s1@bharat-retail.test',
  password: PASSWORD,
  role: 'STORE_MANAGER',
  storeId: 'S1',
  regionId: null,
};
export const OFFLINE_STORE_MANAGER: RoleUser = {
  email: 'e2e.store.s2@bharat-retail.test',
  password: PASSWORD,
  role: 'STORE_MANAGER',
  storeId: 'S2',
  regionId: null,
};
export const REGIONAL_MANAGER: RoleUser = {
  email: 'e2e.region.north@bharat-retail.test',
  password: PASSWORD,
  role: 'REGIONAL_MANAGER',
  storeId: null,
  regionId: 'NORTH',
};
export const EXECUTIVE: RoleUser = {
  email: 'e2e.executive@bharat-retail.test',
  password: PASSWORD,
  role: 'EXECUTIVE',
  storeId: null,
  regionId: null,
};

export const SUPPLY_CHAIN: RoleUser = {
  email: 'e2e.supply@bharat-retail.test',
  password: PASSWORD,
  role: 'SUPPLY_CHAIN_USER',
  storeId: null,
  regionId: null,
};

export const ROLE_USERS: readonly RoleUser[] = [
  STORE_MANAGER,
  OFFLINE_STORE_MANAGER,
  REGIONAL_MANAGER,
  EXECUTIVE,
  SUPPLY_CHAIN,
];
