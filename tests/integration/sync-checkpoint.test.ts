// The pull checkpoint must never miss a row, whatever the interleaving of concurrent
// transactions: fast-check generates schedules (begin / write / commit of several
// transactions, some held open across other commits, with pulls in between) and runs
// them step by step on real Postgres, one connection per transaction.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

type Step =
  | { readonly kind: 'begin'; readonly tx: number }
  | { readonly kind: 'write'; readonly tx: number; readonly id: number; readonly value: number }
  | { readonly kind: 'commit'; readonly tx: number }
  | { readonly kind: 'pull' };

/** Interleaves each transaction's begin → writes → commit in the order given by `picks`. */
function schedule(
  txs: readonly { id: number; value: number }[][],
  picks: readonly number[],
  pulls: readonly number[],
): Step[] {
  const queues: Step[][] = txs.map((writes, tx) => [
    { kind: 'begin', tx },
    ...writes.map((w) => ({ kind: 'write' as const, tx, ...w })),
    { kind: 'commit', tx },
  ]);
  const out: Step[] = [];
  // Row locks held by open transactions: a write to a row another open transaction holds
  // would block this single-threaded runner, so such writes are dropped from the schedule.
  const held = new Map<number, number>();
  let p = 0;
  while (queues.some((q) => q.length > 0)) {
    const live = queues.filter((q) => q.length > 0);
    const q = live[(picks[p++ % Math.max(1, picks.length)] ?? 0) % live.length] as Step[];
    const step = q.shift() as Step;
    if (step.kind === 'write') {
      const owner = held.get(step.id);
      if (owner !== undefined && owner !== step.tx) continue;
      held.set(step.id, step.tx);
    } else if (step.kind === 'commit') {
      for (const [id, tx] of held) if (tx === step.tx) held.delete(id);
    }
    out.push(step);
    if (pulls.includes(out.length)) out.push({ kind: 'pull' });
  }
  return out;
}

const arbSchedule = fc
  .tuple(
    fc.array(
      fc.array(fc.record({ id: fc.integer({ min: 1, max: 6 }), value: fc.nat(999) }), {
        minLength: 1,
        maxLength: 3,
      }),
      {
        minLength: 2,
        maxLength: 4,
      },
    ),
    fc.array(fc.nat(20), { minLength: 1, maxLength: 30 }),
    fc.array(fc.nat(20), { maxLength: 8 }),
  )
  .map(([txs, picks, pulls]) => schedule(txs, picks, pulls));

interface Puller {
  pull(client: pg.Client): Promise<void>;
  readonly seen: Map<number, number>;
}

/** The design's puller: sync_pull with the (_xid, _seq) checkpoint, small pages. */
function xidPuller(): Puller {
  let checkpoint: unknown = null;
  const seen = new Map<number, number>();
  return {
    seen,
    async pull(client) {
      for (;;) {
        const { rows } = await client.query<{
          r: { documents: { id: number; value: number }[]; checkpoint: unknown };
        }>('select public.sync_pull($1, $2, $3) as r', ['test_items', JSON.stringify(checkpoint), 2]);
        const r = rows[0]!.r;
        for (const d of r.documents) seen.set(d.id, d.value);
        checkpoint = r.checkpoint;
        if (r.documents.length < 2) return;
      }
    },
  };
}

/** The common plugin's puller: (updated_at, id) checkpoint — known to lose late commits. */
function timestampPuller(): Puller {
  let cp: { at: string; id: number } = { at: '-infinity', id: 0 };
  const seen = new Map<number, number>();
  return {
    seen,
    async pull(client) {
      for (;;) {
        const { rows } = await client.query<{ id: number; value: number; at: string }>(
          `select id, value, updated_at::text as at from public.sync_test_items
            where (updated_at, id) > ($1::timestamptz, $2) order by updated_at, id limit 2`,
          [cp.at, cp.id],
        );
        for (const r of rows) {
          seen.set(r.id, r.value);
          cp = { at: r.at, id: r.id };
        }
        if (rows.length < 2) return;
      }
    },
  };
}

/** Bounded wait (no event exists for it) until the snapshot's xmin passes every stamped row. */
async function waitForHorizon(client: pg.Client): Promise<void> {
  await client.query(`
    do $$
    declare deadline timestamptz := clock_timestamp() + interval '60 seconds';
    begin
      while pg_snapshot_xmin(pg_current_snapshot()) <= coalesce((select max(_xid) from public.sync_test_items), '0'::xid8) loop
        if clock_timestamp() > deadline then raise exception 'xmin did not pass the test rows within 60 s'; end if;
        perform pg_sleep(0.01);
      end loop;
    end $$`);
}

describe('sync pull checkpoint', () => {
  let stack: TestStack;
  let puller: pg.Client;
  const txClients: pg.Client[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.adminPool.query(readFileSync('tests/fixtures/sync/test-collection.sql', 'utf8'));
    puller = new pg.Client({ connectionString: stack.databaseUrl });
    await puller.connect();
    for (let i = 0; i < 4; i++) {
      const c = new pg.Client({ connectionString: stack.databaseUrl });
      await c.connect();
      txClients.push(c);
    }
  });

  afterAll(async () => {
    for (const c of [puller, ...txClients]) await c?.end();
    await stack?.stop();
  });

  async function runSchedule(
    steps: readonly Step[],
    make: () => Puller,
  ): Promise<{ seen: Map<number, number>; table: Map<number, number> }> {
    await puller.query('truncate public.sync_test_items');
    const p = make();
    for (const s of steps) {
      const c = s.kind === 'pull' ? puller : (txClients[s.tx] as pg.Client);
      if (s.kind === 'begin') await c.query('begin');
      else if (s.kind === 'write') {
        await c.query(
          `insert into public.sync_test_items (id, value) values ($1, $2)
           on conflict (id) do update set value = excluded.value, updated_at = now()`,
          [s.id, s.value],
        );
      } else if (s.kind === 'commit') await c.query('commit');
      else await p.pull(puller);
    }
    // Write transactions anywhere in the cluster (other test files) hold xmin back, and
    // rightly so: the final pull must wait until every row written here is below it.
    await waitForHorizon(puller);
    await p.pull(puller);
    const { rows } = await puller.query<{ id: number; value: number }>(
      'select id, value from public.sync_test_items',
    );
    return { seen: p.seen, table: new Map(rows.map((r) => [r.id, r.value])) };
  }

  it('Feature: bharat-retail-market-intelligence, sync: the (_xid, _seq) checkpoint never misses a row or keeps a stale version', async () => {
    await fc.assert(
      fc.asyncProperty(arbSchedule, async (steps) => {
        const { seen, table } = await runSchedule(steps, xidPuller);
        expect(seen).toEqual(table);
      }),
      { numRuns: 100, seed: 20261203 },
    );
  });

  it('a (timestamp, id) checkpoint, as common sync plugins use, misses rows of transactions that commit late', async () => {
    const result = await fc.check(
      fc.asyncProperty(arbSchedule, async (steps) => {
        const { seen, table } = await runSchedule(steps, timestampPuller);
        return [...table].every(([id, v]) => seen.get(id) === v);
      }),
      { numRuns: 200, seed: 20261203 },
    );
    expect(result.failed).toBe(true);
  });
});
