// Slice budget per role on the demo data (issue 7 §3): every demo login's full slice,
// pulled through sync_pull exactly as the client does, stays within its budget of
// documents and bytes (JSON size of the documents, a proxy for the IndexedDB footprint).
// The world is the demo's (60 stores, 1,200 SKUs, same seed) with 92 days of history
// instead of 400: every collection syncs at most the last 90 days, so the slices are the
// same and the load is four times faster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionsForRole, type Role } from '../../shared/sync/collections.ts';
import { buildDemoWorld, DEMO_DEFAULTS } from '../../shared/demo/demo-world.ts';
import { mulberry32 } from '../../shared/forecasting/rng.ts';
import { DEMO_SEED, istNow, loadDemo } from '../../supabase/local/seed.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { claimsFor, pull, type PullPage } from './sync-harness.ts';

const BUDGETS: Partial<Record<Role, { docs: number; mb: number }>> = {
  STORE_MANAGER: { docs: 25_000, mb: 15 },
  REGIONAL_MANAGER: { docs: 60_000, mb: 40 },
  EXECUTIVE: { docs: 30_000, mb: 20 },
};

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  const world = buildDemoWorld(mulberry32(DEMO_SEED), { ...DEMO_DEFAULTS, days: 92, ...istNow(Date.now()) });
  await loadDemo(stack.adminPool, world);
}, 600_000);
afterAll(async () => {
  await stack?.stop();
});

describe('slice budget per role on the demo data', () => {
  for (const role of Object.keys(BUDGETS) as Role[]) {
    it(`${role} slice fits its budget`, async () => {
      const { rows } = await stack.adminPool.query<{ user_id: string }>(
        `select user_id::text from public.profiles where role = $1 order by email limit 1`,
        [role],
      );
      expect(rows).toHaveLength(1);
      const claims = await claimsFor(stack, rows[0]!.user_id);
      let docs = 0;
      let bytes = 0;
      const started = performance.now();
      for (const def of collectionsForRole(role)) {
        let cp: PullPage['checkpoint'] = null;
        for (;;) {
          const page = await pull(stack, claims, def.name, cp, 5000);
          docs += page.documents.length;
          bytes += page.documents.reduce((n, d) => n + JSON.stringify(d).length, 0);
          cp = page.checkpoint;
          if (page.documents.length < 5000) break;
        }
      }
      const mb = bytes / 1e6;
      const budget = BUDGETS[role]!;
      console.log(
        `sync slice ${role}: ${docs} docs, ${mb.toFixed(2)} MB (budget ${budget.docs} / ${budget.mb} MB), pulled in ${Math.round(performance.now() - started)} ms`,
      );
      expect(docs).toBeGreaterThan(0);
      expect(docs).toBeLessThanOrEqual(budget.docs);
      expect(mb).toBeLessThanOrEqual(budget.mb);
    }, 300_000);
  }
});
