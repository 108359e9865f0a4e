// The Inventory screen over a real RxDB database (memory storage): status in words and
// symbols, the status/category/search filters, category totals (Property 9), threshold
// editing with validation that writes the local document (Property 7), a server-refused
// edit shown, and movement history saying "needs connection" offline.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Identity } from '../../web/data/auth.ts';
import { useLocalDb } from '../../web/data/local-docs.ts';
import { NEEDS_CONNECTION } from '../../web/data/online-rpc.ts';
import { openUserDatabase } from '../../web/data/sync-database.ts';
import { useSyncStatus } from '../../web/data/sync-status.store.ts';
import { InventoryScreen } from '../../web/features/inventory/InventoryScreen.tsx';
import { metricsClient } from '../../web/workers-client/metrics.client.ts';
import type { LoadMovements } from '../../web/features/inventory/MovementHistory.tsx';
import type { LoadStoreStock } from '../../web/features/inventory/use-store-stock.ts';

vi.mock('../../web/ui/charts/EChart.tsx', () => ({ default: () => null }));

const NOW = Date.parse('2026-12-03T06:30:00Z');
const now = (): number => NOW;
let db: RxDatabase;
let n = 0;
let me: Identity;

const level = (sku: string, quantity: number) => ({
  id: `ST-1|${sku}`,
  store_id: 'ST-1',
  sku,
  quantity,
  updated_at: '2026-12-03T05:00:00Z',
  rev: 1,
});
const threshold = (sku: string, reorder: number, overstock: number) => ({
  id: `ST-1|${sku}`,
  store_id: 'ST-1',
  sku,
  reorder_threshold: reorder,
  overstock_threshold: overstock,
  updated_at: null,
  updated_by: null,
  rev: 3,
});

beforeEach(async () => {
  n += 1;
  me = {
    userId: `dom-inventory-${n}`,
    email: 'store.metro@demo.bharatretail.in',
    role: 'STORE_MANAGER',
    storeId: 'ST-1',
    regionId: undefined,
    scopeVersion: 1,
  };
  db = await openUserDatabase(
    { userId: me.userId, role: 'STORE_MANAGER', storeId: 'ST-1', regionId: undefined, scopeVersion: 1 },
    getRxStorageMemory(),
    { multiInstance: false, only: ['catalog', 'inventory_levels', 'inventory_thresholds', 'sales_series'] },
  );
  await db.collections['catalog']!.bulkInsert([
    { id: 'store:ST-1', kind: 'store', code: 'ST-1', name: 'Delhi Bazaar 1' },
    {
      id: 'product:RICE-1',
      kind: 'product',
      code: 'RICE-1',
      name: 'Basmati rice 1 kg',
      category: 'Staples',
      unit_price: 120,
    },
    {
      id: 'product:ATTA-5',
      kind: 'product',
      code: 'ATTA-5',
      name: 'Atta 5 kg',
      category: 'Staples',
      unit_price: 260,
    },
    {
      id: 'product:MILK-1',
      kind: 'product',
      code: 'MILK-1',
      name: 'Toned milk 1 L',
      category: 'Dairy',
      unit_price: 66,
    },
  ]);
  await db.collections['inventory_levels']!.bulkInsert([
    level('RICE-1', 4),
    level('ATTA-5', 40),
    level('MILK-1', 500),
  ]);
  await db.collections['inventory_thresholds']!.bulkInsert([
    threshold('RICE-1', 10, 100),
    threshold('ATTA-5', 10, 100),
    threshold('MILK-1', 20, 300),
  ]);
  await db.collections['sales_series']!.bulkInsert([
    {
      id: 'ST-1|ATTA-5',
      store_id: 'ST-1',
      sku: 'ATTA-5',
      start_date: '2026-09-05',
      units: Array.from({ length: 90 }, () => 2),
      revenue: Array.from({ length: 90 }, () => 520),
    },
  ]);
  useLocalDb.getState().setDb(db);
});

afterEach(async () => {
  cleanup();
  useSyncStatus.getState().reset();
  useLocalDb.getState().setDb(undefined);
  await db.remove();
});

const items = () => within(screen.getByRole('list', { name: 'Stock' })).getAllByRole('listitem');
const item = (name: RegExp) =>
  within(screen.getByRole('list', { name: 'Stock' })).getByRole('listitem', { name });

