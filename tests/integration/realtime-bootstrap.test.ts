// bootstrap/20-realtime.sql: safe to re-run, and realtime.send behaves as Supabase's
// (adds the id, never fails the caller's transaction, refused writes become a WARNING).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BOOTSTRAP_DIR } from '../../supabase/local/db/bootstrap.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let h: TestStack;
beforeAll(async () => {
  h = await startTestStack();
});
afterAll(async () => {
  await h?.stop();
});

test('re-applying the realtime bootstrap keeps policies and messages', async () => {
  await h.adminPool.query(
    `create policy "kept across re-runs" on realtime.messages for select to authenticated using (true)`,
  );
  await h.adminPool.query(`select realtime.send('{"k":1}'::jsonb, 'e', 'bootstrap-topic')`);
  await h.adminPool.query(await readFile(join(BOOTSTRAP_DIR, '20-realtime.sql'), 'utf8'));
  const policies = await h.adminPool.query(
    `select policyname from pg_policies where schemaname = 'realtime' and tablename = 'messages'`,
  );
  expect(policies.rows.map((r: { policyname: string }) => r.policyname)).toContain('kept across re-runs');
  const rows = await h.adminPool.query<{ payload: { k: number; id: string }; id: string; private: boolean }>(
    `select payload, id::text, private from realtime.messages where topic = 'bootstrap-topic'`,
  );
  expect(rows.rows).toHaveLength(1);
  expect(rows.rows[0]!.payload.id).toBe(rows.rows[0]!.id); // realtime.send adds the message id
  expect(rows.rows[0]!.private).toBe(true);
  const rls = await h.adminPool.query(
    `select relrowsecurity from pg_class where oid = 'realtime.messages'::regclass`,
  );
  expect(rls.rows[0]).toEqual({ relrowsecurity: true });
});

test('a send the caller may not make is a WARNING, not an error, and stores nothing', async () => {
  const db = await h.adminPool.connect();
  const notices: string[] = [];
  db.on('notice', (n) => notices.push(n.message ?? ''));
  try {
    await db.query('begin');
    await db.query(`select set_config('role', 'anon', true)`);
    await db.query(`select realtime.send('{}'::jsonb, 'e', 'anon-topic')`);
    await db.query('commit');
  } finally {
    db.release();
  }
  expect(notices.some((m) => m.startsWith('ErrorSendingBroadcastMessage: '))).toBe(true);
  const rows = await h.adminPool.query(`select 1 from realtime.messages where topic = 'anon-topic'`);
  expect(rows.rowCount).toBe(0);
});
