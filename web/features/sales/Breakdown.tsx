// Revenue by the current drill level (regions, stores, categories or SKUs), largest
// first: a list whose rows open the next level, then the same numbers as a bar chart
// with its table.
import { useMemo } from 'react';
import { formatInr, formatInrCompact } from '#shared/metrics/money.ts';
import type { Breakdown as Row } from '#shared/metrics/sales-view.ts';
import { Chart } from '../../ui/charts/Chart.tsx';
import type { ChartOption } from '../../ui/charts/types.ts';
import { formatUnits, growthText } from './format.ts';

export interface BreakdownProps {
  readonly title: string;
  /** Column header for the key, e.g. "Region". */
  readonly keyLabel: string;
  readonly rows: readonly Row[];
  readonly nameOf: (key: string) => string;
  /** Present when a row opens a deeper level. */
  readonly onOpen?: (key: string) => void;
  /** Rows listed before "show all" (SKUs can be hundreds). */
  readonly limit?: number;
}

function Table({ rows, keyLabel, nameOf }: Pick<BreakdownProps, 'rows' | 'keyLabel' | 'nameOf'>) {
  return (
    <table className="sales-table">
      <thead>
        <tr>
          <th scope="col">{keyLabel}</th>
          <th scope="col">Revenue (₹)</th>
          <th scope="col">Units</th>
          <th scope="col">Share</th>
          <th scope="col">Growth</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{nameOf(r.key)}</th>
            <td>{formatInr(r.totals.revenuePaise, { decimals: 0 })}</td>
            <td>{formatUnits(r.totals.units)}</td>
            <td>{(r.share * 100).toFixed(1)}%</td>
            <td>{growthText(r.growth).text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Breakdown({ title, keyLabel, rows, nameOf, onOpen, limit = 12 }: BreakdownProps) {
  const shown = rows.slice(0, limit);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'value',
        splitNumber: 3,
        axisLabel: { hideOverlap: true, formatter: (v: number) => formatInrCompact(v * 100) },
      },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => nameOf(r.key)) },
      series: [
        {
          type: 'bar',
          name: 'Revenue (₹)',
          data: shown.map((r) => Math.round(r.totals.revenuePaise / 100)),
          itemStyle: { color: '#e86a10' },
        },
      ],
    }),
    [shown, nameOf],
  );
  return (
    <section className="card sales-breakdown" aria-label={title}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="note">No sales in this range.</p>
      ) : (
        <ol className="sales-list">
          {shown.map((r) => {
            const g = growthText(r.growth);
            const body = (
              <>
                <span className="sales-list-name">{nameOf(r.key)}</span>
                <span className="sales-list-value">{formatInrCompact(r.totals.revenuePaise)}</span>
                <span className="sales-list-meta">
                  {(r.share * 100).toFixed(0)}% ·{' '}
                  <span className={`sales-growth-${g.tone}`}>
                    <span aria-hidden="true">{g.symbol}</span> {g.text}
                  </span>
                </span>
              </>
            );
            return (
              <li key={r.key}>
                {onOpen ? (
                  <button type="button" className="sales-list-row" onClick={() => onOpen(r.key)}>
                    {body}
                    <span className="sales-list-open" aria-hidden="true">
                      ›
                    </span>
                  </button>
                ) : (
                  <div className="sales-list-row">{body}</div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {rows.length > limit && (
        <p className="hint">
          Top {limit} of {rows.length}; the table lists all.
        </p>
      )}
      {rows.length > 0 && (
        <Chart
          title={`${title} (₹)`}
          option={option}
          height={Math.max(160, shown.length * 28 + 24)}
          table={<Table rows={rows} keyLabel={keyLabel} nameOf={nameOf} />}
        />
      )}
    </section>
  );
}
