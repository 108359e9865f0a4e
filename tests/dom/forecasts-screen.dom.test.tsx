// The Forecast screen over a real RxDB database (memory storage) holding a small slice:
// SKU search from the catalog, a store manager's forecast over its recent sales with
// 80/95% ranges, model, accuracy, festival markers, the stale flag (Property 13) and the
// short-history note (Property 10); the what-if through the forecast client; a regional
// manager's view with the stores' shares.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../web/data/auth.ts';
import { useLocalDb } from '../../web/data/local-docs.ts';
import { openUserDatabase } from '../../web/data/sync-database.ts';
import { ForecastsScreen } from '../../web/features/forecasts/ForecastsScreen.tsx';
import type { StoreForecastLoaders } from '../../web/features/forecasts/use-forecasts.ts';
import { mainThreadForecastClient } from '../../web/workers-client/forecast.client.ts';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const now = (): number => NOW;
const client = mainThreadForecastClient();
let db: RxDatabase | undefined;
let n = 0;

const fill = (v: number) => Array.from({ length: 30 }, () => v);
const forecast = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  kind: 'store',
  store_id: 'S1',
  region_id: null,
  sku: 'RICE-1',
  run_date: '2026-12-03',
  start_date: '2026-12-03',
  generated_at: '2026-12-02T20:40:00Z',
  model: 'ETS(A,N,A)',
  path: 'TOP_DOWN',
  share: 0.125,
  insufficient_history: false,
  history_days: 400,
  point: fill(10),
  lower80: fill(7),
  upper80: fill(13),
  lower95: fill(5),
  upper95: fill(15),
  forecast_7d: 70,
  forecast_30d: 300,
  store_count: null,
  stores: [],
  accuracy7: {
    window_days: 7,
    run_date: '2026-11-20',
    window_end: '2026-11-26',
    accuracy_percent: 61.2,
    total_accuracy_percent: 87.5,
    wape: 0.25,
    coverage80: 0.8,
    coverage95: 1,
  },
  accuracy30: null,
  ...over,
});

const SM: Identity = {
  userId: 'u-sm',
  email: 'sm@t.in',
  role: 'STORE_MANAGER',
  storeId: 'S1',
  regionId: undefined,
  scopeVersion: 1,
};
const RM: Identity = {
  ...SM,
  userId: 'u-rm',
  role: 'REGIONAL_MANAGER',
  storeId: undefined,
  regionId: 'NORTH',
};

async function openDb(identity: Identity, docs: Record<string, unknown>[]): Promise<void> {
  n += 1;
  db = await openUserDatabase(
    {
      userId: `dom-forecasts-${n}`,
      role: identity.role,
      storeId: identity.storeId,
      regionId: identity.regionId,
      scopeVersion: 1,
    },
    getRxStorageMemory(),
    { multiInstance: false, only: ['catalog', 'forecasts', 'sales_series'] },
  );
  await db.collections['catalog']!.bulkInsert([
    { id: 'region:NORTH', kind: 'region', code: 'NORTH', name: 'North' },
    { id: 'store:S1', kind: 'store', code: 'S1', name: 'Connaught Place', region_id: 'NORTH' },
    { id: 'store:S2', kind: 'store', code: 'S2', name: 'Karol Bagh', region_id: 'NORTH' },
    { id: 'product:RICE-1', kind: 'product', code: 'RICE-1', name: 'Basmati rice 1 kg', category: 'Staples' },
    { id: 'product:DAL-1', kind: 'product', code: 'DAL-1', name: 'Toor dal 1 kg', category: 'Staples' },
  ]);
  if (docs.length > 0) await db.collections['forecasts']!.bulkInsert(docs);
  // 90 days ending today (2026-12-03), as sync_pull_sales_series sends them
  await db.collections['sales_series']?.insert({
    id: 'S1|RICE-1',
    store_id: 'S1',
    sku: 'RICE-1',
    start_date: '2026-09-05',
    units: Array.from({ length: 90 }, (_, i) => 8 + (i % 7)),
    revenue: Array.from({ length: 90 }, () => 0),
  });
  useLocalDb.getState().setDb(db);
}

afterEach(async () => {
  cleanup();
  useLocalDb.getState().setDb(undefined);
  await db?.remove();
  db = undefined;
});

const text = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ');
/** A table row's cells, joined by " | ". */
const cells = (row: Element): string => Array.from(row.children, (c) => text(c).trim()).join(' | ');

