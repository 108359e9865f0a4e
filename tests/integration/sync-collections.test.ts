// Role-scoped collections (issue 7 §1–3): each role pulls exactly its slice through RLS,
// pushes are batched with compare-and-swap conflicts, append-only events are idempotent by
// their client UUID, the server sets time and identity, refused rows come back with a
// reason and leave nothing behind, tombstones expire into resync_required, and a scope
// change leaves no out-of-scope document after the next sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';
import {
  ALERT_S1,
  ALERT_S3,
  arrangeChain,
  claimsFor,
  pull,
  pullAll,
  push,
  USERS,
  type Claims,
} from './sync-harness.ts';

let stack: TestStack;
let sm: Claims;
let rm: Claims;
let ex: Claims;

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeChain(stack);
  [sm, rm, ex] = await Promise.all([
    claimsFor(stack, USERS.smS1),
    claimsFor(stack, USERS.rmNorth),
    claimsFor(stack, USERS.exec),
  ]);
});
afterAll(async () => {
  await stack?.stop();
});

const ids = (m: Map<string, unknown>): string[] => [...m.keys()].sort();

describe('pull: each role gets exactly its slice', () => {
  it('a store manager gets its own store only, a regional manager its region, an executive chain aggregates only', async () => {
    expect(ids(await pullAll(stack, sm, 'inventory_levels'))).toEqual(['S1|ATTA-5', 'S1|DAL-1']);
    expect(ids(await pullAll(stack, rm, 'inventory_levels'))).toEqual([
      'S1|ATTA-5',
      'S1|DAL-1',
      'S2|ATTA-5',
      'S2|DAL-1',
    ]);
    expect((await pullAll(stack, ex, 'inventory_levels')).size).toBe(0);
    expect(ids(await pullAll(stack, sm, 'alerts'))).toEqual([ALERT_S1]);
    expect(ids(await pullAll(stack, ex, 'region_sales'))).toHaveLength(2);
    expect((await pullAll(stack, sm, 'region_sales')).size).toBe(0);
    expect((await pullAll(stack, ex, 'sales_series')).size).toBe(0);
    expect(ids(await pullAll(stack, rm, 'store_sales'))).toEqual([expect.stringMatching(/^S1\|/)]);
  });

  it('catalog: every role gets the products, and the stores and regions of its scope', async () => {
    const kind = (m: Map<string, unknown>, k: string) => ids(m).filter((id) => id.startsWith(`${k}:`));
    const smCat = await pullAll(stack, sm, 'catalog');
    const rmCat = await pullAll(stack, rm, 'catalog');
    const exCat = await pullAll(stack, ex, 'catalog');
    for (const cat of [smCat, rmCat, exCat])
      expect(kind(cat, 'product')).toEqual(['product:ATTA-5', 'product:DAL-1']);
    expect(kind(smCat, 'store')).toEqual(['store:S1']);
    expect(kind(rmCat, 'store')).toEqual(['store:S1', 'store:S2']);
    expect(kind(exCat, 'store')).toEqual(['store:S1', 'store:S2', 'store:S3']);
    expect(kind(exCat, 'region')).toEqual(['region:NORTH', 'region:SOUTH']);
    const atta = smCat.get('product:ATTA-5') as Record<string, unknown>;
    expect(atta).toMatchObject({ kind: 'product', code: 'ATTA-5', category: 'Staples', unit_price: 260 });
    expect(atta).not.toHaveProperty('cost_price');
  });

  it('catalog: a deleted product reaches every role as a tombstone', async () => {
    const first = await pull(stack, sm, 'catalog', null);
    await stack.adminPool.query(
      `insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price)
       values ('GONE-1', 'Gone', 'Staples', 'Flour', 'X', 1, 1)`,
    );
    await stack.adminPool.query(`delete from public.products where sku = 'GONE-1'`);
    let cp = first.checkpoint;
    const seen: Record<string, unknown>[] = [];
    for (;;) {
      const page = await pull(stack, sm, 'catalog', cp);
      seen.push(...page.documents);
      if (page.documents.length === 0) break;
      cp = page.checkpoint;
    }
    expect(seen.filter((d) => d['id'] === 'product:GONE-1').at(-1)).toMatchObject({ _deleted: true });
    // Leave no tombstone behind for the purge test below.
    await stack.adminPool.query(`delete from private.sync_tombstones where collection = 'catalog'`);
  });

  it('packs sales as one document per SKU with 90 daily values, paged by checkpoint', async () => {
    const series = await pullAll(stack, sm, 'sales_series', 1);
    expect(ids(series)).toEqual(['S1|ATTA-5', 'S1|DAL-1']);
    const atta = series.get('S1|ATTA-5') as { units: number[]; revenue: number[] };
    expect(atta.units).toHaveLength(90);
    expect(atta.units[0]).toBe(1);
    expect(atta.units[1]).toBe(0);
    expect(atta.units[7]).toBe(8);
    expect(atta.revenue[7]).toBe(80);
  });

  it('a later change to one day re-sends that SKU pack after the checkpoint', async () => {
    const first = await pull(stack, sm, 'sales_series', null);
    await stack.adminPool.query(
      `update public.sales_sku_store_day set units = 99 where store_id = 'S1' and sku = 'DAL-1'
          and business_date = private.sync_window_start()`,
    );
    const next = await pull(stack, sm, 'sales_series', first.checkpoint);
    expect(next.documents.map((d) => d['id'])).toEqual(['S1|DAL-1']);
    expect((next.documents[0] as { units: number[] }).units[0]).toBe(99);
  });

  /** What ingestion writes beside the hours: each store's IST-day totals (sales_store_day). */
  const dayTotalsFromHours = () =>
    stack.adminPool.query(`
      insert into public.sales_store_day as d (store_id, business_date, revenue, units, transaction_count)
      select store_id, (hour_start at time zone 'Asia/Kolkata')::date, sum(revenue), sum(units), sum(transaction_count)
        from public.sales_store_hour group by 1, 2
      on conflict (store_id, business_date) do update
        set revenue = excluded.revenue, units = excluded.units, transaction_count = excluded.transaction_count
        where (d.revenue, d.units, d.transaction_count)
              is distinct from (excluded.revenue, excluded.units, excluded.transaction_count)`);

  it('packs regional and chain sales per store/region × category, with a whole-day pack from the day rollup', async () => {
    // Hours on the IST day window_start + 5 (18:30 UTC the day before is 00:00 IST), one
    // just before it (the previous IST day), and one in S3 (SOUTH).
    await stack.adminPool.query(`
      insert into public.sales_store_hour (store_id, hour_start, revenue, units, transaction_count)
      values ('S1', private.sync_window_start_at() + interval '5 days', 40, 4, 2),
             ('S1', private.sync_window_start_at() + interval '5 days 10 hours', 20, 2, 1),
             ('S1', private.sync_window_start_at() + interval '5 days' - interval '1 hour', 5, 1, 1),
             ('S3', private.sync_window_start_at() + interval '5 days', 90, 9, 2)`);
    await dayTotalsFromHours();
    type Pack = { store_id?: string; region_id?: string; category: string; start_date: string } & Record<
      'revenue' | 'units' | 'transactions',
      number[]
    >;
    const store = (await pullAll(stack, rm, 'store_sales', 1)) as Map<string, Pack>;
    expect(ids(store)).toEqual(['S1|*', 'S1|Staples']);
    const staples = store.get('S1|Staples')!;
    expect(staples).toMatchObject({ store_id: 'S1', category: 'Staples' });
    expect([staples.revenue.length, staples.units.length, staples.transactions.length]).toEqual([90, 90, 90]);
    expect([staples.revenue[5], staples.units[5], staples.transactions[5], staples.revenue[4]]).toEqual([
      60, 6, 2, 0,
    ]);
    const whole = store.get('S1|*')!;
    expect([whole.revenue[4], whole.transactions[4]]).toEqual([5, 1]);
    expect([whole.revenue[5], whole.units[5], whole.transactions[5]]).toEqual([60, 6, 3]);
    expect(whole.start_date).toBe(staples.start_date);

    const region = (await pullAll(stack, ex, 'region_sales')) as Map<string, Pack>;
    expect(ids(region)).toEqual(['NORTH|*', 'NORTH|Staples', 'SOUTH|*', 'SOUTH|Staples']);
    expect(region.get('NORTH|*')!.transactions[5]).toBe(3);
    expect(region.get('SOUTH|*')!.revenue[5]).toBe(90);
    // Other roles get nothing: a store manager reads sales_series, regional managers no chain packs.
    expect((await pullAll(stack, sm, 'store_sales')).size).toBe(0);
    expect((await pullAll(stack, rm, 'region_sales')).size).toBe(0);
    // Chain roles get the store packs too (the region → store drill), never the SKU grain.
    expect(ids(await pullAll(stack, ex, 'store_sales'))).toEqual([
      'S1|*',
      'S1|Staples',
      'S3|*',
      'S3|Staples',
    ]);

    // A late hour re-sends only that store's whole-day pack, with the new total.
    const first = await pull(stack, rm, 'store_sales', null);
    await stack.adminPool.query(`
      insert into public.sales_store_hour (store_id, hour_start, revenue, units, transaction_count)
      values ('S1', private.sync_window_start_at() + interval '5 days 11 hours', 10, 1, 1)`);
    await dayTotalsFromHours();
    const next = await pull(stack, rm, 'store_sales', first.checkpoint);
    expect(next.documents.map((d) => d['id'])).toEqual(['S1|*']);
    expect((next.documents[0] as Pack).transactions[5]).toBe(4);
  });
});

