// A chart that is also readable as a table: the chart is drawn by echarts (loaded lazily,
// hidden from screen readers), and the same numbers are always available as a real table
// behind a "Show as table" toggle, which screen readers get by default.
import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import type { ChartOption } from './types.ts';

const EChart = lazy(() => import('./EChart.tsx'));

export interface ChartProps {
  /** What the chart shows, e.g. "Revenue by hour, today vs last Tuesday". */
  readonly title: string;
  readonly option: ChartOption;
  /** The same data as a table (columns with units in their headers). */
  readonly table: ReactNode;
  readonly height?: number;
}

export function Chart({ title, option, table, height = 220 }: ChartProps) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id} className="chart-title">
        <span>{title}</span>
        <button
          type="button"
          className="link-button"
          aria-pressed={asTable}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </figcaption>
      {asTable ? (
        table
      ) : (
        <>
          <Suspense fallback={<div className="chart-placeholder" style={{ height }} aria-hidden="true" />}>
            <EChart option={option} height={height} />
          </Suspense>
          <div className="visually-hidden">{table}</div>
        </>
      )}
    </figure>
  );
}
