// The Alerts screen over a real RxDB database (memory storage) holding a small slice:
// names from the catalog, filters, acknowledge with a note shown at once as a pending
// change, only forward moves offered (Property 25), and the navigation badge.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLocalDb } from '../../web/data/local-docs.ts';
import { useSyncStatus } from '../../web/data/sync-status.store.ts';
import { openUserDatabase } from '../../web/data/sync-database.ts';
import { AlertsBadge } from '../../web/features/alerts/AlertsBadge.tsx';
import { AlertsScreen } from '../../web/features/alerts/AlertsScreen.tsx';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const now = (): number => NOW;
let db: RxDatabase;
let n = 0;

const alert = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  type: 'LOW_STOCK',
  severity: 'HIGH',
  store_id: 'S1',
  region_id: 'NORTH',
  sku: 'RICE-1',
  title: `Low stock: RICE-1 (${id})`,
  message: '4.000 units left at S1 (reorder at 10.000)',
  details: { quantity: 4, reorderThreshold: 10 },
  status: 'NEW',
  created_at: '2026-12-03T07:00:00Z',
  acknowledged_at: null,
  resolved_at: null,
  rev: 1,
  ...over,
});

beforeEach(async () => {
  n += 1;
  db = await openUserDatabase(
    { userId: `dom-alerts-${n}`, role: 'STORE_MANAGER', storeId: 'S1', regionId: undefined, scopeVersion: 1 },
    getRxStorageMemory(),
    { multiInstance: false, only: ['catalog', 'alerts', 'alert_notes'] },
  );
  await db.collections['catalog']!.bulkInsert([
    { id: 'store:S1', kind: 'store', code: 'S1', name: 'Connaught Place' },
    { id: 'product:RICE-1', kind: 'product', code: 'RICE-1', name: 'Basmati rice 1 kg' },
  ]);
  await db.collections['alerts']!.bulkInsert([
    alert('a1'),
    alert('a2', {
      type: 'OVERSTOCK',
      severity: 'MEDIUM',
      title: 'Overstock: RICE-1',
      created_at: '2026-12-02T10:00:00Z',
    }),
    alert('a3', { status: 'RESOLVED', title: 'Old low stock', created_at: '2026-12-01T10:00:00Z' }),
  ]);
  useLocalDb.getState().setDb(db);
});

afterEach(async () => {
  cleanup();
  useSyncStatus.getState().reset();
  useLocalDb.getState().setDb(undefined);
  await db.remove();
});

const text = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ');
const card = (title: string): HTMLElement => screen.getByRole('article', { name: title });

