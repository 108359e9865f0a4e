// The Sales screen over a real RxDB database (memory storage) holding each role's slice:
// the numbers for the chosen IST range, growth against the period before, the range
// filter changing them, drill-down, today vs last week, and every chart's table.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollectionName } from '../../shared/sync/schemas.ts';
import type { Identity } from '../../web/data/auth.ts';
import { useLocalDb } from '../../web/data/local-docs.ts';
import { openUserDatabase } from '../../web/data/sync-database.ts';
import { clearViews } from '../../web/data/view-cache.ts';
import { useSyncStatus } from '../../web/data/sync-status.store.ts';
import { SalesScreen } from '../../web/features/sales/SalesScreen.tsx';
import { metricsClient } from '../../web/workers-client/metrics.client.ts';

// echarts draws nothing useful in happy-dom; the tables carry the same numbers.
vi.mock('../../web/ui/charts/EChart.tsx', () => ({ default: () => null }));

// 12:00 IST on Thursday 3 Dec 2026; the slice's 90 days start on 5 Sep.
const NOW = Date.parse('2026-12-03T06:30:00Z');
const now = (): number => NOW;
const START = '2026-09-05';
let db: RxDatabase | undefined;
let n = 0;

const identity = (role: Identity['role'], extra: Partial<Identity> = {}): Identity => ({
  userId: `dom-sales-${++n}`,
  email: 'someone@demo.bharatretail.in',
  role,
  storeId: undefined,
  regionId: undefined,
  scopeVersion: 1,
  ...extra,
});

async function open(
  id: Identity,
  only: readonly CollectionName[],
  docs: Partial<Record<CollectionName, object[]>>,
) {
  db = await openUserDatabase(
    { userId: id.userId, role: id.role, storeId: id.storeId, regionId: id.regionId, scopeVersion: 1 },
    getRxStorageMemory(),
    { multiInstance: false, only },
  );
  for (const [name, rows] of Object.entries(docs)) await db.collections[name]!.bulkInsert(rows);
  useLocalDb.getState().setDb(db);
  // What the sync engine does on opening: the stored last-synced times (none yet).
  useSyncStatus.getState().hydrateSynced({});
}

afterEach(async () => {
  cleanup();
  useSyncStatus.getState().reset();
  useLocalDb.getState().setDb(undefined);
  await db?.remove();
  db = undefined;
});

// 90 days; the last 7 (27 Nov – 3 Dec) sell twice as much as the days before.
const series = (sku: string, perDay: number, units: number) => ({
  id: `ST-1|${sku}`,
  store_id: 'ST-1',
  sku,
  start_date: START,
  units: Array.from({ length: 90 }, (_, i) => (i >= 83 ? units : units / 2)),
  revenue: Array.from({ length: 90 }, (_, i) => (i >= 83 ? perDay : perDay / 2)),
});
const hour = (at: string, revenue: number, tx: number) => ({
  id: `ST-1|${at}`,
  store_id: 'ST-1',
  hour_start: at,
  revenue,
  units: 1,
  transaction_count: tx,
});
const catalog = [
  { id: 'store:ST-1', kind: 'store', code: 'ST-1', name: 'Delhi Bazaar 1', region_id: 'NORTH' },
  { id: 'store:ST-2', kind: 'store', code: 'ST-2', name: 'Jaipur Market', region_id: 'NORTH' },
  { id: 'region:NORTH', kind: 'region', code: 'NORTH', name: 'North' },
  { id: 'region:SOUTH', kind: 'region', code: 'SOUTH', name: 'South' },
  { id: 'product:RICE-1', kind: 'product', code: 'RICE-1', name: 'Basmati rice 1 kg', category: 'Staples' },
  { id: 'product:MILK-1', kind: 'product', code: 'MILK-1', name: 'Toned milk 1 L', category: 'Dairy' },
];

