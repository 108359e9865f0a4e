// Demand forecasts from the device (works offline): store managers pick one of their
// store's SKUs and see its forecast over its recent sales; regional managers see the
// region's totals by SKU and how each SKU splits over their stores. Both can try a
// planned promotion (what-if) in the forecast worker.
import { useEffect, useId, useMemo, useState } from 'react';
import type { Identity } from '../../data/auth.ts';
import { Freshness } from '../../ui/Freshness.tsx';
import { createForecastClient, type ForecastClient } from '../../workers-client/forecast.client.ts';
import { ForecastDetail } from './ForecastDetail.tsx';
import { SkuList } from './SkuList.tsx';
import { matchProducts, useForecastCatalog, useForecastDocs, useSalesHistory } from './use-forecasts.ts';
import './forecasts.css';

export interface ForecastsScreenProps {
  readonly identity: Identity;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => number;
  /** The what-if runner; defaults to the comlink forecast worker. */
  readonly client?: ForecastClient;
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

export function ForecastsScreen({ identity, now = Date.now, client: injected }: ForecastsScreenProps) {
  const role = identity.role;
  const regional = role === 'REGIONAL_MANAGER';
  const nowMs = useMinuteClock(now);
  const client = useClient(injected);
  const catalog = useForecastCatalog();
  const { docs, ready } = useForecastDocs();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const searchId = useId();
  const matches = useMemo(() => matchProducts(docs, catalog, query), [docs, catalog, query]);
  const doc = selected === null ? undefined : docs.find((d) => d.sku === selected);
  const history = useSalesHistory(regional ? undefined : identity.storeId, selected);
  const region = regional
    ? (identity.regionId ?? doc?.region_id ?? '')
    : (catalog.regionOfStore(identity.storeId ?? '') ?? '');

  if (role !== 'STORE_MANAGER' && !regional)
    return (
      <p className="note">
        Forecasts on this device are for store and regional managers. Planners see chain-wide forecasts in
        reports.
      </p>
    );
  return (
    <div className="forecasts">
      <Freshness
        collections={regional ? ['forecasts', 'catalog'] : ['forecasts', 'sales_series', 'catalog']}
        now={now}
      />
      {!ready ? (
        <p role="status" className="note">
          Reading forecasts on this device…
        </p>
      ) : docs.length === 0 ? (
        <p className="note" role="status">
          No forecasts on this device yet. They are made every night at 02:00 IST and arrive with the next
          sync.
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
          ) : (
            <p className="note forecast-hint">Choose a product to see its forecast.</p>
          )}
        </div>
      )}
    </div>
  );
}
