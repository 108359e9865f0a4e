// Shared arrangement for the sync tests: a small chain (two regions, three stores, two
// SKUs), users of each role, and helpers to pull and push as a user over SQL with the
// claims the access-token hook issues (RLS applies exactly as through PostgREST).
import type pg from 'pg';
import type { TestStack } from '../support/stack.ts';
import { asUser as asUserOn } from '../support/as-user.ts';

export const USERS = {
  smS1: '00000000-0000-4000-8000-0000000000a1',
  smS3: '00000000-0000-4000-8000-0000000000a2',
  rmNorth: '00000000-0000-4000-8000-0000000000a3',
  exec: '00000000-0000-4000-8000-0000000000a4',
} as const;

export const ALERT_S1 = '00000000-0000-4000-8000-0000000000b1';
export const ALERT_S3 = '00000000-0000-4000-8000-0000000000b2';

export async function arrangeChain(stack: TestStack): Promise<void> {
  await stack.adminPool.query(`
    insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
    insert into public.stores (id, name, region_id, tier, city, state) values
      ('S1', 'Delhi 1', 'NORTH', 'TIER_1', 'Delhi', 'Delhi'),
      ('S2', 'Delhi 2', 'NORTH', 'TIER_2', 'Delhi', 'Delhi'),
      ('S3', 'Chennai 1', 'SOUTH', 'TIER_1', 'Chennai', 'Tamil Nadu');
    insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price) values
      ('ATTA-5', 'Atta 5 kg', 'Staples', 'Flour', 'Aashirvaad', 260, 220),
      ('DAL-1', 'Toor dal 1 kg', 'Staples', 'Pulses', 'Tata', 160, 130);
    insert into auth.users (id, email, aud, role) values
      ('${USERS.smS1}', 'sm1@t.in', 'authenticated', 'authenticated'),
      ('${USERS.smS3}', 'sm3@t.in', 'authenticated', 'authenticated'),
      ('${USERS.rmNorth}', 'rm@t.in', 'authenticated', 'authenticated'),
      ('${USERS.exec}', 'ex@t.in', 'authenticated', 'authenticated');
    insert into public.profiles (user_id, email, role, store_id, region_id) values
      ('${USERS.smS1}', 'sm1@t.in', 'STORE_MANAGER', 'S1', null),
      ('${USERS.smS3}', 'sm3@t.in', 'STORE_MANAGER', 'S3', null),
      ('${USERS.rmNorth}', 'rm@t.in', 'REGIONAL_MANAGER', null, 'NORTH'),
      ('${USERS.exec}', 'ex@t.in', 'EXECUTIVE', null, null);
    insert into public.inventory_movements (store_id, sku, quantity, reason, source)
      select s, k, 50, 'OPENING', 'test' from unnest(array['S1', 'S2', 'S3']) s, unnest(array['ATTA-5', 'DAL-1']) k;
    insert into public.alerts (id, type, severity, store_id, region_id, sku, title, message) values
      ('${ALERT_S1}', 'LOW_STOCK', 'HIGH', 'S1', 'NORTH', 'ATTA-5', 'Low stock', 'Atta is low'),
      ('${ALERT_S3}', 'LOW_STOCK', 'HIGH', 'S3', 'SOUTH', 'ATTA-5', 'Low stock', 'Atta is low');
    insert into public.sales_sku_store_day (store_id, sku, business_date, units, revenue, transaction_count)
      select s, k, private.sync_window_start() + d, 1 + d, 10 * (1 + d), 1
        from unnest(array['S1', 'S2', 'S3']) s, unnest(array['ATTA-5', 'DAL-1']) k, generate_series(0, 89, 7) d;
    insert into public.sales_region_day_category (region_id, business_date, category, revenue, units, transaction_count)
      values ('NORTH', private.sync_window_start() + 5, 'Staples', 100, 10, 3),
             ('SOUTH', private.sync_window_start() + 5, 'Staples', 90, 9, 2);
    insert into public.sales_store_day_category (store_id, business_date, category, revenue, units, transaction_count)
      values ('S1', private.sync_window_start() + 5, 'Staples', 60, 6, 2),
             ('S3', private.sync_window_start() + 5, 'Staples', 90, 9, 2);`);
}

