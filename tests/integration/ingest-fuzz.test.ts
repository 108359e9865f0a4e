// Hostile payloads against the three ingest endpoints (reliability-security test plan
// C.15): random JSON, valid records with fields replaced by hostile values (SQL
// injection, huge and non-finite-looking numbers, control characters, prototype keys, deep
// nesting) and non-JSON bytes. Every answer must be < 500, every 4xx must carry a code
// and message, every VALIDATION_FAILED must name the bad fields, and no body may contain a
// stack trace or SQL.
//
// 1,000 cases per endpoint go through each function's real handler in-process, with its
// database calls made on the test database exactly as the REST layer makes them (service
// role, same SQL function), in concurrent rounds of 40; a further 150 per endpoint go the
// whole way through HTTP (gateway → functions runner → REST → SQL), 10 at a time. The
// plan's 10,000 is for a nightly run: FUZZ_CASES=10000.
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { withDatabase } from '../../supabase/local/db/databases.ts';
import type { IngestDeps, RpcCall } from '../../supabase/functions/_shared/ingest-handler.ts';
import { createHandler as competitorPrices } from '../../supabase/functions/ingest-competitor-prices/handler.ts';
import { createHandler as inventory } from '../../supabase/functions/ingest-inventory/handler.ts';
import { createHandler as transactions } from '../../supabase/functions/ingest-transactions/handler.ts';
import { startIngestWorld, txn, type IngestWorld } from './ingest-harness.ts';

let w: IngestWorld;
let service: pg.Pool;
const AT = Date.now() - 3_600_000;
const IN_PROCESS_CASES = Number(process.env['FUZZ_CASES'] ?? 1000);
const ROUND = 40;
const HTTP_CASES = 150;
const HTTP_ROUND = 10;

beforeAll(async () => {
  w = await startIngestWorld();
  await w.stack.adminPool.query(`update private.rate_limit_policy set per_minute = 1000000, burst = 1000000`);
  service = new pg.Pool({
    connectionString: withDatabase(inject('databaseAdminUrl'), w.stack.databaseName),
    max: 4,
  });
  // A connection the server ends at teardown must not become an unhandled error.
  service.on('error', () => {});
  service.on('connect', (client) => client.on('error', () => {}));
}, 120_000);
afterAll(async () => {
  await service?.end();
  await w?.stop();
});

// The functions' database seam, as the REST layer runs it: one transaction as
// service_role, named arguments, JSON values as jsonb; a database error rejects with its
// SQLSTATE like supabase-js's error does. Function and argument names come from the
// handlers (a fixed set), never from the payload.
const rpc: RpcCall = async (name, args) => {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`unexpected function name ${name}`);
  const names = Object.keys(args);
  if (!names.every((n) => /^[a-z_]+$/.test(n))) throw new Error('unexpected argument name');
  const client = await service.connect();
  try {
    await client.query('begin');
    await client.query('set local role service_role');
    const { rows } = await client.query<{ r: unknown }>(
      `select public.${name}(${names.map((n, i) => `${n} => $${i + 1}`).join(', ')}) as r`,
      names.map((n) => {
        const v = args[n];
        return typeof v === 'string' ? v : JSON.stringify(v);
      }),
    );
    await client.query('commit');
    return rows[0]?.r;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    const e = error as { code?: string; message?: string };
    throw Object.assign(new Error(e.message ?? 'database error'), { code: e.code });
  } finally {
    client.release();
  }
};

const logs: string[] = [];
const deps: IngestDeps = { rpc, clock: () => Date.now(), log: (l) => logs.push(l) };
const handlers: Record<string, (req: Request) => Promise<Response>> = {
  'ingest-transactions': transactions(deps),
  'ingest-inventory': inventory(deps),
  'ingest-competitor-prices': competitorPrices(deps),
};

const hostileString = fc.oneof(
  fc.constantFrom(
    "'; drop table public.transactions; --",
    "S1' or '1'='1",
    '$$; select pg_sleep(10); $$',
    '\u0000',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '%s%s%s%n',
    '9'.repeat(400),
    '2026-02-30T25:61:00+05:30',
    'NaN',
    '__proto__',
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.1 + 0.2, 1e-7, -1, null, true, [], {}),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
);

let serial = 0;
const records: Record<string, () => Record<string, unknown>> = {
  'ingest-transactions': () => txn(`F-${(serial += 1)}`, AT),
  'ingest-inventory': () => ({
    sku: 'RICE-1',
    storeId: 'S2',
    quantity: 50,
    timestamp: new Date(AT).toISOString(),
    source: 'erp.main',
  }),
  'ingest-competitor-prices': () => ({
    sku: 'RICE-1',
    competitorId: 'DMART',
    price: 100,
    timestamp: new Date(AT).toISOString(),
    source: 'feed.prices',
    regionId: 'NORTH',
  }),
};