describe('Inventory screen', () => {
  it('lists stock with status in words, low first, with category totals and turnover', async () => {
    render(<InventoryScreen identity={me} now={now} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(items().map((li) => li.getAttribute('aria-label'))).toEqual([
      'Basmati rice 1 kg, Low',
      'Toned milk 1 L, Overstock',
      'Atta 5 kg, OK',
    ]);
    expect(item(/Basmati/).textContent).toContain('▼ Low');
    expect(item(/Toned milk/).textContent).toContain('▲ Overstock');
    // 60 units sold in 30 days / 40 in stock.
    expect(item(/Atta/).textContent).toContain('Turnover, 30 days1.5×');
    const totals = within(screen.getByRole('region', { name: /Stock by category/ })).getAllByRole(
      'table',
    )[0]!;
    const staples = within(totals).getByRole('row', { name: /Staples/ });
    expect(staples.textContent).toBe('Staples244₹10.9K'); // 2 SKUs, 44 units, 4×120 + 40×260
    expect(within(totals).getByRole('row', { name: /Dairy/ }).textContent).toContain('500');
  });

  it('filters by status, category and search', async () => {
    render(<InventoryScreen identity={me} now={now} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    const statuses = screen.getByRole('group', { name: 'Filter by status' });
    expect(within(statuses).getByRole('button', { name: /Low/ }).textContent).toContain('1');
    // Each step waits for its own answer: the list keeps the previous filter's rows until
    // the new ones are computed, and a count alone can match those.
    const only = (text: string) => () => {
      expect(items()).toHaveLength(1);
      expect(items()[0]!.textContent).toContain(text);
    };
    fireEvent.click(within(statuses).getByRole('button', { name: /Low/ }));
    await waitFor(only('Basmati rice'));
    fireEvent.click(within(statuses).getByRole('button', { name: /All/ }));
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'Dairy' } });
    await waitFor(only('Toned milk'));
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'ALL' } });
    fireEvent.change(screen.getByLabelText('Search SKU or name'), { target: { value: 'atta' } });
    await waitFor(only('ATTA-5'));
  });

  it('while a new filter is computed, keeps the old rows dimmed and says the list is updating', async () => {
    render(<InventoryScreen identity={me} now={now} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    const client = metricsClient();
    const real = client.inventoryScreen.bind(client);
    const held: (() => void)[] = [];
    const spy = vi
      .spyOn(client, 'inventoryScreen')
      .mockImplementation((input) => new Promise((resolve) => held.push(() => resolve(real(input)))));
    try {
      fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'Dairy' } });
      const status = await screen.findByText('Updating the list…');
      expect(status.parentElement!.getAttribute('aria-busy')).toBe('true');
      expect(items()).toHaveLength(3); // the previous rows, still in place
      await waitFor(() => {
        for (const release of held.splice(0)) release();
        expect(screen.getByText('1 item matches')).toBeTruthy();
      });
      expect(items()[0]!.textContent).toContain('Toned milk');
      expect(screen.getByText('1 item matches').parentElement!.getAttribute('aria-busy')).toBe('false');
    } finally {
      spy.mockRestore();
      for (const release of held) release();
    }
  });

  it('checks thresholds as typed and writes a valid edit to the device', async () => {
    render(<InventoryScreen identity={me} now={now} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    fireEvent.click(within(item(/Atta/)).getByRole('button', { name: 'Edit thresholds' }));
    const form = screen.getByRole('form', { name: 'Thresholds for Atta 5 kg (ATTA-5)' });
    const reorder = within(form).getByLabelText('Reorder at or below (units)');
    const overstock = within(form).getByLabelText('Overstock at or above (units)');
    expect((reorder as HTMLInputElement).value).toBe('10');
    fireEvent.change(reorder, { target: { value: '-3' } });
    fireEvent.change(overstock, { target: { value: '2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save thresholds' }));
    expect(
      within(form)
        .getAllByRole('alert')
        .map((a) => a.textContent),
    ).toEqual(['Reorder level cannot be negative.']);
    fireEvent.change(reorder, { target: { value: '50' } });
    fireEvent.change(overstock, { target: { value: '50' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save thresholds' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'Overstock level must be above the reorder level (50).',
    );
    // Nothing was written while invalid.
    expect(
      (await db.collections['inventory_thresholds']!.findOne('ST-1|ATTA-5').exec())!.get('reorder_threshold'),
    ).toBe(10);
    fireEvent.change(overstock, { target: { value: '120.5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save thresholds' }));
    await within(form).findByText(/Saved/);
    const doc = (await db.collections['inventory_thresholds']!.findOne('ST-1|ATTA-5').exec())!.toJSON();
    expect(doc).toMatchObject({
      reorder_threshold: 50,
      overstock_threshold: 120.5,
      rev: 3,
      store_id: 'ST-1',
    });
    // The level (40) is now at or below the reorder level: the item turns LOW.
    await waitFor(() => expect(item(/Atta/).getAttribute('aria-label')).toBe('Atta 5 kg, Low'));
  });

  it('shows a threshold edit the server refused, and movement history needs a connection offline', async () => {
    useSyncStatus.getState().reject([
      {
        collection: 'inventory_thresholds',
        id: 'ST-1|RICE-1',
        code: 'CONFLICT',
        reason: 'changed on the server by someone else first',
        document: {},
      },
    ]);
    const load: LoadMovements = async () => ({ ok: false, reason: 'offline', message: NEEDS_CONNECTION });
    render(<InventoryScreen identity={me} now={now} loadMovements={load} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    const refused = screen.getAllByRole('alert').find((a) => a.textContent?.includes('not saved'))!;
    expect(refused.textContent).toContain(
      'Basmati rice 1 kg (RICE-1) at Delhi Bazaar 1: changed on the server by someone else first',
    );
    fireEvent.click(within(refused).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/not saved/)).toBeNull();
    fireEvent.click(within(item(/Basmati/)).getByRole('button', { name: 'Movement history' }));
    expect((await within(item(/Basmati/)).findByText(/Needs connection/)).textContent).toContain(
      'movement history is not stored on this device',
    );
  });

  it('shows movement history from the server with the sum of movements against the level', async () => {
    const load: LoadMovements = async (store, sku) => ({
      ok: true,
      data: {
        level: 4,
        movement_count: 2,
        movements_sum: 4,
        movements: [
          {
            id: 'm2',
            quantity: -6,
            reason: 'SALE',
            source: 'pos',
            reference: null,
            occurred_at: '2026-12-03T05:00:00Z',
            level_after: 4,
          },
          {
            id: 'm1',
            quantity: 10,
            reason: 'RECEIPT',
            source: 'app',
            reference: null,
            occurred_at: '2026-12-01T05:00:00Z',
            level_after: 10,
          },
        ].filter(() => store === 'ST-1' && sku === 'RICE-1'),
      },
    });
    render(<InventoryScreen identity={me} now={now} loadMovements={load} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    fireEvent.click(within(item(/Basmati/)).getByRole('button', { name: 'Movement history' }));
    const table = await within(item(/Basmati/)).findByRole('table');
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'WhenWhatChangeLevel after',
      expect.stringMatching(/^3 Dec.*Sold−64$/),
      expect.stringMatching(/^1 Dec.*Received\+1010$/),
    ]);
    expect(item(/Basmati/).textContent).toContain('✓ 2 movements add up to 4 units, the level on record.');
  });
});

