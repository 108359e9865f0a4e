// Regional managers: how the region's forecast for one SKU splits over its stores — each
// store's share of the region's recent units, its 7/30-day forecast and how it was made.
import { SHARE_WINDOW_DAYS } from '#shared/forecasting/disaggregate.ts';
import type { ForecastDoc } from '#shared/forecasting/forecast-view.ts';
import { formatPercent, formatUnits } from './format.ts';
import type { ForecastCatalog } from './use-forecasts.ts';

const PATH: Readonly<Record<string, string>> = {
  DIRECT: "Store's own history",
  TOP_DOWN: 'Region × share',
};

export function StoreShares({
  doc,
  catalog,
}: {
  readonly doc: ForecastDoc;
  readonly catalog: ForecastCatalog;
}) {
  const stores = [...doc.stores].sort((a, b) => b.forecast_30d - a.forecast_30d);
  return (
    <section className="card" aria-labelledby="shares-title">
      <h3 id="shares-title">Stores in the region</h3>
      <div className="table-scroll">
        <table className="forecast-table">
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">Share of units, {SHARE_WINDOW_DAYS} days</th>
              <th scope="col">Next 7 days</th>
              <th scope="col">Next 30 days</th>
              <th scope="col">Made from</th>
            </tr>
          </thead>
          <tbody>
            {stores.map((s) => (
              <tr key={s.store_id}>
                <th scope="row">
                  {catalog.storeName(s.store_id)}
                  {s.insufficient_history && <span className="forecast-tag"> · short history</span>}
                </th>
                <td>{formatPercent(s.share)}</td>
                <td>{formatUnits(s.forecast_7d)}</td>
                <td>{formatUnits(s.forecast_30d)}</td>
                <td>{PATH[s.path ?? ''] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
