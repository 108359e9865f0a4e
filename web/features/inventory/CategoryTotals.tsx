// Stock by category at the chosen location (Property 9: the sum of its SKUs' levels), as
// a bar chart with the same numbers in a table.
import { useMemo } from 'react';
import type { CategoryTotal } from '#shared/metrics/inventory-view.ts';
import { formatInr, formatInrCompact } from '#shared/metrics/money.ts';
import { Chart } from '../../ui/charts/Chart.tsx';
import type { ChartOption } from '../../ui/charts/types.ts';
import { formatUnits } from '../sales/format.ts';

export function CategoryTotals({
  totals,
  where,
}: {
  readonly totals: readonly CategoryTotal[];
  readonly where: string;
}) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'value',
        splitNumber: 3,
        axisLabel: { hideOverlap: true, formatter: (v: number) => formatUnits(v) },
      },
      yAxis: { type: 'category', inverse: true, data: totals.map((t) => t.category) },
      series: [
        {
          type: 'bar',
          name: 'Units in stock',
          data: totals.map((t) => Math.round(t.units)),
          color: '#a84a06',
        },
      ],
    }),
    [totals],
  );
  const table = (
    <table className="sales-table">
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col">SKUs</th>
          <th scope="col">Units in stock</th>
          <th scope="col">Value at price (₹)</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((t) => (
          <tr key={t.category}>
            <th scope="row">{t.category}</th>
            <td>{formatUnits(t.skuCount)}</td>
            <td>{formatUnits(t.units)}</td>
            <td title={formatInr(t.valuePaise)}>{formatInrCompact(t.valuePaise)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="card" aria-labelledby="inventory-categories-title">
      <h3 id="inventory-categories-title">Stock by category, {where}</h3>
      {totals.length === 0 ? (
        <p className="note">No stock on record.</p>
      ) : (
        <Chart
          title="Units in stock by category"
          option={option}
          table={table}
          height={Math.max(160, totals.length * 26 + 24)}
        />
      )}
    </section>
  );
}