const kpi = (label: string): string => {
  const dt = screen.getByText(label, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? '';
};

describe('Sales screen, store manager', () => {
  async function setup() {
    await open(identity('STORE_MANAGER', { storeId: 'ST-1' }), ['catalog', 'sales_series', 'hourly_sales'], {
      catalog,
      sales_series: [series('RICE-1', 100, 2), series('MILK-1', 50, 5)],
      hourly_sales: [
        hour('2026-12-03T03:30:00Z', 100, 4), // 09:00 IST today
        hour('2026-12-03T05:30:00Z', 50, 1), // 11:00 IST today
        hour('2026-11-26T04:30:00Z', 60, 2), // 10:00 IST last Thursday
        hour('2026-11-26T10:30:00Z', 500, 9), // 16:00 IST last Thursday: after "now" of day
      ],
    });
    render(<SalesScreen identity={identity('STORE_MANAGER', { storeId: 'ST-1' })} now={now} />);
    await screen.findByText('Revenue', { selector: 'dt' });
  }

  it('shows the last 7 days big numbers with growth, and today vs the same hours last week', async () => {
    await setup();
    expect(kpi('Revenue')).toContain('₹1.05K'); // 7 × (100 + 50) rupees
    expect(kpi('Revenue')).toContain('▲ up 100.0%'); // the 7 days before sold half
    expect(kpi('Units sold')).toContain('49');
    expect(kpi('Avg. transaction value')).toContain('₹210'); // 1,050 / 5 baskets (hourly rollup)
    // Never synced: the zeros could mean "not downloaded yet", and the screen says so.
    expect(screen.getByText(/Downloading sales to this device for the first time/)).toBeTruthy();
    act(() => {
      for (const c of ['sales_series', 'hourly_sales', 'catalog'])
        useSyncStatus.getState().markSynced(c, NOW);
    });
    expect(screen.queryByText(/Downloading sales/)).toBeNull();
    const today = screen.getByRole('region', { name: 'Today vs last Thursday' });
    expect(today.textContent).toContain('₹150 today so far');
    expect(today.textContent).toContain('₹60 last Thursday by 13:00');
    expect(today.textContent).toContain('up 150.0%');
  });

  it('changes the numbers with the range filter and refuses a bad custom range', async () => {
    await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(kpi('Revenue')).toContain('₹150'));
    expect(kpi('Revenue')).toContain('vs the day before');
    fireEvent.click(screen.getByRole('button', { name: '30 days' }));
    // 7 days at 150 + 23 days at 75 = 2,775 rupees.
    await waitFor(() => expect(kpi('Revenue')).toContain('₹2.77K'));
    fireEvent.click(screen.getByRole('button', { name: 'Custom' }));
    const form = screen.getByRole('form', { name: 'Custom date range' });
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '2026-12-02' } });
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: '2026-12-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert').textContent).toBe('Start date must be on or before the end date.');
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: '2026-12-03' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(kpi('Revenue')).toContain('₹300')); // 2 days inclusive
  });

  it('while a new range or level is computed, keeps the old figures dimmed as updating, never under the new level’s heading', async () => {
    await setup();
    // Hold the next computations until released, as a slow phone's worker would.
    const client = metricsClient();
    const real = client.salesFromSeries.bind(client);
    const held: (() => void)[] = [];
    const spy = vi
      .spyOn(client, 'salesFromSeries')
      .mockImplementation((input) => new Promise((resolve) => held.push(() => resolve(real(input)))));
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Today' }));
      await screen.findByText('Updating the figures…');
      const figures = screen.getByText('Updating the figures…').parentElement!;
      expect(figures.getAttribute('aria-busy')).toBe('true');
      expect(kpi('Revenue')).toContain('₹1.05K'); // the 7-day view, still in place
      const release = () => {
        for (const r of held.splice(0)) r();
      };
      await waitFor(() => {
        release();
        expect(kpi('Revenue')).toContain('₹150');
      });
      expect(screen.queryByText('Updating the figures…')).toBeNull();
      expect(figures.getAttribute('aria-busy')).toBe('false');

      // Drilling into a category: the categories' rows must not appear as products.
      const list = screen.getByRole('region', { name: 'Revenue by category' });
      fireEvent.click(within(list).getByRole('button', { name: /Staples/ }));
      await screen.findByText('Updating the figures…');
      expect(screen.queryByRole('region', { name: 'Revenue by category' })).toBeNull();
      expect(screen.queryByRole('region', { name: 'Revenue by product' })).toBeNull();
      const products = await waitFor(() => {
        release();
        return screen.getByRole('region', { name: 'Revenue by product' });
      });
      expect(products.textContent).toContain('Basmati rice 1 kg (RICE-1)');
      expect(screen.queryByText('Updating the figures…')).toBeNull();
    } finally {
      spy.mockRestore();
      for (const release of held) release();
    }
  });

  it('drills from categories to products and back, with every chart readable as a table', async () => {
    await setup();
    const list = screen.getByRole('region', { name: 'Revenue by category' });
    const rows = within(list)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(rows[0]).toContain('Staples');
    expect(rows[0]).toContain('₹700');
    expect(rows[1]).toContain('Dairy');
    // The charts' tables are in the page (hidden visually until "Show as table").
    expect(screen.getAllByRole('table').length).toBeGreaterThanOrEqual(3);
    fireEvent.click(within(list).getByRole('button', { name: /Staples/ }));
    const products = await screen.findByRole('region', { name: 'Revenue by product' });
    await waitFor(() => expect(products.textContent).toContain('Basmati rice 1 kg (RICE-1)'));
    expect(products.textContent).not.toContain('MILK-1');
    expect(kpi('Revenue')).toContain('₹700');
    fireEvent.click(screen.getByRole('button', { name: 'All categories' }));
    await screen.findByRole('region', { name: 'Revenue by category' });
    const toggles = screen.getAllByRole('button', { name: 'Show as table' });
    fireEvent.click(toggles[0]!);
    expect(screen.getByRole('button', { name: 'Show as chart' })).toBeTruthy();
  });
});

