// One SKU's forecast: the headline totals with their intervals, freshness (Property 13),
// the short-history note (Property 10), model and hierarchy path, accuracy as the design
// defines it (Property 12) with WAPE beside it, the chart over recent history with
// festival markers, the what-if, and (regional managers) the stores' shares.
import { useMemo, useState } from 'react';
import {
  forecastView,
  formatAccuracy,
  type AccuracyDoc,
  type ForecastDoc,
} from '#shared/forecasting/forecast-view.ts';
import type { PromotionResult } from '#shared/forecasting/what-if.ts';
import type { ForecastClient } from '../../workers-client/forecast.client.ts';
import { ForecastChart } from './ForecastChart.tsx';
import { formatAge, formatDay, formatRange, formatStamp, formatUnits } from './format.ts';
import { StoreShares } from './StoreShares.tsx';
import type { ForecastCatalog, SalesSeriesDoc } from './use-forecasts.ts';
import { WhatIfPanel } from './WhatIfPanel.tsx';

export interface ForecastDetailProps {
  readonly doc: ForecastDoc;
  readonly history: SalesSeriesDoc | undefined;
  readonly region: string;
  readonly catalog: ForecastCatalog;
  readonly client: ForecastClient;
  readonly nowMs: number;
  /** Back to the product list (phones and tablets show the detail above it). */
  readonly onBack?: () => void;
}

function pathText(doc: ForecastDoc): string | null {
  if (doc.path === 'DIRECT')
    return "This store's own sales history (it sells enough to beat the regional pattern).";
  if (doc.path === 'TOP_DOWN')
    return `The region's forecast for this product × this store's recent share (${((doc.share ?? 0) * 100).toFixed(1)}% of the region's units).`;
  return null;
}

function Accuracy({ a, label }: { readonly a: AccuracyDoc | null; readonly label: string }) {
  // Regional documents are scored on the region's totals only (no daily MAPE).
  if (a === null)
    return (
      <>
        <dt>{label}</dt>
        <dd>Not scored yet: it needs a full window of actual sales after a forecast.</dd>
      </>
    );
  const wape = a.wape === null ? 'n/a' : `${(a.wape * 100).toFixed(1)}%`;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <strong>{formatAccuracy(a.total_accuracy_percent)}</strong> on the {a.window_days}-day total (window
        to {formatDay(a.window_end)})
        {a.accuracy_percent !== null && a.accuracy_percent !== undefined && (
          <> · daily 100 − MAPE {formatAccuracy(a.accuracy_percent)}</>
        )}{' '}
        · WAPE {wape}
      </dd>
    </>
  );
}

export function ForecastDetail({
  doc,
  history,
  region,
  catalog,
  client,
  nowMs,
  onBack,
}: ForecastDetailProps) {
  const [whatIf, setWhatIf] = useState<PromotionResult | null>(null);
  const view = useMemo(
    () =>
      forecastView({
        doc,
        region,
        nowMs,
        ...(history ? { history: history.units, historyStart: history.start_date } : {}),
      }),
    [doc, history, region, nowMs],
  );
  const [t7, t30] = view.totals;
  const name = `${catalog.productName(doc.sku)} (${doc.sku})`;
  const where =
    doc.kind === 'region' ? catalog.regionName(doc.region_id ?? '') : catalog.storeName(doc.store_id ?? '');
  const dates = view.days.slice(view.forecastFrom).map((d) => d.date);
  const path = pathText(doc);
  return (
    <article className="forecast-detail" aria-labelledby="forecast-sku">
      {onBack && (
        <button type="button" className="link-button forecast-back" onClick={onBack}>
          ← Other products
        </button>
      )}
      <h3 id="forecast-sku">
        {name} <span className="forecast-where">· {where}</span>
      </h3>
      <p className={view.stale ? 'forecast-stale' : 'forecast-generated'} data-testid="forecast-generated">
        {view.stale ? (
          <>
            <strong>⚠ Stale:</strong> generated {formatStamp(doc.generated_at)} ({formatAge(view.ageHours)}).
            Forecasts are renewed every night; this one is over 24 hours old.
          </>
        ) : (
          <>
            ✓ Generated {formatStamp(doc.generated_at)} ({formatAge(view.ageHours)})
          </>
        )}
      </p>
      {view.shortHistory && (
        <p className="forecast-short" role="note">
          <strong>Short history:</strong> under 12 months of sales ({doc.history_days} days), so this is the
          same-weekday average of the last 4 weeks, not a model forecast.
        </p>
      )}
      <div className="forecast-totals">
        {[t7, t30].map((t) => (
          <div key={t!.days} className="forecast-total">
            <span className="forecast-total-label">Next {t!.days} days</span>
            <span className="forecast-total-value">{formatUnits(t!.point)} units</span>
            <span className="forecast-total-range">
              80%: {formatRange(t!.lower80, t!.upper80)} · 95%: {formatRange(t!.lower95, t!.upper95)}
            </span>
          </div>
        ))}
      </div>
      <dl className="facts forecast-facts">
        <dt>Model</dt>
        <dd>
          {view.modelLabel} <code>{doc.model}</code>
        </dd>
        {path !== null && (
          <>
            <dt>Based on</dt>
            <dd>{path}</dd>
          </>
        )}
        <Accuracy a={doc.accuracy7} label="Accuracy, 7 days" />
        {doc.accuracy30 !== null && <Accuracy a={doc.accuracy30} label="Accuracy, 30 days" />}
      </dl>
      <ForecastChart
        title={
          history ? 'Units sold and forecast, with 80% and 95% ranges' : 'Forecast with 80% and 95% ranges'
        }
        view={view}
        scenario={whatIf?.scenario ?? null}
      />
      {view.festivals.length > 0 && (
        <p className="forecast-festivals">
          Festivals in view:{' '}
          {view.festivals.map((f, i) => (
            <span key={`${f.name}-${f.date}`}>
              {i > 0 && ', '}
              {f.name} {formatDay(f.date)}
              {f.inForecast ? ' (forecast includes last year’s festival lift)' : ''}
            </span>
          ))}
        </p>
      )}
      <WhatIfPanel key={doc.id} doc={doc} dates={dates} client={client} onResult={setWhatIf} />
      {doc.kind === 'region' && <StoreShares doc={doc} catalog={catalog} />}
    </article>
  );
}
