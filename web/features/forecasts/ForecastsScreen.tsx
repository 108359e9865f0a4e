// Demand forecasts from the device (works offline): store managers pick one of their
// store's SKUs and see its forecast over its recent sales; regional managers see the
// region's totals by SKU and how each SKU splits over their stores. Both can try a
// planned promotion (what-if) in the forecast worker. Supply-chain users and admins read
// any store's forecasts from the server (needs connection): the store's small list, then
// the product they open, with its history.
import { useEffect, useId, useMemo, useState } from 'react';
import type { Identity } from '../../data/auth.ts';
import { readsStoresOnline, useStoreRead, type StoreRead } from '../../data/use-store-read.ts';
import { Freshness } from '../../ui/Freshness.tsx';
import { StoreReadStatus } from '../../ui/StoreReadStatus.tsx';
import { StoreSelect } from '../../ui/StoreSelect.tsx';
import { createForecastClient, type ForecastClient } from '../../workers-client/forecast.client.ts';
import { ForecastDetail } from './ForecastDetail.tsx';
import { SkuList } from './SkuList.tsx';
import {
  forecastKey,
  matchProducts,
  storeForecastsFromServer,
  useForecastCatalog,
  useForecastDocs,
  useSalesHistory,
  type ForecastListItem,
  type StoreForecastLoaders,
  type StoreForecastOne,
} from './use-forecasts.ts';
import './forecasts.css';

export interface ForecastsScreenProps {
  readonly identity: Identity;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => number;
  /** The what-if runner; defaults to the comlink forecast worker. */
  readonly client?: ForecastClient;
  /** Server loaders for supply-chain users and admins (tests pass fakes). */
  readonly loadStoreForecasts?: StoreForecastLoaders;
}

function useClient(injected: ForecastClient | undefined): ForecastClient | undefined {
  const [client, setClient] = useState<ForecastClient | undefined>(injected);
  useEffect(() => {
    if (injected !== undefined) {
      setClient(injected);
      return;
    }
    const c = createForecastClient();
    setClient(c);
    return () => c.dispose();
  }, [injected]);
  return client;
}

function useMinuteClock(now: () => number): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    const i = setInterval(() => setT(now()), 60_000);
    return () => clearInterval(i);
  }, [now]);
  return t;
}

export function ForecastsScreen({
  identity,
  now = Date.now,
  client: injected,
  loadStoreForecasts = storeForecastsFromServer,
}: ForecastsScreenProps) {
  const role = identity.role;
  const regional = role === 'REGIONAL_MANAGER';
  const fromServer = readsStoresOnline(role);
  const nowMs = useMinuteClock(now);
  const client = useClient(injected);
  const catalog = useForecastCatalog();
  const local = useForecastDocs();
  const [chosenStore, setChosenStore] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const serverStore = fromServer ? (chosenStore ?? catalog.storeIds[0] ?? null) : null;
  const read = useStoreRead(serverStore, attempt, loadStoreForecasts.list);
  const server = read?.state === 'ready' ? read.data : undefined;
  const docs: readonly ForecastListItem[] = fromServer ? (server?.forecasts ?? []) : local.docs;
  const ready = fromServer ? server !== undefined : local.ready;
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const searchId = useId();
  const matches = useMemo(() => matchProducts(docs, catalog, query), [docs, catalog, query]);
  // Online: the opened product's document and history come in their own small read.
  const oneKey =
    fromServer && serverStore !== null && selected !== null ? forecastKey(serverStore, selected) : null;
  const [oneAttempt, setOneAttempt] = useState(0);
  const oneRead = useStoreRead(oneKey, oneAttempt, loadStoreForecasts.one);
  const one = oneRead !== null && oneRead.storeId === oneKey ? oneRead : null;
  const oneData = one?.state === 'ready' ? one.data : undefined;
  const doc = fromServer
    ? (oneData?.forecast ?? undefined)
    : selected === null
      ? undefined
      : local.docs.find((d) => d.sku === selected);
  const localHistory = useSalesHistory(regional || fromServer ? undefined : identity.storeId, selected);
  const history = fromServer ? (oneData?.history ?? undefined) : localHistory;
  const region = regional
    ? (identity.regionId ?? doc?.region_id ?? '')
    : (catalog.regionOfStore((fromServer ? serverStore : identity.storeId) ?? '') ?? '');

  if (role !== 'STORE_MANAGER' && !regional && !fromServer)
    return (
      <p className="note">
        Forecasts on this device are for store and regional managers. Planners see chain-wide forecasts in
        reports.
      </p>
    );
  return (
    <div className="forecasts">
      {fromServer ? (
        <>
          <StoreReadStatus read={read} what="forecasts" onRetry={() => setAttempt((n) => n + 1)} />
          <StoreSelect
            className="forecast-store"
            value={serverStore}
            storeIds={catalog.storeIds}
            storeName={catalog.storeName}
            onChange={(id) => {
              setChosenStore(id);
              setSelected(null);
            }}
          />
        </>
      ) : (
        <Freshness
          collections={regional ? ['forecasts', 'catalog'] : ['forecasts', 'sales_series', 'catalog']}
          now={now}
        />
      )}
      {fromServer && !ready ? null : !ready ? (
        <p role="status" className="note">
          Reading forecasts on this device…
        </p>
      ) : docs.length === 0 ? (
        <p className="note" role="status">
          {fromServer
            ? 'No forecasts for this store yet. They are made every night at 02:00 IST.'
            : 'No forecasts on this device yet. They are made every night at 02:00 IST and arrive with the next sync.'}
        </p>
      ) : (
        <div className="forecasts-layout">
          <SkuList
            query={query}
            onQuery={setQuery}
            matches={matches}
            total={docs.length}
            catalog={catalog}
            selected={selected}
            onPick={setSelected}
            regional={regional}
            searchId={searchId}
          />
          {doc !== undefined && client !== undefined ? (
            <ForecastDetail
              doc={doc}
              history={history}
              region={region}
              catalog={catalog}
              client={client}
              nowMs={nowMs}
              onBack={() => document.getElementById(searchId)?.focus()}
            />
          ) : fromServer && selected !== null ? (
            <OneStatus read={one} onRetry={() => setOneAttempt((n) => n + 1)} />
          ) : (
            <p className="note forecast-hint">Choose a product to see its forecast.</p>
          )}
        </div>
      )}
    </div>
  );
}

/** The opened product's online read, until its forecast is here (or why it is not). */
function OneStatus({
  read,
  onRetry,
}: {
  readonly read: StoreRead<StoreForecastOne> | null;
  readonly onRetry: () => void;
}) {
  if (read === null || read.state === 'loading')
    return (
      <p className="note forecast-hint" role="status">
        Loading this product’s forecast from the server…
      </p>
    );
  if (read.state === 'unavailable')
    return (
      <div role="alert" className="form-error forecast-hint">
        <p>Could not load this product’s forecast: {read.message}</p>
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  return (
    <p className="note forecast-hint" role="status">
      No current forecast for this product at this store. Forecasts are made every night at 02:00 IST.
    </p>
  );
}