describe('Forecast screen, store manager', () => {
  const docs = () => [
    forecast('store:S1|RICE-1'),
    forecast('store:S1|DAL-1', {
      sku: 'DAL-1',
      model: 'FALLBACK',
      path: 'DIRECT',
      insufficient_history: true,
      history_days: 120,
      generated_at: '2026-12-02T04:00:00Z',
      forecast_7d: 14,
      forecast_30d: 60,
      point: fill(2),
      accuracy7: null,
    }),
  ];

  it('lists SKUs by forecast and finds one by name', async () => {
    await openDb(SM, docs());
    render(<ForecastsScreen identity={SM} now={now} client={client} />);
    const list = await screen.findByRole('table', { name: /Highest 30-day forecast/ });
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('button').textContent)).toEqual([
      'Basmati rice 1 kg',
      'Toor dal 1 kg',
    ]);
    fireEvent.change(screen.getByLabelText('Find a product'), { target: { value: 'dal' } });
    const found = await screen.findByRole('table', { name: /1 product match “dal”/ });
    expect(
      within(found)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Toor dal 1 kg']);
  });

  it('shows a forecast over its history with ranges, model, accuracy and festivals', async () => {
    await openDb(SM, docs());
    render(<ForecastsScreen identity={SM} now={now} client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Basmati rice 1 kg' }));
    const detail = await screen.findByRole('article', { name: /Basmati rice 1 kg \(RICE-1\)/ });
    // the sales history arrives from its own collection
    await waitFor(() => expect(text(detail)).toContain('Units sold and forecast'));
    const all = text(detail);
    expect(all).toContain('Connaught Place');
    expect(all).toContain('✓ Generated');
    expect(all).toContain('Next 7 days70 units');
    expect(all).toContain('Next 30 days300 units');
    expect(all).toContain('Exponential smoothing with weekly pattern');
    expect(all).toContain("region's forecast for this product × this store's recent share (12.5%");
    expect(all).toContain('87.5% on the 7-day total');
    expect(all).toContain('daily 100 − MAPE 61.2%');
    expect(all).toContain('WAPE 25.0%');
    expect(all).not.toContain('Short history');
    // Diwali (8 Nov) is in the 8 weeks of history shown, Christmas in the forecast
    expect(all).toMatch(/Diwali Sun, 8 Nov/);
    expect(all).toMatch(/Christmas Fri, 25 Dec \(forecast includes/);
    // the chart's table: 56 days of history then 30 forecast days
    const table = within(detail).getByRole('table', { hidden: true, name: '' });
    const body = within(table).getAllByRole('row').slice(1);
    expect(body).toHaveLength(56 + 30);
    expect(cells(body[55]!)).toMatch(/^Wed, 2 Dec \| \d+ \| — \| — \| — \| $/);
    expect(cells(body[56]!)).toBe('Thu, 3 Dec | — | 10 | 7–13 | 5–15 | ');
    expect(text(body.find((r) => text(r).includes('8 Nov'))!)).toContain('Diwali');
  });

  it('flags a stale forecast and explains a short history', async () => {
    await openDb(SM, docs());
    render(<ForecastsScreen identity={SM} now={now} client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Toor dal 1 kg' }));
    const detail = await screen.findByRole('article', { name: /Toor dal/ });
    expect(text(within(detail).getByTestId('forecast-generated'))).toContain('⚠ Stale:');
    expect(text(within(detail).getByTestId('forecast-generated'))).toContain('30 h ago');
    expect(text(within(detail).getByRole('note'))).toContain('under 12 months of sales (120 days)');
    expect(text(detail)).toContain('Not scored yet');
  });

  it('applies a planned promotion through the forecast client', async () => {
    await openDb(SM, docs());
    render(<ForecastsScreen identity={SM} now={now} client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Basmati rice 1 kg' }));
    const panel = await screen.findByRole('region', { name: 'What if we run a promotion?' });
    fireEvent.change(within(panel).getByLabelText('Expected uplift (%)'), { target: { value: '50' } });
    fireEvent.change(within(panel).getByLabelText('From'), { target: { value: '2026-12-05' } });
    fireEvent.change(within(panel).getByLabelText('To'), { target: { value: '2026-12-08' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Show the effect' }));
    const result = await within(panel).findByRole('status');
    // 4 days × 10 units × 50%
    expect(text(result)).toContain(
      '▲ 20 units more over the next 30 days (4 promotion days); 30-day total 320 instead of 300',
    );
    // a promotion that ends before it starts is explained by the shared core's error
    fireEvent.change(within(panel).getByLabelText('From'), { target: { value: '2026-12-09' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Show the effect' }));
    expect(text(await within(panel).findByRole('alert'))).toContain(
      'promotion.to (2026-12-08) is before promotion.from (2026-12-09)',
    );
  });
});

describe('Forecast screen, regional manager', () => {
  it('shows the region totals by SKU and how a SKU splits over the stores', async () => {
    await openDb(RM, [
      forecast('region:NORTH|RICE-1', {
        kind: 'region',
        store_id: null,
        region_id: 'NORTH',
        path: null,
        share: null,
        store_count: 2,
        forecast_7d: 140,
        forecast_30d: 600,
        stores: [
          {
            store_id: 'S1',
            forecast_7d: 84,
            forecast_30d: 360,
            share: 0.6,
            path: 'DIRECT',
            model: 'ETS(A,N,A)',
            insufficient_history: false,
          },
          {
            store_id: 'S2',
            forecast_7d: 56,
            forecast_30d: 240,
            share: 0.4,
            path: 'TOP_DOWN',
            model: 'ETS(A,N,A)',
            insufficient_history: true,
          },
        ],
      }),
    ]);
    render(<ForecastsScreen identity={RM} now={now} client={client} />);
    const list = await screen.findByRole('table', { name: /Region totals: highest 30-day forecast/ });
    expect(cells(within(list).getAllByRole('row')[1]!)).toBe('Basmati rice 1 kg RICE-1 | 140 | 600');
    fireEvent.click(within(list).getByRole('button', { name: 'Basmati rice 1 kg' }));
    const detail = await screen.findByRole('article', { name: /Basmati rice 1 kg \(RICE-1\) · North/ });
    const shares = within(detail).getByRole('region', { name: 'Stores in the region' });
    const rows = within(shares).getAllByRole('row').slice(1).map(cells);
    expect(rows).toEqual([
      "Connaught Place | 60.0% | 84 | 360 | Store's own history",
      'Karol Bagh · short history | 40.0% | 56 | 240 | Region × share',
    ]);
    await waitFor(() => expect(text(detail)).toContain('Forecast with 80% and 95% ranges'));
  });

  it('tells other roles where forecasts are', async () => {
    const exec: Identity = { ...SM, role: 'EXECUTIVE', storeId: undefined };
    render(<ForecastsScreen identity={exec} now={now} client={client} />);
    expect(screen.getByText(/for store and regional managers/)).toBeTruthy();
  });
});

describe('Forecast screen, supply chain', () => {
  it('reads a store’s small list from the server, then the product opened, with its history', async () => {
    const supply: Identity = { ...SM, userId: 'u-sc', role: 'SUPPLY_CHAIN_USER', storeId: undefined };
    await openDb(supply, []);
    const calls: string[] = [];
    // The product read waits until the test lets it answer, or fails once (a dropped link).
    let failNext = false;
    const pending: (() => void)[] = [];
    const load: StoreForecastLoaders = {
      list: async (store) => {
        calls.push(`list ${store}`);
        return {
          ok: true,
          data: {
            as_of: '2026-12-03T10:00:00Z',
            forecasts: [
              {
                sku: 'RICE-1',
                run_date: '2026-12-03',
                model: 'ETS(A,N,A)',
                insufficient_history: false,
                forecast_7d: 70,
                forecast_30d: store === 'S1' ? 300 : 90,
              },
            ],
          },
        };
      },
      one: (key) => {
        calls.push(`one ${key}`);
        const [store = ''] = key.split('|');
        if (failNext) {
          failNext = false;
          return Promise.resolve({
            ok: false,
            reason: 'offline',
            message: 'needs connection: you are offline.',
          } as const);
        }
        return new Promise((resolve) =>
          pending.push(() =>
            resolve({
              ok: true,
              data: {
                as_of: '2026-12-03T10:00:00Z',
                forecast: forecast(`store:${store}|RICE-1`, { store_id: store }),
                history: {
                  id: key,
                  store_id: store,
                  sku: 'RICE-1',
                  start_date: '2026-09-05',
                  units: Array.from({ length: 90 }, () => 9),
                },
              },
            }),
          ),
        );
      },
    };
    render(<ForecastsScreen identity={supply} now={now} client={client} loadStoreForecasts={load} />);
    const list = await screen.findByRole('table', { name: /Highest 30-day forecast/ });
    expect(cells(within(list).getAllByRole('row')[1]!)).toBe('Basmati rice 1 kg RICE-1 | 70 | 300');
    expect(screen.getByTestId('freshness').textContent).toContain('Live from the server');
    failNext = true;
    fireEvent.click(within(list).getByRole('button', { name: 'Basmati rice 1 kg' }));
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('Could not load this product’s forecast: needs connection');
    fireEvent.click(within(failed).getByRole('button', { name: 'Try again' }));
    await screen.findByText('Loading this product’s forecast from the server…');
    await act(async () => pending.shift()?.());
    const detail = await screen.findByRole('article', {
      name: /Basmati rice 1 kg \(RICE-1\) · Connaught Place/,
    });
    // The store's sales history from the same answer, under the forecast.
    await waitFor(() => expect(text(detail)).toContain('Units sold and forecast, with 80% and 95% ranges'));

    fireEvent.change(screen.getByLabelText('Store'), { target: { value: 'S2' } });
    await waitFor(() =>
      expect(
        cells(within(screen.getByRole('table', { name: /Highest 30-day forecast/ })).getAllByRole('row')[1]!),
      ).toBe('Basmati rice 1 kg RICE-1 | 70 | 90'),
    );
    expect(screen.getByText('Choose a product to see its forecast.')).toBeTruthy();
    expect(calls).toEqual(['list S1', 'one S1|RICE-1', 'one S1|RICE-1', 'list S2']);
  });
});
