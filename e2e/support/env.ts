// What the global setup hands the test workers (global-setup.ts sets these).
import pg from 'pg';
import type { PosDevice } from './fixture.ts';

function need(name: string): string {
  const v = process.env[name];
  if (v === undefined || v === '')
    throw new Error(`${name} is not set: run the specs through playwright.config.ts`);
  return v;
}

export const baseUrl = (): string => need('E2E_BASE_URL');
export const webRoot = (): string => need('E2E_WEB_ROOT');

export function posDevice(storeId: string): PosDevice {
  const devices = JSON.parse(need('E2E_POS_DEVICES')) as PosDevice[];
  const d = devices.find((x) => x.storeId === storeId);
  if (d === undefined) throw new Error(`no e2e POS device for store ${storeId}`);
  return d;
}

/** A superuser connection to the e2e database, for asserting on what the server holds. */
export async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: need('E2E_DATABASE_URL') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