// A store_sales / region_sales pack: 90 days from START, `days` maps a date to
// [revenue, transactions] (units 1 on a day with sales).
const pack = (
  key: 'store_id' | 'region_id',
  id: string,
  category: string,
  days: Record<string, readonly [number, number]>,
) => {
  const dates = Array.from({ length: 90 }, (_, i) =>
    new Date(Date.parse(START) + i * 86_400_000).toISOString().slice(0, 10),
  );
  const at = (d: string, k: 0 | 1) => days[d]?.[k] ?? 0;
  return {
    id: `${id}|${category}`,
    [key]: id,
    category,
    start_date: START,
    revenue: dates.map((d) => at(d, 0)),
    units: dates.map((d) => (days[d] === undefined ? 0 : 1)),
    transactions: dates.map((d) => at(d, 1)),
  };
};

describe('Sales screen, regional manager and executive', () => {
  it('a regional manager starts at the region’s stores and drills into a store’s categories', async () => {
    const id = identity('REGIONAL_MANAGER', { regionId: 'NORTH' });
    await open(id, ['catalog', 'store_sales'], {
      catalog,
      store_sales: [
        pack('store_id', 'ST-1', 'Staples', { '2026-12-03': [1000, 10] }),
        pack('store_id', 'ST-1', 'Dairy', { '2026-12-03': [500, 5] }),
        // 12 baskets on 3 Dec, 3 of them with both Staples and Dairy.
        pack('store_id', 'ST-1', '*', { '2026-12-03': [1500, 12] }),
        pack('store_id', 'ST-2', 'Staples', {
          '2026-12-01': [3000, 20],
          '2026-11-26': [6000, 30],
          '2026-11-20': [2000, 20],
        }),
        pack('store_id', 'ST-2', '*', {
          '2026-12-01': [3000, 20],
          '2026-11-26': [6000, 30],
          '2026-11-20': [2000, 20],
        }),
      ],
    });
    render(<SalesScreen identity={id} now={now} />);
    const stores = await screen.findByRole('region', { name: 'Revenue by store' });
    await waitFor(() => expect(kpi('Revenue')).toContain('₹4.50K'));
    expect(kpi('Revenue')).toContain('down 43.8%'); // 4,500 against 2,000 + 6,000
    // Daily packs have no hours: today so far against last Thursday's whole day is a share
    // of that day reached, not a "down".
    const todayCard = screen.getByRole('region', { name: 'Today vs last Thursday' });
    expect(todayCard.textContent).toContain('₹6.00K last Thursday (whole day)');
    expect(todayCard.textContent).toContain('25% of last Thursday’s whole day so far');
    expect(todayCard.textContent).not.toContain('down');
    // 4,500 / 32 baskets (summing categories would say 35).
    expect(kpi('Avg. transaction value')).toContain('₹141');
    const rows = within(stores)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(rows[0]).toContain('Jaipur Market');
    expect(rows[1]).toContain('Delhi Bazaar 1');
    expect(screen.getByText(/hourly curve is per store/)).toBeTruthy();
    fireEvent.click(within(stores).getByRole('button', { name: /Delhi Bazaar 1/ }));
    const cats = await screen.findByRole('region', { name: 'Revenue by category' });
    await waitFor(() => expect(kpi('Revenue')).toContain('₹1.50K'));
    expect(cats.textContent).toContain('Staples');
    expect(cats.textContent).toContain('Dairy');
    // Drilled into the store: its own '*' pack, 1,500 / 12.
    expect(kpi('Avg. transaction value')).toContain('₹125');
  });

  it('a warm start shows the view last computed for this user and query while the device is read', async () => {
    const id = identity('REGIONAL_MANAGER', { regionId: 'NORTH' });
    await open(id, ['catalog', 'store_sales'], {
      catalog,
      store_sales: [
        pack('store_id', 'ST-1', 'Staples', { '2026-12-03': [1000, 10] }),
        pack('store_id', 'ST-1', '*', { '2026-12-03': [1000, 10] }),
      ],
    });
    const first = render(<SalesScreen identity={id} now={now} />);
    await waitFor(() => expect(kpi('Revenue')).toContain('₹1.00K'));
    first.unmount();
    // The reload: IndexedDB is not open yet, and the numbers are there at the first render.
    useLocalDb.getState().setDb(undefined);
    const warm = render(<SalesScreen identity={id} now={now} />);
    expect(kpi('Revenue')).toContain('₹1.00K');
    warm.unmount();
    // Nobody else sees them: another user, another scope version, or after logout.
    for (const other of [identity('REGIONAL_MANAGER', { regionId: 'NORTH' }), { ...id, scopeVersion: 2 }]) {
      const r = render(<SalesScreen identity={other} now={now} />);
      expect(screen.queryByText('Revenue', { selector: 'dt' })).toBeNull();
      r.unmount();
    }
    clearViews();
    render(<SalesScreen identity={id} now={now} />);
    expect(screen.queryByText('Revenue', { selector: 'dt' })).toBeNull();
  });

  it('a warm start at the top level never shows a drilled-into region’s cached numbers', async () => {
    const id = identity('EXECUTIVE');
    await open(id, ['catalog', 'region_sales', 'store_sales'], {
      catalog,
      region_sales: [
        pack('region_id', 'NORTH', '*', { '2026-12-03': [4000, 30] }),
        pack('region_id', 'NORTH', 'Staples', { '2026-12-03': [4000, 30] }),
        pack('region_id', 'SOUTH', '*', { '2026-12-03': [1000, 10] }),
        pack('region_id', 'SOUTH', 'Staples', { '2026-12-03': [1000, 10] }),
      ],
      store_sales: [
        pack('store_id', 'ST-1', '*', { '2026-12-03': [4000, 30] }),
        pack('store_id', 'ST-1', 'Staples', { '2026-12-03': [4000, 30] }),
      ],
    });
    const first = render(<SalesScreen identity={id} now={now} />);
    const regions = await screen.findByRole('region', { name: 'Revenue by region' });
    await waitFor(() => expect(kpi('Revenue')).toContain('₹5.00K'));
    fireEvent.click(within(regions).getByRole('button', { name: /North/ }));
    await screen.findByRole('region', { name: 'Revenue by store' });
    await waitFor(() => expect(kpi('Revenue')).toContain('₹4.00K'));
    first.unmount();
    // The reload opens at the top again: its cached view is the chain's, not North's.
    useLocalDb.getState().setDb(undefined);
    render(<SalesScreen identity={id} now={now} />);
    expect(kpi('Revenue')).toContain('₹5.00K');
  });

  it('an executive starts at regions, with baskets counted once', async () => {
    const id = identity('EXECUTIVE');
    await open(id, ['catalog', 'region_sales'], {
      catalog,
      region_sales: [
        pack('region_id', 'NORTH', 'Staples', { '2026-12-03': [150000, 100] }),
        pack('region_id', 'NORTH', 'Dairy', { '2026-12-03': [100000, 60] }),
        pack('region_id', 'NORTH', '*', { '2026-12-03': [250000, 120] }),
        pack('region_id', 'SOUTH', 'Dairy', { '2026-12-03': [150000, 50] }),
        pack('region_id', 'SOUTH', '*', { '2026-12-03': [150000, 50] }),
      ],
    });
    render(<SalesScreen identity={id} now={now} />);
    const regions = await screen.findByRole('region', { name: 'Revenue by region' });
    await waitFor(() => expect(kpi('Revenue')).toContain('₹4.00 L'));
    expect(regions.textContent).toContain('North');
    expect(regions.textContent).toContain('South');
    // 4,00,000 / 170 baskets (summing categories would say 210 → ₹1,905).
    expect(kpi('Avg. transaction value')).toContain('₹2,353');
  });

  it('an executive drills region → store → category, with baskets counted once at each level', async () => {
    const id = identity('EXECUTIVE');
    await open(id, ['catalog', 'region_sales', 'store_sales'], {
      catalog,
      region_sales: [
        pack('region_id', 'NORTH', 'Staples', { '2026-12-03': [4000, 30] }),
        pack('region_id', 'NORTH', '*', { '2026-12-03': [4000, 30] }),
      ],
      store_sales: [
        pack('store_id', 'ST-1', 'Staples', { '2026-12-03': [1000, 10] }),
        pack('store_id', 'ST-1', 'Dairy', { '2026-12-03': [500, 5] }),
        pack('store_id', 'ST-1', '*', { '2026-12-03': [1500, 12] }),
        pack('store_id', 'ST-2', 'Staples', { '2026-12-03': [2500, 18] }),
        pack('store_id', 'ST-2', '*', { '2026-12-03': [2500, 18] }),
      ],
    });
    render(<SalesScreen identity={id} now={now} />);
    const regions = await screen.findByRole('region', { name: 'Revenue by region' });
    await waitFor(() => expect(kpi('Revenue')).toContain('₹4.00K'));
    // The top level needs only the region packs; the store packs may still be on their way.
    act(() => {
      for (const c of ['region_sales', 'catalog']) useSyncStatus.getState().markSynced(c, NOW);
    });
    expect(screen.queryByText(/Downloading sales/)).toBeNull();
    fireEvent.click(within(regions).getByRole('button', { name: /North/ }));
    expect(screen.getByText(/Downloading sales to this device for the first time/)).toBeTruthy();
    const stores = await screen.findByRole('region', { name: 'Revenue by store' });
    expect(stores.textContent).toContain('Jaipur Market');
    expect(stores.textContent).toContain('Delhi Bazaar 1');
    // The region from its stores' packs: 4,000 / 30 baskets.
    expect(kpi('Revenue')).toContain('₹4.00K');
    expect(kpi('Avg. transaction value')).toContain('₹133');
    const crumbs = screen.getByRole('navigation', { name: 'Drill-down' });
    expect(crumbs.textContent).toBe('All regions › North');
    fireEvent.click(within(stores).getByRole('button', { name: /Delhi Bazaar 1/ }));
    const cats = await screen.findByRole('region', { name: 'Revenue by category' });
    await waitFor(() => expect(kpi('Revenue')).toContain('₹1.50K'));
    expect(cats.textContent).toContain('Dairy');
    expect(kpi('Avg. transaction value')).toContain('₹125'); // 1,500 / 12
    expect(crumbs.textContent).toBe('All regions › North › Delhi Bazaar 1');
    fireEvent.click(within(crumbs).getByRole('button', { name: 'All regions' }));
    await screen.findByRole('region', { name: 'Revenue by region' });
  });
});