describe('Inventory screen, supply chain', () => {
  it('reads one store at a time from the server with the same statuses and totals, and says when it cannot', async () => {
    await db.collections['catalog']!.insert({
      id: 'store:ST-2',
      kind: 'store',
      code: 'ST-2',
      name: 'Jaipur Market',
    });
    const supply: Identity = { ...me, role: 'SUPPLY_CHAIN_USER', storeId: undefined };
    const calls: string[] = [];
    let offline = false;
    const load: LoadStoreStock = async (storeId) => {
      calls.push(storeId);
      if (offline) return { ok: false, reason: 'offline', message: NEEDS_CONNECTION };
      return {
        ok: true,
        data: {
          as_of: '2026-12-03T06:30:00Z',
          levels: [{ store_id: storeId, sku: 'RICE-1', quantity: storeId === 'ST-1' ? 4 : 50 }],
          thresholds: [{ store_id: storeId, sku: 'RICE-1', reorder_threshold: 10, overstock_threshold: 100 }],
        },
      };
    };
    render(<InventoryScreen identity={supply} now={now} loadStoreStock={load} />);
    await waitFor(() =>
      expect(items().map((li) => li.getAttribute('aria-label'))).toEqual(['Basmati rice 1 kg, Low']),
    );
    expect(screen.getByTestId('freshness').textContent).toContain('Live from the server at 12:00 pm IST');
    const totals = within(screen.getByRole('region', { name: /Stock by category/ })).getAllByRole(
      'table',
    )[0]!;
    expect(within(totals).getByRole('row', { name: /Staples/ }).textContent).toBe('Staples14₹480');
    // Nothing to edit: thresholds are kept by the store and regional managers' devices.
    expect(screen.queryByRole('button', { name: /threshold/i })).toBeNull();

    fireEvent.change(screen.getByLabelText('Store'), { target: { value: 'ST-2' } });
    await waitFor(() =>
      expect(items().map((li) => li.getAttribute('aria-label'))).toEqual(['Basmati rice 1 kg, OK']),
    );

    offline = true;
    fireEvent.change(screen.getByLabelText('Store'), { target: { value: 'ST-1' } });
    expect((await screen.findByRole('alert')).textContent).toContain(NEEDS_CONNECTION);
    expect(screen.queryByRole('list', { name: 'Stock' })).toBeNull();
    offline = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(items().map((li) => li.getAttribute('aria-label'))).toEqual(['Basmati rice 1 kg, Low']),
    );
    expect(calls).toEqual(['ST-1', 'ST-2', 'ST-1', 'ST-1']);
  });
});