describe('Alerts screen', () => {
  it('lists alerts with what, where and when in words, open ones first', async () => {
    render(<AlertsScreen now={now} />);
    const list = await screen.findByRole('list', { name: 'Alerts' });
    await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(3));
    const titles = within(list)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(titles).toEqual(['Low stock: RICE-1 (a1)', 'Overstock: RICE-1', 'Old low stock']);
    const first = card('Low stock: RICE-1 (a1)');
    expect(text(first)).toContain('Basmati rice 1 kg (RICE-1) at Connaught Place (S1)');
    expect(text(first)).toContain('3 h ago');
    expect(text(first)).toContain('4 units left, reorder at 10');
    expect(text(first)).toContain('Low stock');
    expect(text(within(first).getByTestId('alert-status'))).toContain('New');
    expect(screen.getByText(/3 of 3 alerts match · 2 open/)).toBeTruthy();
  });

  it('lists thousands of alerts a page at a time and says how many are listed', async () => {
    await db.collections['alerts']!.bulkInsert(
      Array.from({ length: 1200 }, (_, i) => alert(`bulk-${i}`, { title: `Low stock ${i}` })),
    );
    render(<AlertsScreen now={now} />);
    await screen.findByText('1,203 of 1,203 alerts match · 1,202 open · the first 30 listed');
    expect(within(screen.getByRole('list', { name: 'Alerts' })).getAllByRole('article')).toHaveLength(30);
    fireEvent.click(screen.getByRole('button', { name: 'Show 30 more' }));
    await screen.findByText(/the first 60 listed/);
    expect(within(screen.getByRole('list', { name: 'Alerts' })).getAllByRole('article')).toHaveLength(60);
  });

  it('filters by store once the alerts are about more than one store', async () => {
    render(<AlertsScreen now={now} />);
    await screen.findByText(/3 of 3 alerts match/);
    expect(screen.queryByLabelText('Store')).toBeNull(); // one store: nothing to choose
    await act(async () => {
      await db.collections['catalog']!.insert({
        id: 'store:S2',
        kind: 'store',
        code: 'S2',
        name: 'Karol Bagh',
      });
      await db.collections['alerts']!.insert(
        alert('b1', { store_id: 'S2', title: 'Low stock at Karol Bagh' }),
      );
    });
    const store = await screen.findByLabelText('Store');
    expect(
      within(store)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All stores', 'Connaught Place (S1)', 'Karol Bagh (S2)']);
    fireEvent.change(store, { target: { value: 'S2' } });
    expect(screen.getByText(/1 of 4 alerts match/)).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(card('Low stock at Karol Bagh')).toBeTruthy();
  });

  it('tells a role without store alerts where its figures are, instead of an empty list', async () => {
    render(<AlertsScreen now={now} role="EXECUTIVE" />);
    expect(screen.getByText(/not kept on this device for your role/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Alerts' })).toBeNull();
    expect(screen.queryByTestId('freshness')).toBeNull();
  });

  it('filters by type, severity and status with labelled controls', async () => {
    render(<AlertsScreen now={now} />);
    await screen.findByText(/3 of 3 alerts match/);
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'OVERSTOCK' } });
    expect(screen.getAllByRole('article').map((a) => a.getAttribute('aria-labelledby'))).toHaveLength(1);
    expect(screen.getByRole('article', { name: 'Overstock: RICE-1' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'RESOLVED' } });
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(screen.getByRole('article', { name: 'Old low stock' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'CRITICAL' } });
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(screen.getByText(/0 of 3 alerts match/)).toBeTruthy();
  });

  it('acknowledges with a note on the device at once, then offers only Resolve (Property 25)', async () => {
    render(<AlertsScreen now={now} />);
    await screen.findByText(/3 of 3 alerts match/);
    const first = card('Low stock: RICE-1 (a1)');
    fireEvent.change(within(first).getByLabelText('Note'), {
      target: { value: 'Reorder placed with supplier' },
    });
    await act(async () => {
      fireEvent.click(within(first).getByRole('button', { name: 'Acknowledge' }));
    });
    await waitFor(() => expect(text(within(first).getByTestId('alert-status'))).toContain('Acknowledged'));
    expect(text(within(first).getByRole('list', { name: 'History' }))).toContain(
      'Acknowledged: Reorder placed with supplier (waiting to send)',
    );
    expect(within(first).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(within(first).getByRole('button', { name: 'Resolve' })).toBeTruthy();
    const events = await db.collections['alert_notes']!.find().exec();
    expect(events.map((e) => e.toJSON())).toEqual([
      expect.objectContaining({
        alert_id: 'a1',
        action: 'ACKNOWLEDGED',
        note: 'Reorder placed with supplier',
      }),
    ]);
    expect(events[0]!.primary).toMatch(/^[0-9a-f-]{36}$/);

    await act(async () => {
      fireEvent.click(within(first).getByRole('button', { name: 'Resolve' }));
    });
    await waitFor(() => expect(text(within(first).getByTestId('alert-status'))).toContain('Resolved'));
    expect(within(first).queryByRole('button', { name: 'Resolve' })).toBeNull();
    expect(within(first).getByRole<HTMLButtonElement>('button', { name: 'Add note' }).disabled).toBe(true);
  });

  it('refuses an empty note with a clear message and writes nothing', async () => {
    render(<AlertsScreen now={now} />);
    await screen.findByText(/3 of 3 alerts match/);
    const first = card('Low stock: RICE-1 (a1)');
    fireEvent.change(within(first).getByLabelText('Note'), { target: { value: '   ' } });
    await act(async () => {
      fireEvent.submit(within(first).getByLabelText('Note').closest('form')!);
    });
    expect(text(within(first).getByRole('alert'))).toContain('Write a note first.');
    expect(await db.collections['alert_notes']!.count().exec()).toBe(0);
  });

  it('the badge counts NEW alerts and drops one when it is acknowledged on the device', async () => {
    render(<AlertsBadge />);
    await waitFor(() => expect(text(screen.getByTestId('alerts-badge'))).toContain('2, 2 new'));
    await act(async () => {
      await db.collections['alert_notes']!.insert({
        id: crypto.randomUUID(),
        alert_id: 'a2',
        action: 'ACKNOWLEDGED',
      });
    });
    await waitFor(() => expect(text(screen.getByTestId('alerts-badge'))).toContain('1, 1 new'));
    await act(async () => {
      await db.collections['alert_notes']!.insert({
        id: crypto.randomUUID(),
        alert_id: 'a1',
        action: 'RESOLVED',
      });
    });
    await waitFor(() => expect(screen.queryByTestId('alerts-badge')).toBeNull());
  });

  it('says when the server refused an alert change, with its reason, until dismissed', async () => {
    useSyncStatus.getState().reject([
      {
        collection: 'alert_notes',
        id: 'n-1',
        code: '42501',
        reason: 'alert a9 is not in your scope',
        document: { id: 'n-1', alert_id: 'a9', action: 'ACKNOWLEDGED' },
      },
    ]);
    render(<AlertsScreen now={now} />);
    const refused = await screen.findByText(/The server did not accept a change/);
    expect(text(refused.closest('[role="alert"]')!)).toContain('alert a9 is not in your scope');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/The server did not accept/)).toBeNull();
  });
});