describe('admins: chain-level alerts', () => {
  it('an admin pulls the alerts without a store (integration failures), not the stores’ stock alerts, and acknowledges one', async () => {
    const ADMIN = '00000000-0000-4000-8000-0000000000a9';
    const INTEGRATION = '00000000-0000-4000-8000-0000000000b9';
    await stack.adminPool.query(`
      insert into auth.users (id, email, aud, role) values ('${ADMIN}', 'admin@t.in', 'authenticated', 'authenticated');
      insert into public.profiles (user_id, email, role, store_id, region_id) values ('${ADMIN}', 'admin@t.in', 'ADMIN', null, null);
      insert into public.alerts (id, type, severity, store_id, region_id, sku, title, message) values
        ('${INTEGRATION}', 'INTEGRATION', 'HIGH', null, null, null, 'POS feed failing', '12% of records rejected');`);
    const admin = await claimsFor(stack, ADMIN);
    expect(ids(await pullAll(stack, admin, 'alerts'))).toEqual([INTEGRATION]);
    // Store and regional managers do not get it: it is not in their scope.
    expect(ids(await pullAll(stack, sm, 'alerts'))).not.toContain(INTEGRATION);
    expect(ids(await pullAll(stack, rm, 'alerts'))).not.toContain(INTEGRATION);
    const note = {
      id: '44444444-4444-4444-8444-444444444444',
      alert_id: INTEGRATION,
      action: 'ACKNOWLEDGED',
      note: 'vendor called',
    };
    expect(
      await push(stack, admin, 'alert_notes', [{ newDocumentState: note, assumedMasterState: null }]),
    ).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect((await pullAll(stack, admin, 'alerts')).get(INTEGRATION)).toMatchObject({
      status: 'ACKNOWLEDGED',
    });
    expect([...(await pullAll(stack, admin, 'alert_notes')).keys()]).toEqual([note.id]);
  });

  it('a supply-chain user pulls every store’s stock alerts, and nothing else', async () => {
    const SUPPLY = '00000000-0000-4000-8000-0000000000aa';
    await stack.adminPool.query(`
      insert into auth.users (id, email, aud, role) values ('${SUPPLY}', 'supply@t.in', 'authenticated', 'authenticated');
      insert into public.profiles (user_id, email, role, store_id, region_id)
        values ('${SUPPLY}', 'supply@t.in', 'SUPPLY_CHAIN_USER', null, null);`);
    const supply = await claimsFor(stack, SUPPLY);
    expect(ids(await pullAll(stack, supply, 'alerts'))).toEqual([ALERT_S1, ALERT_S3].sort());
    // Notes on stock alerts only: the admin's note on the integration alert stays out.
    const notes = [...(await pullAll(stack, supply, 'alert_notes')).values()];
    expect(notes.every((n) => n['alert_id'] === ALERT_S1 || n['alert_id'] === ALERT_S3)).toBe(true);
  });
});

