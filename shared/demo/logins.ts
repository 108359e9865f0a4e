// Demo logins, one or more per role, with passwords meeting the policy (≥ 12 characters,
// lower and upper case, digit, symbol). Demo only: printed by `npm start`, listed in the README.
import type { Role } from '../domain/roles.ts';
import type { DemoWorld } from './demo-world.ts';

export interface DemoLogin {
  readonly role: Role;
  readonly email: string;
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly storeId: string | null;
  readonly regionId: string | null;
}

export function demoLogins(world: DemoWorld): DemoLogin[] {
  const metro = world.stores.find((s) => s.tier === 'TIER_1') ?? world.stores[0];
  const rural = world.stores.find((s) => s.tier === 'RURAL');
  const logins: DemoLogin[] = [
    {
      role: 'ADMIN',
      email: 'admin@demo.bharatretail.in',
      password: 'Admin#Demo2026!',
      firstName: 'Anita',
      lastName: 'Rao',
      storeId: null,
      regionId: null,
    },
    {
      role: 'EXECUTIVE',
      email: 'ceo@demo.bharatretail.in',
      password: 'Exec#Demo2026!',
      firstName: 'Vikram',
      lastName: 'Mehta',
      storeId: null,
      regionId: null,
    },
    {
      role: 'BUSINESS_ANALYST',
      email: 'analyst@demo.bharatretail.in',
      password: 'Analyst#Demo2026!',
      firstName: 'Priya',
      lastName: 'Nair',
      storeId: null,
      regionId: null,
    },
    {
      role: 'SUPPLY_CHAIN_USER',
      email: 'supply@demo.bharatretail.in',
      password: 'Supply#Demo2026!',
      firstName: 'Arjun',
      lastName: 'Singh',
      storeId: null,
      regionId: null,
    },
    {
      role: 'REGIONAL_MANAGER',
      email: 'rm.north@demo.bharatretail.in',
      password: 'North#Demo2026!',
      firstName: 'Harpreet',
      lastName: 'Kaur',
      storeId: null,
      regionId: metro?.regionId ?? 'NORTH',
    },
  ];
  if (metro) {
    logins.push({
      role: 'STORE_MANAGER',
      email: 'store.metro@demo.bharatretail.in',
      password: 'Metro#Store2026!',
      firstName: 'Rahul',
      lastName: 'Sharma',
      storeId: metro.id,
      regionId: null,
    });
  }
  if (rural) {
    logins.push({
      role: 'STORE_MANAGER',
      email: 'store.rural@demo.bharatretail.in',
      password: 'Rural#Store2026!',
      firstName: 'Lakshmi',
      lastName: 'Devi',
      storeId: rural.id,
      regionId: null,
    });
  }
  return logins;
}