/** Paths to replace in a valid record, including nested line-item fields. */
const paths = fc.constantFrom(
  'transactionId',
  'storeId',
  'timestamp',
  'items',
  'totalAmount',
  'source',
  'sku',
  'quantity',
  'price',
  'competitorId',
  'regionId',
  'customerId',
  'paymentMethod',
  'items.0.quantity',
  'items.0.sku',
  'items.0.unitPrice',
  'items.0',
  'extra',
);

function mutate(record: Record<string, unknown>, path: string, value: unknown): unknown {
  const parts = path.split('.');
  let target: Record<string, unknown> = record;
  for (const p of parts.slice(0, -1)) {
    const next = target[p];
    if (typeof next !== 'object' || next === null) return record;
    target = next as Record<string, unknown>;
  }
  // A copy: the same generated value may be put at several paths (and into itself).
  target[parts.at(-1)!] = value === undefined ? value : (JSON.parse(JSON.stringify(value)) as unknown);
  return record;
}

const body = (fn: string) =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          fc.array(fc.tuple(paths, hostileValue), { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 1, max: 3 }),
        )
        .map(([muts, n]) =>
          JSON.stringify(
            Array.from({ length: n }, () =>
              muts.reduce(
                (r, [p, v]) => mutate(r as Record<string, unknown>, p, v),
                records[fn]!() as unknown,
              ),
            ),
          ),
        ),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }).map((d) => '['.repeat(d) + ']'.repeat(d)) },
  );

const LEAKS =
  /\bat .*\.(ts|js):\d+|stack|syntax error|relation "|\bselect\b.*\bfrom\b|\binsert into\b|pg_temp|PL\/pgSQL|SQLSTATE/i;

function checkAnswer(status: number, text: string, parsed: Record<string, unknown>): void {
  expect(status).toBeLessThan(500);
  expect(text).not.toMatch(LEAKS);
  if (status >= 400) {
    expect(typeof parsed['code']).toBe('string');
    expect(typeof parsed['message']).toBe('string');
  }
  if (parsed['code'] === 'VALIDATION_FAILED') {
    const errors = parsed['errors'] as { index: unknown; field: unknown; message: unknown }[];
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(typeof e.index).toBe('number');
      expect(typeof e.field).toBe('string');
      expect(typeof e.message).toBe('string');
    }
  }
}

/** Runs `payloads` through `post` all at once and checks every answer; returns their statuses. */
async function round(
  payloads: readonly string[],
  post: (payload: string) => Promise<{ status: number; text: string }>,
): Promise<number[]> {
  const answers = await Promise.all(payloads.map(post));
  answers.forEach((a, i) => {
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(a.text) as Record<string, unknown>;
    } catch {
      // A non-JSON answer fails the checks below on its code.
    }
    if (a.status >= 500) console.error(`5xx for ${payloads[i]!.slice(0, 300)}\n${logs.slice(-3).join('\n')}`);
    checkAnswer(a.status, a.text, parsed);
  });
  return answers.map((a) => a.status);
}

describe('ingest fuzzing', () => {
  for (const fn of Object.keys(records)) {
    const key = () =>
      fn === 'ingest-transactions' ? w.pos.key : fn === 'ingest-inventory' ? w.erp.key : w.feed.key;

    it(`${fn}: ${IN_PROCESS_CASES} hostile payloads through the handler never get a 5xx, always a field-level 4xx, never leak internals`, async () => {
      const statuses: number[] = [];
      const handler = handlers[fn]!;
      await fc.assert(
        fc.asyncProperty(fc.array(body(fn), { minLength: ROUND, maxLength: ROUND }), async (payloads) => {
          const got = await round(payloads, async (payload) => {
            const res = await handler(
              new Request(`http://fuzz/${fn}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-api-key': key() },
                body: payload,
              }),
            );
            return { status: res.status, text: await res.text() };
          });
          statuses.push(...got);
        }),
        { numRuns: Math.ceil(IN_PROCESS_CASES / ROUND), seed: 6 },
      );
      expect(statuses.length).toBeGreaterThanOrEqual(IN_PROCESS_CASES);
      // The generator must actually reach validation and the database, not only the JSON parser.
      expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(IN_PROCESS_CASES / 5);
      expect(statuses.filter((s) => s === 200 || s === 207).length).toBeGreaterThan(0);
    }, 300_000);

    it(`${fn}: ${HTTP_CASES} hostile payloads through HTTP get the same treatment`, async () => {
      const statuses: number[] = [];
      await fc.assert(
        fc.asyncProperty(
          fc.array(body(fn), { minLength: HTTP_ROUND, maxLength: HTTP_ROUND }),
          async (payloads) => {
            statuses.push(...(await round(payloads, (payload) => w.post(fn, payload, key()))));
          },
        ),
        { numRuns: HTTP_CASES / HTTP_ROUND, seed: 7 },
      );
      expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(HTTP_CASES / 5);
    }, 180_000);
  }
});
