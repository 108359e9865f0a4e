// Shared set-up for the ingest tests: a test stack whose config turns verify_jwt off for
// the three ingest functions (they authenticate by x-api-key; the lead adds the same lines
// to supabase/config.toml), a small catalogue (2 regions, 3 stores, 4 SKUs with opening
// stock and thresholds, 2 competitors), one device per feed kind, and helpers to post.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import ws from 'ws';
import { loadConfig, type LocalConfig } from '../../supabase/local/config.ts';
import { signJwt } from '../../supabase/local/jwt.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

export const INGEST_FUNCTIONS = [
  'ingest-transactions',
  'ingest-inventory',
  'ingest-competitor-prices',
] as const;

export function ingestConfig(): LocalConfig {
  const base = loadConfig();
  const functions = { ...base.functions };
  for (const name of INGEST_FUNCTIONS) functions[name] = { ...functions[name], verifyJwt: false };
  return { ...base, functions };
}

export interface Device {
  readonly id: string;
  readonly key: string;
  readonly source: string;
}

export interface IngestWorld {
  readonly stack: TestStack;
  readonly pos: Device;
  readonly pos2: Device;
  readonly erp: Device;
  readonly feed: Device;
  readonly adminId: string;
  /** Stack log lines (the runner's stderr included), for diagnosing a failure. */
  readonly logs: string[];
  /** A supabase-js client signed in as an ADMIN (or any role) with a stack-signed token. */
  client(role: 'ADMIN' | 'EXECUTIVE'): Promise<SupabaseClient>;
  post(fn: string, body: unknown, key: string, headers?: Record<string, string>): Promise<Posted>;
  postRaw(fn: string, init: RequestInit): Promise<Posted>;
  count(sql: string, params?: unknown[]): Promise<number>;
  stop(): Promise<void>;
}

export interface Posted {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown>;
}

export const CATALOGUE = `
insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
insert into public.stores (id, name, region_id, tier, city, state) values
  ('S1', 'Store 1', 'NORTH', 'TIER_1', 'Delhi', 'DL'), ('S2', 'Store 2', 'NORTH', 'TIER_2', 'Agra', 'UP'),
  ('S3', 'Store 3', 'SOUTH', 'TIER_1', 'Chennai', 'TN');
insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price) values
  ('RICE-1', 'Basmati 1kg', 'Grocery', 'Rice', 'A', 120, 90), ('DAL-1', 'Toor dal 1kg', 'Grocery', 'Pulses', 'B', 150, 110),
  ('MILK-1', 'Milk 1l', 'Dairy', 'Milk', 'C', 60, 50), ('SOAP-1', 'Soap', 'Personal care', 'Soap', 'D', 40, 25);
insert into public.inventory_movements (store_id, sku, quantity, reason, source)
  select s.id, p.sku, 1000, 'OPENING', 'test' from public.stores s cross join public.products p;
insert into public.inventory_thresholds (store_id, sku, reorder_threshold, overstock_threshold)
  select s.id, p.sku, 10, 5000 from public.stores s cross join public.products p;
insert into public.competitors (id, name) values ('DMART', 'DMart'), ('RELIANCE', 'Reliance Smart');
`;

export function apiKey(): string {
  return `brmi_${randomBytes(24).toString('hex')}`;
}

export async function addDevice(
  stack: { readonly adminPool: pg.Pool },
  kind: string,
  source: string,
  storeId: string | null,
): Promise<Device> {
  const key = apiKey();
  const { rows } = await stack.adminPool.query<{ id: string }>(
    `insert into public.devices (name, kind, store_id, source, key_prefix, key_hash)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [`${kind} ${source}`, kind, storeId, source, key.slice(0, 13), createHash('sha256').update(key).digest()],
  );
  return { id: rows[0]!.id, key, source };
}

async function addUser(stack: TestStack, id: string, role: string): Promise<void> {
  await stack.adminPool.query(
    `with u as (insert into auth.users (id, aud, role, email)
                values ($1, 'authenticated', 'authenticated', $2) returning id)
     insert into public.profiles (user_id, email, role) select id, $2, $3 from u`,
    [id, `${id}@example.com`, role],
  );
}

export async function startIngestWorld(): Promise<IngestWorld> {
  const logs: string[] = [];
  const stack = await startTestStack({ config: ingestConfig(), log: (line) => logs.push(line) });
  try {
    await stack.adminPool.query(CATALOGUE);
    const pos = await addDevice(stack, 'POS', 'pos.s1', 'S1');
    const pos2 = await addDevice(stack, 'POS', 'pos.s3', 'S3');
    const erp = await addDevice(stack, 'ERP', 'erp.main', null);
    const feed = await addDevice(stack, 'PRICE_FEED', 'feed.prices', null);
    const adminId = randomUUID();
    await addUser(stack, adminId, 'ADMIN');
    async function client(role: 'ADMIN' | 'EXECUTIVE'): Promise<SupabaseClient> {
      let sub = adminId;
      if (role !== 'ADMIN') {
        sub = randomUUID();
        await addUser(stack, sub, role);
      }
      const now = Math.floor(Date.now() / 1000);
      const token = signJwt(
        {
          sub,
          aud: 'authenticated',
          role: 'authenticated',
          user_role: role,
          scope_version: 1,
          exp: now + 600,
          iat: now,
        },
        stack.jwtSecret,
      );
      return createClient(stack.url, stack.anonKey, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        realtime: { transport: ws as unknown as typeof WebSocket },
        global: { headers: { Authorization: `Bearer ${token}` } },
      });
    }
    async function postRaw(fn: string, init: RequestInit): Promise<Posted> {
      const res = await fetch(`${stack.url}/functions/v1/${fn}`, init);
      const text = await res.text();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // Non-JSON answers are asserted on `text`.
      }
      return { status: res.status, headers: res.headers, text, body };
    }
    return {
      stack,
      pos,
      pos2,
      erp,
      feed,
      adminId,
      logs,
      client,
      postRaw,
      post: (fn, body, key, headers = {}) =>
        postRaw(fn, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key, ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      async count(sql, params = []) {
        const { rows } = await stack.adminPool.query<{ n: string }>(sql, params);
        return Number(rows[0]?.n ?? 0);
      },
      stop: () => stack.stop(),
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** A valid POS transaction at `at` (epoch ms) for store S1 by default. */
export function txn(
  id: string,
  at: number,
  opts: { store?: string; source?: string; lines?: [string, number, number][] } = {},
) {
  const lines = opts.lines ?? [
    ['RICE-1', 2, 120],
    ['MILK-1', 1, 60],
  ];
  const items = lines.map(([sku, quantity, unitPrice]) => ({
    sku,
    quantity,
    unitPrice,
    totalPrice: Math.round(quantity * unitPrice * 100) / 100,
  }));
  return {
    transactionId: id,
    storeId: opts.store ?? 'S1',
    timestamp: new Date(at).toISOString(),
    items,
    totalAmount: Math.round(items.reduce((s, i) => s + i.totalPrice * 100, 0)) / 100,
    source: opts.source ?? 'pos.s1',
  };
}