describe('push: thresholds with compare-and-swap', () => {
  const base = {
    id: 'S1|ATTA-5',
    store_id: 'S1',
    sku: 'ATTA-5',
    reorder_threshold: 5,
    overstock_threshold: 40,
  };

  it('applies a new threshold with server-set identity and time, and pulls it back with its rev', async () => {
    const res = await push(stack, sm, 'inventory_thresholds', [
      { newDocumentState: base, assumedMasterState: null },
    ]);
    expect(res).toEqual({ conflicts: [], rejected: [] });
    const { rows } = await stack.adminPool.query(
      `select updated_by::text, updated_at > now() - interval '1 minute' as fresh from public.inventory_thresholds
        where store_id = 'S1' and sku = 'ATTA-5'`,
    );
    expect(rows).toEqual([{ updated_by: USERS.smS1, fresh: true }]);
    const pulled = (await pullAll(stack, rm, 'inventory_thresholds')).get('S1|ATTA-5');
    expect(pulled).toMatchObject({ ...base, _deleted: false, updated_by: USERS.smS1 });
  });

  it('returns the master document when the assumed state is stale, and writes nothing', async () => {
    const master = (await pullAll(stack, sm, 'inventory_thresholds')).get('S1|ATTA-5')!;
    const win = await push(stack, rm, 'inventory_thresholds', [
      { newDocumentState: { ...master, reorder_threshold: 7 }, assumedMasterState: master },
    ]);
    expect(win).toEqual({ conflicts: [], rejected: [] });
    const lose = await push(stack, sm, 'inventory_thresholds', [
      { newDocumentState: { ...master, reorder_threshold: 9 }, assumedMasterState: master },
    ]);
    expect(lose.rejected).toEqual([]);
    expect(lose.conflicts).toEqual([expect.objectContaining({ id: 'S1|ATTA-5', reorder_threshold: 7 })]);
    const { rows } = await stack.adminPool.query(
      `select reorder_threshold::float as r from public.inventory_thresholds where store_id = 'S1' and sku = 'ATTA-5'`,
    );
    expect(rows).toEqual([{ r: 7 }]);
  });

  it('rejects out-of-scope and invalid rows with a reason, keeping the rest of the batch', async () => {
    const res = await push(stack, sm, 'inventory_thresholds', [
      { newDocumentState: { ...base, id: 'S3|ATTA-5', store_id: 'S3' }, assumedMasterState: null },
      {
        newDocumentState: { ...base, id: 'S1|DAL-1', sku: 'DAL-1', overstock_threshold: 1 },
        assumedMasterState: null,
      },
      {
        newDocumentState: { ...base, id: 'S1|DAL-1', sku: 'DAL-1', reorder_threshold: 'many' },
        assumedMasterState: null,
      },
      { newDocumentState: { ...base, id: 'S2|DAL-1' }, assumedMasterState: null },
      { newDocumentState: { ...base, id: 'S1|DAL-1', sku: 'DAL-1' }, assumedMasterState: null },
    ]);
    expect(res.conflicts).toEqual([]);
    expect(res.rejected.map((r) => [r.id, r.code])).toEqual([
      ['S3|ATTA-5', '42501'],
      ['S1|DAL-1', '23514'],
      ['S1|DAL-1', '22P02'],
      ['S2|DAL-1', '22023'],
    ]);
    expect(res.rejected[0]!.reason).toMatch(/row-level security/);
    const { rows } = await stack.adminPool.query(
      `select store_id || '|' || sku as id from public.inventory_thresholds order by 1`,
    );
    expect(rows.map((r) => r.id)).toEqual(['S1|ATTA-5', 'S1|DAL-1']);
  });

  it('a delete becomes a tombstone that other devices pull', async () => {
    const before = await pull(stack, rm, 'inventory_thresholds', null);
    const master = (await pullAll(stack, sm, 'inventory_thresholds')).get('S1|DAL-1')!;
    const res = await push(stack, sm, 'inventory_thresholds', [
      { newDocumentState: { ...master, _deleted: true }, assumedMasterState: master },
    ]);
    expect(res).toEqual({ conflicts: [], rejected: [] });
    const after = await pull(stack, rm, 'inventory_thresholds', before.checkpoint);
    expect(after.documents).toEqual([{ id: 'S1|DAL-1', _deleted: true }]);
  });

  it('refuses a push from a stale token (scope version changed) and an unknown collection', async () => {
    await expect(push(stack, { ...sm, scope_version: 999 }, 'inventory_thresholds', [])).rejects.toThrow(
      /no valid role/,
    );
    await expect(push(stack, sm, 'inventory_levels', [])).rejects.toThrow(/does not accept writes/);
    await expect(push(stack, sm, 'alert_notes', 'x' as never)).rejects.toThrow(/JSON array/);
  });
});

