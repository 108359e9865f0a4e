// ingest-transactions through the real gateway, runner and database: exactly-once facts,
// one SALE movement per line, every rollup equal to the facts (Property 1), stock alerts,
// dead letters, and the HTTP status codes of issue 6.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestWorld, txn, type IngestWorld } from './ingest-harness.ts';

const FN = 'ingest-transactions';
let w: IngestWorld;
// Timestamps are data relative to the wall clock: the runner validates against its own now.
const AT = Date.now() - 3_600_000;

beforeAll(async () => {
  w = await startIngestWorld();
}, 120_000);
afterAll(async () => {
  await w?.stop();
});

describe('ingest-transactions', () => {
  it('accepts a batch and keeps facts, movements, levels and every rollup consistent', async () => {
    const batch = [txn('T-1', AT), txn('T-2', AT + 1000, { lines: [['DAL-1', 3, 150]] })];
    const res = await w.post(FN, batch, w.pos.key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', accepted: 2, received: 2, rejected: 0, duplicates: [] });

    expect(await w.count(`select count(*) n from public.transactions where source = 'pos.s1'`)).toBe(2);
    expect(await w.count(`select count(*) n from public.transaction_items where store_id = 'S1'`)).toBe(3);
    expect(await w.count(`select count(*) n from public.inventory_movements where reason = 'SALE'`)).toBe(3);
    expect(
      await w.count(
        `select quantity n from public.inventory_levels where store_id = 'S1' and sku = 'RICE-1'`,
      ),
    ).toBe(998);
    // Property 1: the rollups equal the facts.
    const { rows } = await w.stack.adminPool.query(`
      select (select sum(total_amount) from public.transactions) as facts,
             (select sum(revenue) from public.sales_store_hour) as hourly,
             (select sum(line_total) from public.transaction_items) as lines,
             (select sum(revenue) from public.sales_store_day_category) as store_cat,
             (select sum(revenue) from public.sales_region_day_category) as region_cat,
             (select sum(revenue) from public.sales_sku_store_day) as sku_day,
             (select sum(transaction_count) from public.sales_store_hour) as txns`);
    expect(rows[0]).toEqual({
      facts: '750.00',
      hourly: '750.00',
      lines: '750.00',
      store_cat: '750.00',
      region_cat: '750.00',
      sku_day: '750.00',
      txns: '2',
    });
  });

  it("answers on the design's feed URL /api/v1/transactions exactly as the function does", async () => {
    const res = await fetch(`${w.stack.url}/api/v1/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': w.pos.key },
      body: JSON.stringify([txn('T-ALIAS-1', AT)]),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', accepted: 1 });
    expect(await w.count(`select count(*) n from public.transactions where external_id = 'T-ALIAS-1'`)).toBe(
      1,
    );
  });

  it('answers a replay with the original outcome and writes nothing', async () => {
    const body = JSON.stringify([txn('T-3', AT)]);
    const first = await w.post(FN, body, w.pos.key);
    const before = await w.count(`select count(*) n from public.inventory_movements`);
    const again = await w.post(FN, body, w.pos.key);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // A different body carrying an already recorded transaction: a duplicate, not a write.
    const mixed = await w.post(FN, [txn('T-3', AT), txn('T-4', AT)], w.pos.key);
    expect(mixed.body).toMatchObject({ accepted: 1, duplicates: ['T-3'] });
    expect(await w.count(`select count(*) n from public.inventory_movements`)).toBe(before + 2);
  });

  it('refuses the same id with a different payload with 409 naming the ids, writing nothing', async () => {
    const before = await w.count(`select count(*) n from public.transactions`);
    const res = await w.post(FN, [txn('T-1', AT, { lines: [['SOAP-1', 1, 40]] }), txn('T-9', AT)], w.pos.key);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', ids: ['T-1'] });
    expect(String(res.body['message'])).toContain('T-1');
    expect(await w.count(`select count(*) n from public.transactions`)).toBe(before);
  });

  it('accepts the valid records of a mixed batch and dead-letters the others with every bad field', async () => {
    const bad = {
      ...txn('T-20', AT),
      totalAmount: 1,
      items: [{ sku: 'RICE-1', quantity: -1, unitPrice: 'x' }],
    };
    const unknownSku = txn('T-21', AT, { lines: [['NOPE-1', 1, 10]] });
    const res = await w.post(FN, [txn('T-22', AT), bad, unknownSku], w.pos.key);
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({
      status: 'partial',
      code: 'VALIDATION_FAILED',
      accepted: 1,
      rejected: 2,
    });
    const fields = (res.body['errors'] as { index: number; field: string }[]).map(
      (e) => `${e.index}:${e.field}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        '1:items[0].quantity',
        '1:items[0].unitPrice',
        '1:items[0].totalPrice',
        '2:items[0].sku',
      ]),
    );
    const { rows } = await w.stack.adminPool.query(
      `select reason, raw ->> 'transactionId' as id from public.ingestion_dead_letters order by id`,
    );
    expect(rows).toEqual([
      { reason: 'VALIDATION_FAILED', id: 'T-20' },
      { reason: 'UNKNOWN_SKU', id: 'T-21' },
    ]);
    // Property 41: a validation-error rate above 5% alerts admins.
    expect(
      await w.count(`select count(*) n from public.alerts where type = 'INTEGRATION' and store_id is null`),
    ).toBe(1);
  });

  it('rejects a batch with no valid record with 400 VALIDATION_FAILED', async () => {
    const res = await w.post(FN, { transactionId: '', storeId: 'S1' }, w.pos.key);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', code: 'VALIDATION_FAILED', accepted: 0 });
    const fields = (res.body['errors'] as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['items', 'source', 'timestamp', 'totalAmount', 'transactionId']);
  });

  it('binds a POS key to its store and source', async () => {
    const res = await w.post(
      FN,
      [txn('T-30', AT, { store: 'S2' }), txn('T-31', AT, { source: 'other' })],
      w.pos.key,
    );
    expect(res.status).toBe(400);
    expect((res.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['storeId', 'source']);
  });

  it('raises one LOW_STOCK alert per SKU and store within the hour', async () => {
    const big = (id: string) => txn(id, AT, { store: 'S3', source: 'pos.s3', lines: [['SOAP-1', 495, 40]] });
    expect((await w.post(FN, [big('L-1')], w.pos2.key)).status).toBe(200);
    expect((await w.post(FN, [big('L-2')], w.pos2.key)).status).toBe(200);
    expect(
      await w.count(`select count(*) n from public.alerts where type = 'LOW_STOCK' and store_id = 'S3'`),
    ).toBe(1);
    // More than on hand: rejected as a dead letter, the level never goes negative.
    const res = await w.post(FN, [big('L-3')], w.pos2.key);
    expect(res.status).toBe(400);
    expect(res.body['errors']).toEqual([
      expect.objectContaining({
        field: 'items[0].quantity',
        message: expect.stringContaining('exceeds the stock'),
      }),
    ]);
    expect(
      await w.count(
        `select quantity n from public.inventory_levels where store_id = 'S3' and sku = 'SOAP-1'`,
      ),
    ).toBe(10);
  });

  it('sends one nudge per affected store and region topic and one chain nudge per batch', async () => {
    const topics = `select topic, count(*)::int as n from realtime.messages
                     where topic like 'scope:%' and payload ->> 'source' = 'ingest' group by topic order by topic`;
    await w.stack.adminPool.query(`delete from realtime.messages`);
    const res = await w.post(FN, [txn('N-1', AT), txn('N-2', AT), txn('N-3', AT)], w.pos.key);
    expect(res.status).toBe(200);
    const { rows } = await w.stack.adminPool.query(topics);
    expect(rows).toEqual([
      { topic: 'scope:chain', n: 1 },
      { topic: 'scope:region:NORTH', n: 1 },
      { topic: 'scope:store:S1', n: 1 },
    ]);
  });

  it('answers wrong method, content type, size, JSON and keys with their own status', async () => {
    expect((await w.postRaw(FN, { method: 'GET', headers: { 'x-api-key': w.pos.key } })).status).toBe(405);
    const form = await w.postRaw(FN, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-api-key': w.pos.key },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const big = await w.post(FN, `[${'"x",'.repeat(1_200_000)}"x"]`, w.pos.key);
    expect(big.status).toBe(413);
    const broken = await w.post(FN, '[{"transactionId": ', w.pos.key);
    expect(broken).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    expect((await w.post(FN, [txn('K-1', AT)], '')).status).toBe(401);
    expect((await w.post(FN, [txn('K-1', AT)], 'brmi_unknown')).body).toMatchObject({
      code: 'INVALID_API_KEY',
    });
    expect((await w.post(FN, [txn('K-1', AT)], w.erp.key)).status).toBe(403);
    expect((await w.post(FN, [], w.pos.key)).body).toMatchObject({ code: 'EMPTY_BATCH' });
  });
});
