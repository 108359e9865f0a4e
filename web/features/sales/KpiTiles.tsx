// The big numbers, first on a phone: revenue, units, average transaction value and
// growth against the period just before (Property 3), each with direction in words.
import { formatInr, formatInrCompact } from '#shared/metrics/money.ts';
import type { SalesView } from '#shared/metrics/sales-view.ts';
import { dayCount } from '#shared/metrics/day-range.ts';
import { formatUnits, formatUnitsCompact, growthText } from './format.ts';

function Growth({ value, label }: { readonly value: number | null; readonly label: string }) {
  const g = growthText(value);
  return (
    <span className={`sales-growth sales-growth-${g.tone}`}>
      <span aria-hidden="true">{g.symbol}</span> {g.text}
      <span className="sales-growth-base"> {label}</span>
    </span>
  );
}

export function KpiTiles({ view }: { readonly view: SalesView }) {
  const days = dayCount(view.range);
  const base = days === 1 ? 'vs the day before' : `vs the ${days} days before`;
  return (
    <dl className="sales-kpis" aria-label="Key figures">
      <div className="sales-kpi">
        <dt>Revenue</dt>
        <dd>
          <span className="sales-kpi-value" title={formatInr(view.current.revenuePaise)}>
            {formatInrCompact(view.current.revenuePaise)}
          </span>
          <Growth value={view.growth.revenue} label={base} />
        </dd>
      </div>
      <div className="sales-kpi">
        <dt>Units sold</dt>
        <dd>
          <span className="sales-kpi-value" title={formatUnits(view.current.units)}>
            {formatUnitsCompact(view.current.units)}
          </span>
          <Growth value={view.growth.units} label={base} />
        </dd>
      </div>
      <div className="sales-kpi">
        <dt>{view.transactionsExact ? 'Avg. transaction value' : 'Avg. spend per category basket'}</dt>
        <dd>
          <span className="sales-kpi-value">
            {view.atvPaise === null ? '—' : formatInr(view.atvPaise, { decimals: 0 })}
          </span>
          {view.atvPaise === null ? (
            <span className="sales-growth">no transaction counts for this level</span>
          ) : view.previousAtvPaise !== null && view.transactionsExact !== view.previousTransactionsExact ? (
            <span className="sales-growth">
              <span aria-hidden="true">–</span> baskets were counted differently {base}: no like-for-like
              comparison
            </span>
          ) : (
            <Growth value={view.growth.atv} label={base} />
          )}
        </dd>
      </div>
      <div className="sales-kpi">
        <dt>Revenue growth</dt>
        <dd>
          <span className="sales-kpi-value">
            {view.growth.revenue === null
              ? '—'
              : `${view.growth.revenue >= 0 ? '+' : '−'}${Math.abs(view.growth.revenue).toFixed(1)}%`}
          </span>
          <span className="sales-growth">
            {formatInrCompact(view.previous.revenuePaise)} in the {days === 1 ? 'day' : `${days} days`} before
          </span>
        </dd>
      </div>
    </dl>
  );
}