describe('push: append-only events are idempotent by client UUID', () => {
  const ack = {
    id: '11111111-1111-4111-8111-111111111111',
    alert_id: ALERT_S1,
    action: 'ACKNOWLEDGED',
    note: 'reordered',
  };

  it('an acknowledgement applies once, with the server as actor and clock', async () => {
    for (let i = 0; i < 2; i++) {
      expect(
        await push(stack, sm, 'alert_notes', [{ newDocumentState: ack, assumedMasterState: null }]),
      ).toEqual({
        conflicts: [],
        rejected: [],
      });
    }
    const { rows } = await stack.adminPool.query(
      `select a.status, a.acknowledged_by::text as by, (select count(*)::int from public.alert_history h where h.client_id = $1) as n
         from public.alerts a where a.id = $2`,
      [ack.id, ALERT_S1],
    );
    expect(rows).toEqual([{ status: 'ACKNOWLEDGED', by: USERS.smS1, n: 1 }]);
    expect((await pullAll(stack, rm, 'alert_notes')).get(ack.id)).toMatchObject({
      alert_id: ALERT_S1,
      action: 'ACKNOWLEDGED',
      note: 'reordered',
      actor_id: USERS.smS1,
    });
  });

  it('refuses notes on alerts outside the scope and bad actions', async () => {
    const res = await push(stack, sm, 'alert_notes', [
      { newDocumentState: { ...ack, id: '22222222-2222-4222-8222-222222222222', alert_id: ALERT_S3 } },
      { newDocumentState: { ...ack, id: '33333333-3333-4333-8333-333333333333', action: 'DELETED' } },
      { newDocumentState: { ...ack, id: 'not-a-uuid' } },
    ]);
    expect(res.rejected.map((r) => r.code)).toEqual(['42501', '22023', '22023']);
  });

  it('a stock count sets the level once, however often it is replayed', async () => {
    const count = {
      id: '44444444-4444-4444-8444-444444444444',
      store_id: 'S1',
      sku: 'DAL-1',
      counted_quantity: 42,
      counted_at: '2026-12-01T10:00:00Z',
    };
    for (let i = 0; i < 3; i++) {
      expect(
        await push(stack, sm, 'stock_counts', [{ newDocumentState: count, assumedMasterState: null }]),
      ).toEqual({
        conflicts: [],
        rejected: [],
      });
    }
    const { rows } = await stack.adminPool.query(
      `select (select quantity::float from public.inventory_levels where store_id = 'S1' and sku = 'DAL-1') as level,
              (select count(*)::int from public.inventory_movements where client_id = $1) as moves`,
      [count.id],
    );
    expect(rows).toEqual([{ level: 42, moves: 1 }]);
    expect((await pullAll(stack, sm, 'stock_counts')).get(count.id)).toMatchObject({
      adjustment: -8,
      recorded_by: USERS.smS1,
    });
    const out = await push(stack, sm, 'stock_counts', [
      { newDocumentState: { ...count, id: '55555555-5555-4555-8555-555555555555', store_id: 'S3' } },
    ]);
    expect(out.rejected).toEqual([
      expect.objectContaining({ code: '42501', reason: 'store S3 is outside your scope' }),
    ]);
  });
});

