// ingest-inventory and ingest-competitor-prices through the real stack: counts move the
// level by one COUNT movement (Properties 5, 8), replays are no-ops, conflicts are 409s,
// stock and pricing alerts (Properties 4, 14) are raised once per scope and hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestWorld, type IngestWorld } from './ingest-harness.ts';

let w: IngestWorld;
const AT = Date.now() - 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  w = await startIngestWorld();
}, 120_000);
afterAll(async () => {
  await w?.stop();
});

const count = (sku: string, quantity: number, at: number, store = 'S2') => ({
  sku,
  storeId: store,
  quantity,
  timestamp: iso(at),
  source: 'erp.main',
});

describe('ingest-inventory', () => {
  it('sets the level to the newest count through one movement and keeps level = Σ movements', async () => {
    const res = await w.post(
      'ingest-inventory',
      [count('RICE-1', 5, AT), count('RICE-1', 7, AT + 1000)],
      w.erp.key,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2 });
    expect(
      await w.count(
        `select quantity n from public.inventory_levels where store_id = 'S2' and sku = 'RICE-1'`,
      ),
    ).toBe(7);
    expect(
      await w.count(`select (select quantity from public.inventory_levels where store_id = 'S2' and sku = 'RICE-1')
                          - (select sum(quantity) from public.inventory_movements where store_id = 'S2' and sku = 'RICE-1') n`),
    ).toBe(0);
    // 7 <= reorder threshold 10: one LOW_STOCK alert.
    expect(
      await w.count(`select count(*) n from public.alerts where type = 'LOW_STOCK' and store_id = 'S2'`),
    ).toBe(1);
    // An older count arriving late is recorded but does not move the level.
    const late = await w.post('ingest-inventory', count('RICE-1', 500, AT - 60_000), w.erp.key);
    expect(late.body).toMatchObject({ accepted: 1 });
    expect(
      await w.count(
        `select quantity n from public.inventory_levels where store_id = 'S2' and sku = 'RICE-1'`,
      ),
    ).toBe(7);
  });

  it('treats a repeated count as a no-op and a different quantity for it as a 409', async () => {
    const movements = await w.count(`select count(*) n from public.inventory_movements`);
    const again = await w.post(
      'ingest-inventory',
      [count('RICE-1', 7, AT + 1000), count('DAL-1', 6000, AT)],
      w.erp.key,
    );
    expect(again.body).toMatchObject({ accepted: 1, duplicates: ['S2/RICE-1'] });
    expect(
      await w.count(`select count(*) n from public.alerts where type = 'OVERSTOCK' and sku = 'DAL-1'`),
    ).toBe(1);
    const conflict = await w.post('ingest-inventory', count('RICE-1', 8, AT + 1000), w.erp.key);
    expect(conflict.status).toBe(409);
    expect(String(conflict.body['message'])).toContain('S2/RICE-1@');
    expect(await w.count(`select count(*) n from public.inventory_movements`)).toBe(movements + 1);
  });

  it('names every bad field and dead-letters the record', async () => {
    const res = await w.post(
      'ingest-inventory',
      [{ sku: 'RICE-1', storeId: 'S2', quantity: -3, source: 'erp.main' }],
      w.erp.key,
    );
    expect(res.status).toBe(400);
    expect((res.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'quantity',
      'timestamp',
    ]);
    expect(
      await w.count(`select count(*) n from public.ingestion_dead_letters where kind = 'INVENTORY'`),
    ).toBe(1);
  });
});

describe('ingest-competitor-prices', () => {
  const price = (sku: string, p: number, at: number, competitorId = 'DMART') => ({
    sku,
    competitorId,
    price: p,
    timestamp: iso(at),
    source: 'feed.prices',
    regionId: 'NORTH',
  });

  it('records observations, raises one PRICING alert per SKU and region past its threshold', async () => {
    await w.stack.adminPool.query(
      `insert into public.pricing_thresholds (sku, max_difference) values ('MILK-1', 2)`,
    );
    const res = await w.post(
      'ingest-competitor-prices',
      [price('MILK-1', 55, AT), price('MILK-1', 50, AT, 'RELIANCE'), price('RICE-1', 119, AT)],
      w.feed.key,
    );
    expect(res.status).toBe(200);
    expect(await w.count(`select count(*) n from public.competitor_prices`)).toBe(3);
    // Property 14: difference = our 60 − their 50 = 10 > threshold 2; RICE-1 (1 < 5% of 120) raises none.
    const { rows } = await w.stack.adminPool.query(
      `select sku, region_id, details from public.alerts where type = 'PRICING'`,
    );
    expect(rows).toEqual([
      {
        sku: 'MILK-1',
        region_id: 'NORTH',
        details: expect.objectContaining({ priceDifference: 10, competitorId: 'RELIANCE' }),
      },
    ]);
    const later = await w.post('ingest-competitor-prices', price('MILK-1', 40, AT + 1000), w.feed.key);
    expect(later.status).toBe(200);
    expect(await w.count(`select count(*) n from public.alerts where type = 'PRICING'`)).toBe(1);
  });

  it('is idempotent per observation and refuses a changed price for it', async () => {
    const dup = await w.post('ingest-competitor-prices', price('MILK-1', 55, AT), w.feed.key);
    expect(dup.body).toMatchObject({ accepted: 0, duplicates: ['DMART/MILK-1'] });
    const conflict = await w.post('ingest-competitor-prices', price('MILK-1', 54, AT), w.feed.key);
    expect(conflict.status).toBe(409);
    expect(await w.count(`select count(*) n from public.competitor_prices`)).toBe(4);
  });

  it('needs a region for a feed that is not bound to a store and a known competitor', async () => {
    const { regionId: _omitted, ...noRegion } = price('SOAP-1', 30, AT);
    const res = await w.post(
      'ingest-competitor-prices',
      [noRegion, price('SOAP-1', 30, AT, 'NOBODY')],
      w.feed.key,
    );
    expect(res.status).toBe(400);
    expect(
      (res.body['errors'] as { index: number; field: string }[]).map((e) => `${e.index}:${e.field}`),
    ).toEqual(['0:regionId', '1:competitorId']);
  });
});
