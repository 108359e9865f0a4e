// Pick a SKU: search by product name or code over the SKUs that have a forecast; without
// a search, the SKUs with the highest 30-day forecast (for regional managers: the region's
// totals by SKU).
import { formatUnits } from './format.ts';
import type { ForecastCatalog, ForecastListItem } from './use-forecasts.ts';

export const LIST_LIMIT = 20;

export interface SkuListProps {
  readonly query: string;
  readonly onQuery: (q: string) => void;
  readonly matches: readonly ForecastListItem[];
  readonly total: number;
  readonly catalog: ForecastCatalog;
  readonly selected: string | null;
  readonly onPick: (sku: string) => void;
  readonly regional: boolean;
  /** id of the search box (the detail's "Other products" moves focus there). */
  readonly searchId: string;
}

export function SkuList({
  query,
  onQuery,
  matches,
  total,
  catalog,
  selected,
  onPick,
  regional,
  searchId: id,
}: SkuListProps) {
  const shown = matches.slice(0, LIST_LIMIT);
  const caption =
    query.trim() === ''
      ? `${regional ? 'Region totals: highest' : 'Highest'} 30-day forecast (${shown.length} of ${total} products)`
      : `${matches.length} product${matches.length === 1 ? '' : 's'} match “${query.trim()}”`;
  return (
    <section className="forecast-picker" aria-label="Choose a product">
      <label htmlFor={id} className="forecast-search-label">
        Find a product
      </label>
      <input
        id={id}
        type="search"
        className="forecast-search"
        placeholder="Name or SKU, e.g. atta"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        autoComplete="off"
      />
      <div className="table-scroll">
        <table className="forecast-table forecast-list">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Next 7 days</th>
              <th scope="col">Next 30 days</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.sku} aria-selected={d.sku === selected}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onPick(d.sku)}>
                    {catalog.productName(d.sku)}
                  </button>{' '}
                  <span className="forecast-code">{d.sku}</span>
                  {d.insufficient_history && <span className="forecast-tag"> · short history</span>}
                </th>
                <td>{formatUnits(d.forecast_7d)}</td>
                <td>{formatUnits(d.forecast_30d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
