// The competitor_prices collection (20261206000400): store and regional managers pull the
// latest observation per competitor × SKU of their region, with observed_at; a newer
// observation replaces the document on the next pull, a late backfill of an older one
// never does, and chain-wide roles do not replicate the collection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../shared/sync/schemas.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { arrangeChain, claimsFor, pull, pullAll, USERS, type Claims } from './sync-harness.ts';

let stack: TestStack;
let sm: Claims;
let sm3: Claims;
let rm: Claims;
let ex: Claims;

const observe = (rows: [string, string, string, string, number][]) =>
  stack.adminPool.query(
    `insert into public.competitor_prices (competitor_id, sku, region_id, observed_at, price, source)
     select c, k, r, o::timestamptz, p, 'test'
       from jsonb_to_recordset($1::jsonb) as x(c text, k text, r text, o text, p numeric)`,
    [JSON.stringify(rows.map(([c, k, r, o, p]) => ({ c, k, r, o, p })))],
  );

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeChain(stack);
  await stack.adminPool.query(
    `insert into public.competitors (id, name) values ('DMART', 'DMart'), ('MORE', 'More Retail')
     on conflict (id) do nothing`,
  );
  await observe([
    ['DMART', 'ATTA-5', 'NORTH', '2026-11-20T10:00:00Z', 250],
    ['DMART', 'ATTA-5', 'NORTH', '2026-11-27T10:00:00Z', 255],
    ['MORE', 'DAL-1', 'NORTH', '2026-11-25T10:00:00Z', 150],
    ['DMART', 'ATTA-5', 'SOUTH', '2026-11-26T10:00:00Z', 240],
  ]);
  [sm, sm3, rm, ex] = await Promise.all([
    claimsFor(stack, USERS.smS1),
    claimsFor(stack, USERS.smS3),
    claimsFor(stack, USERS.rmNorth),
    claimsFor(stack, USERS.exec),
  ]);
});
afterAll(async () => {
  await stack?.stop();
});

const strip = (d: Record<string, unknown>) => ({
  ...d,
  observed_at: new Date(String(d['observed_at'])).toISOString(),
});

describe('competitor_prices collection', () => {
  it('gives managers the latest price per competitor × SKU of their region, and chain roles nothing', async () => {
    const mine = await pullAll(stack, sm, 'competitor_prices');
    expect([...mine.keys()].sort()).toEqual(['NORTH|DMART|ATTA-5', 'NORTH|MORE|DAL-1']);
    expect(strip(mine.get('NORTH|DMART|ATTA-5')!)).toEqual({
      id: 'NORTH|DMART|ATTA-5',
      region_id: 'NORTH',
      competitor_id: 'DMART',
      competitor_name: 'DMart',
      sku: 'ATTA-5',
      price: 255,
      observed_at: '2026-11-27T10:00:00.000Z',
      source: 'test',
      _deleted: false,
    });
    expect([...(await pullAll(stack, rm, 'competitor_prices')).keys()].sort()).toEqual([
      'NORTH|DMART|ATTA-5',
      'NORTH|MORE|DAL-1',
    ]);
    expect([...(await pullAll(stack, sm3, 'competitor_prices')).keys()]).toEqual(['SOUTH|DMART|ATTA-5']);
    expect((await pullAll(stack, ex, 'competitor_prices')).size).toBe(0);
    // Every field the server sends is in the client schema (RxDB refuses unknown ones).
    const known = new Set([...Object.keys(SCHEMAS.competitor_prices.properties), '_deleted']);
    for (const d of mine.values()) for (const k of Object.keys(d)) expect(known).toContain(k);
  });

  it('replaces the document with a newer observation and ignores a late backfill of an older one', async () => {
    let cp: Awaited<ReturnType<typeof pull>>['checkpoint'] = null;
    for (;;) {
      const page = await pull(stack, sm, 'competitor_prices', cp, 500);
      cp = page.checkpoint;
      if (page.documents.length < 500) break;
    }
    await observe([['DMART', 'ATTA-5', 'NORTH', '2026-11-01T10:00:00Z', 199]]);
    const none = await pull(stack, sm, 'competitor_prices', cp, 500);
    expect(none.documents).toEqual([]);
    await observe([['DMART', 'ATTA-5', 'NORTH', '2026-12-01T10:00:00Z', 262.5]]);
    const next = await pull(stack, sm, 'competitor_prices', none.checkpoint, 500);
    expect(next.documents.map((d) => [d['id'], d['price'], strip(d).observed_at])).toEqual([
      ['NORTH|DMART|ATTA-5', 262.5, '2026-12-01T10:00:00.000Z'],
    ]);
  });
});