describe('tombstones and scope changes', () => {
  it('purging tombstones past retention makes older checkpoints resync', async () => {
    const old = await pull(stack, rm, 'inventory_thresholds', null);
    expect(old.checkpoint).not.toBeNull();
    // The mark maps "2026-11-01" to a transaction id after every write so far.
    const t0 = '2026-11-01T00:00:00Z';
    await stack.adminPool.query(`select private.sync_mark_xid($1)`, [t0]);
    const purge = async (days: number): Promise<number> =>
      (
        await stack.adminPool.query<{ n: number }>(
          `select private.sync_purge_tombstones($1::timestamptz + make_interval(days => $2)) as n`,
          [t0, days],
        )
      ).rows[0]!.n;
    expect(await purge(29)).toBe(0); // retention (30 days) not reached yet
    expect(await pull(stack, rm, 'inventory_thresholds', old.checkpoint)).toMatchObject({
      resync_required: false,
    });
    expect(await purge(31)).toBe(1);
    expect(await pull(stack, rm, 'inventory_thresholds', old.checkpoint)).toEqual({
      resync_required: true,
      documents: [],
      checkpoint: null,
    });
    const fresh = await pull(stack, rm, 'inventory_thresholds', null);
    expect(fresh.resync_required).toBe(false);
  });

  it('a regional manager demoted to store manager holds no out-of-scope document after the next sync', async () => {
    const collections = [
      'inventory_levels',
      'inventory_thresholds',
      'alerts',
      'alert_notes',
      'store_sales',
      'stock_counts',
    ];
    const before = await Promise.all(collections.map((c) => pullAll(stack, rm, c)));
    expect(before.some((m) => [...m.keys()].some((id) => id.startsWith('S2|')))).toBe(true);
    await stack.adminPool.query(
      `update public.profiles set role = 'STORE_MANAGER', store_id = 'S1', region_id = null where user_id = $1`,
      [USERS.rmNorth],
    );
    // The old token no longer reads anything: the client sees the new scope_version on
    // refresh, wipes and pulls again from an empty checkpoint.
    expect((await pullAll(stack, rm, 'inventory_levels')).size).toBe(0);
    const demoted = await claimsFor(stack, USERS.rmNorth);
    expect(demoted['scope_version']).not.toBe(rm['scope_version']);
    const after = await Promise.all(collections.map((c) => pullAll(stack, demoted, c)));
    const outOfScope = after.flatMap((m) =>
      [...m.values()].filter((d) => d['store_id'] !== undefined && d['store_id'] !== 'S1'),
    );
    expect(outOfScope).toEqual([]);
    expect(ids(after[0]!)).toEqual(['S1|ATTA-5', 'S1|DAL-1']);
  });
});