export type Claims = Record<string, unknown>;

/** Claims as the hook issues them for `userId` right now. */
export async function claimsFor(stack: TestStack, userId: string): Promise<Claims> {
  const client = await stack.adminPool.connect();
  try {
    await client.query('begin');
    await client.query('set local role supabase_auth_admin');
    const { rows } = await client.query<{ out: { claims: Claims } }>(
      `select public.custom_access_token_hook($1) as out`,
      [{ user_id: userId, claims: { sub: userId, role: 'authenticated', aud: 'authenticated' } }],
    );
    return rows[0]?.out.claims ?? {};
  } finally {
    await client.query('rollback');
    client.release();
  }
}

/** Runs `sql` as the user with `claims` in its own committed transaction. */
export function asUser<T extends pg.QueryResultRow>(
  stack: TestStack,
  claims: Claims,
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<T>> {
  return asUserOn<T>(stack.adminPool, claims, sql, params);
}

/**
 * Waits until every transaction that started before now has ended. The pull horizon
 * (pg_snapshot_xmin) is cluster-wide: an open transaction of another test file's database
 * (a demo load runs for minutes) holds back what sync_pull may return here. Bounded
 * polling: there is no event for "the oldest transaction ended".
 */
export async function waitForHorizon(pool: pg.Pool, timeoutMs = 240_000): Promise<void> {
  const { rows } = await pool.query<{ x: string }>('select pg_current_xact_id()::text as x');
  const mine = rows[0]!.x;
  const until = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 500)) {
    const r = await pool.query<{ ok: boolean }>(
      'select pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 as ok',
      [mine],
    );
    if (r.rows[0]?.ok) return;
    if (Date.now() > until)
      throw new Error(`transactions older than ${mine} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

export interface PullPage {
  readonly documents: Record<string, unknown>[];
  readonly checkpoint: { xid: string; seq: number } | null;
  readonly resync_required: boolean;
}

export async function pull(
  stack: TestStack,
  claims: Claims,
  collection: string,
  checkpoint: PullPage['checkpoint'],
  lim = 500,
): Promise<PullPage> {
  await waitForHorizon(stack.adminPool);
  const { rows } = await asUser<{ r: PullPage }>(stack, claims, 'select public.sync_pull($1, $2, $3) as r', [
    collection,
    checkpoint === null ? null : JSON.stringify(checkpoint),
    lim,
  ]);
  return rows[0]!.r;
}

/** Pulls until a short page; returns the live documents by id (tombstones removed). */
export async function pullAll(
  stack: TestStack,
  claims: Claims,
  collection: string,
  lim = 500,
): Promise<Map<string, Record<string, unknown>>> {
  const docs = new Map<string, Record<string, unknown>>();
  let cp: PullPage['checkpoint'] = null;
  for (;;) {
    const page = await pull(stack, claims, collection, cp, lim);
    for (const d of page.documents) {
      if (d['_deleted'] === true) docs.delete(String(d['id']));
      else docs.set(String(d['id']), d);
    }
    cp = page.checkpoint;
    if (page.documents.length < lim) return docs;
  }
}

export interface PushResult {
  readonly conflicts: Record<string, unknown>[];
  readonly rejected: { id: string; code: string; reason: string }[];
}

export async function push(
  stack: TestStack,
  claims: Claims,
  collection: string,
  rows: { newDocumentState: Record<string, unknown>; assumedMasterState?: Record<string, unknown> | null }[],
): Promise<PushResult> {
  const { rows: out } = await asUser<{ r: PushResult }>(
    stack,
    claims,
    'select public.sync_push($1, $2) as r',
    [collection, JSON.stringify(rows)],
  );
  return out[0]!.r;
}
