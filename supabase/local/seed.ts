// Placeholder until demo data lands: loads nothing.
import type pg from 'pg';

export interface SeedResult {
  readonly loaded: boolean;
  readonly logins: readonly {
    readonly role: string;
    readonly email: string;
    readonly password: string;
    readonly scope: string;
  }[];
}

export async function seedIfEmpty(_pool: pg.Pool): Promise<SeedResult> {
  return { loaded: false, logins: [] };
}
