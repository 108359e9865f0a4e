// Stock by SKU and store from the device (works offline): what needs attention first
// (LOW, then OVERSTOCK), filters by status, category, store and SKU/name, category totals,
// threshold editing that works offline, and movement history when online.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { istBusinessDate } from '#shared/calendar/dates.ts';
import type { InventoryFilter, InventoryRow, StatusFilter } from '#shared/metrics/inventory-view.ts';
import type { ThresholdValues } from '#shared/metrics/thresholds.ts';
import type { Identity } from '../../data/auth.ts';
import { Freshness } from '../../ui/Freshness.tsx';
import { FirstSyncNote } from '../sales/FirstSyncNote.tsx';
import { formatUnits } from '../sales/format.ts';
import { useCatalog } from '../sales/use-catalog.ts';
import { CategoryTotals } from './CategoryTotals.tsx';
import type { LoadMovements } from './MovementHistory.tsx';
import { RejectedThresholds } from './RejectedThresholds.tsx';
import { saveThreshold } from './save-threshold.ts';
import { STATUS_LABEL } from './status.ts';
import { StockItem } from './StockItem.tsx';
import { TURNOVER_DAYS, useInventory } from './use-inventory.ts';
import { readsStoresOnline, useStoreRead } from '../../data/use-store-read.ts';
import { StoreReadStatus } from '../../ui/StoreReadStatus.tsx';
import { StoreSelect } from '../../ui/StoreSelect.tsx';
import { loadStoreStockFromServer, type LoadStoreStock } from './use-store-stock.ts';

const PAGE = 30;
const STATUSES: readonly StatusFilter[] = ['ALL', 'LOW', 'OVERSTOCK', 'OK'];

export interface InventoryScreenProps {
  readonly identity: Identity;
  readonly now?: () => number;
  /** Movement history loader (tests pass a fake; the app calls the RPC). */
  readonly loadMovements?: LoadMovements;
  /** Server stock loader for supply-chain users and admins (tests pass a fake). */
  readonly loadStoreStock?: LoadStoreStock;
}

export function InventoryScreen({
  identity,
  now = Date.now,
  loadMovements,
  loadStoreStock = loadStoreStockFromServer,
}: InventoryScreenProps) {
  const today = istBusinessDate(now());
  const catalog = useCatalog();
  const [status, setStatus] = useState<StatusFilter>('ALL');
  const [category, setCategory] = useState('ALL');
  const [store, setStore] = useState('ALL');
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const deferredSearch = useDeferredValue(search);
  const filter = useMemo<InventoryFilter>(
    () => ({ status, category, store, search: deferredSearch }),
    [status, category, store, deferredSearch],
  );
  useEffect(() => setLimit(PAGE), [filter]);
  // Supply-chain users and admins read one store at a time from the server.
  const fromServer = readsStoresOnline(identity.role);
  const [attempt, setAttempt] = useState(0);
  const serverStore = fromServer ? (store === 'ALL' ? (catalog.storeIds[0] ?? null) : store) : null;
  const stock = useStoreRead(serverStore, attempt, loadStoreStock);
  const remote = fromServer ? (stock?.state === 'ready' ? stock.data : null) : undefined;
  const { view, ready, error, updating } = useInventory(filter, limit, today, catalog, remote);
  const storeManager = identity.role === 'STORE_MANAGER';
  const canEdit = storeManager || identity.role === 'REGIONAL_MANAGER';
  const multiStore = !fromServer && catalog.storeIds.length > 1;
  const collections = storeManager
    ? ['inventory_levels', 'inventory_thresholds', 'sales_series', 'catalog']
    : ['inventory_levels', 'inventory_thresholds', 'catalog'];
  const save = (row: InventoryRow, v: ThresholdValues) => saveThreshold(row.storeId, row.sku, v);
  const nameOfDoc = (id: string): string => {
    const [storeId = '', sku = ''] = id.split('|');
    return `${catalog.productName(sku)} (${sku}) at ${catalog.storeName(storeId)}`;
  };

  if (!canEdit && !fromServer && identity.role !== undefined)
    return (
      <p className="note">
        Stock by SKU and store is kept on the devices of store and regional managers. Your role sees
        chain-wide figures under <a href="#/sales">Sales</a>.
      </p>
    );
  return (
    <div className="inventory">
      {fromServer ? (
        <StoreReadStatus read={stock} what="stock" onRetry={() => setAttempt((n) => n + 1)} />
      ) : (
        <>
          <Freshness collections={collections} now={now} />
          <FirstSyncNote collections={collections} what="stock levels" />
        </>
      )}
      <RejectedThresholds nameOf={nameOfDoc} />
      {error !== null && (
        <p role="alert" className="form-error">
          Could not compute stock figures: {error}
        </p>
      )}
      <div role="group" aria-label="Filter by status" className="sales-segments inventory-statuses">
        {STATUSES.map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
            {s === 'ALL' ? (
              'All'
            ) : (
              <>
                <span aria-hidden="true">{STATUS_LABEL[s].symbol}</span> {STATUS_LABEL[s].text}
              </>
            )}
            {view && (
              <span className="inventory-count">
                {' '}
                {formatUnits(
                  s === 'ALL' ? view.counts.LOW + view.counts.OVERSTOCK + view.counts.OK : view.counts[s],
                )}
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="inventory-filters">
        <label>
          Search SKU or name
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="e.g. ATTA or rice"
          />
        </label>
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="ALL">All categories</option>
            {view?.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        {fromServer && (
          <StoreSelect
            value={serverStore}
            storeIds={catalog.storeIds}
            storeName={catalog.storeName}
            onChange={setStore}
          />
        )}
        {multiStore && (
          <label>
            Store
            <select value={store} onChange={(e) => setStore(e.target.value)}>
              <option value="ALL">All stores</option>
              {catalog.storeIds.map((s) => (
                <option key={s} value={s}>
                  {catalog.storeName(s)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {fromServer && stock?.state !== 'ready' ? null : !ready || view === null ? (
        <p role="status" className="note">
          Reading stock on this device…
        </p>
      ) : (
        <div className="inventory-results" aria-busy={updating}>
          <p className="hint" role="status" aria-live="polite">
            {updating
              ? 'Updating the list…'
              : `${formatUnits(view.matching)} ${view.matching === 1 ? 'item matches' : 'items match'}`}
          </p>
          <ul className="inventory-list" aria-label="Stock">
            {view.rows.map((r) => (
              <StockItem
                key={r.id}
                row={r}
                storeName={multiStore ? catalog.storeName(r.storeId) : null}
                canEdit={canEdit}
                onSave={save}
                {...(loadMovements ? { loadMovements } : {})}
              />
            ))}
          </ul>
          {view.matching > view.rows.length && (
            <button type="button" className="inventory-more" onClick={() => setLimit((n) => n + PAGE)}>
              Show more ({formatUnits(view.matching - view.rows.length)} left)
            </button>
          )}
          <CategoryTotals
            totals={view.categoryTotals}
            where={
              serverStore !== null
                ? catalog.storeName(serverStore)
                : store === 'ALL'
                  ? multiStore
                    ? 'all stores'
                    : catalog.storeName(catalog.storeIds[0] ?? '')
                  : catalog.storeName(store)
            }
          />
          {storeManager && (
            <p className="hint">
              Turnover = units sold in the last {TURNOVER_DAYS} days ÷ stock now. The device keeps today’s
              level, not daily levels, so today’s level stands in for the average: it reads high just before a
              delivery and low just after.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
