// The forecast over its recent history: units sold, then the forecast with its 80% and
// 95% bands (and a what-if scenario when one is applied), festival main days marked.
// The same numbers are always a table too.
import { useMemo } from 'react';
import type { ForecastView } from '#shared/forecasting/forecast-view.ts';
import type { Bands } from '#shared/forecasting/what-if.ts';
import { Chart } from '../../ui/charts/Chart.tsx';
import type { ChartOption } from '../../ui/charts/types.ts';
import { formatDay, formatRange, formatShortDay, formatUnits } from './format.ts';

const r1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

export interface ForecastChartProps {
  readonly title: string;
  readonly view: ForecastView;
  /** What-if scenario over the forecast days. */
  readonly scenario?: Bands | null;
}

export function ForecastChart({ title, view, scenario = null }: ForecastChartProps) {
  const { days, forecastFrom } = view;
  const option = useMemo<ChartOption>(() => {
    const lower = (k: 'lower80' | 'lower95') => days.map((d) => r1(d[k]));
    const width = (lo: 'lower80' | 'lower95', hi: 'upper80' | 'upper95') =>
      days.map((d) => (d[lo] === null || d[hi] === null ? null : r1(d[hi]! - d[lo]!)));
    // A band is a transparent lower bound with the band's width stacked on it.
    const band = (name: string, stack: string, data: (number | null)[], color: string) => ({
      type: 'line',
      name,
      stack,
      data,
      color,
      symbol: 'none',
      silent: true,
      lineStyle: { opacity: 0 },
      ...(color === 'transparent' ? {} : { areaStyle: { color } }),
      tooltip: { show: false },
    });
    const festivalLines = days
      .filter((d) => d.festivals.length > 0)
      .map((d) => ({ xAxis: formatShortDay(d.date), name: d.festivals.join(', ') }));
    const scenarioData = scenario
      ? days.map((_, i) => (i < forecastFrom ? null : r1(scenario.point[i - forecastFrom] ?? null)))
      : null;
    return {
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: {
        top: 0,
        data: [
          ...(forecastFrom > 0 ? ['Sold'] : []),
          'Forecast',
          '80% range',
          '95% range',
          ...(scenarioData ? ['What-if'] : []),
        ],
      },
      xAxis: { type: 'category', data: days.map((d) => formatShortDay(d.date)), boundaryGap: false },
      yAxis: { type: 'value', min: 0 },
      series: [
        band('95% low', 'b95', lower('lower95'), 'transparent'),
        band('95% range', 'b95', width('lower95', 'upper95'), 'rgba(232,106,16,0.18)'),
        band('80% low', 'b80', lower('lower80'), 'transparent'),
        band('80% range', 'b80', width('lower80', 'upper80'), 'rgba(232,106,16,0.38)'),
        {
          type: 'line',
          name: 'Sold',
          data: days.map((d) => r1(d.actual)),
          color: '#3d3d42',
          symbol: 'none',
          markLine:
            festivalLines.length > 0
              ? {
                  symbol: 'none',
                  // names are in the list under the chart and in the table; labels here collide
                  label: { show: false },
                  lineStyle: { color: '#7a3fa0', type: 'dotted', width: 1.5 },
                  data: festivalLines,
                }
              : undefined,
        },
        {
          type: 'line',
          name: 'Forecast',
          data: days.map((d) => r1(d.point)),
          color: '#a84a06',
          symbol: 'none',
        },
        ...(scenarioData
          ? [
              {
                type: 'line',
                name: 'What-if',
                data: scenarioData,
                color: '#1f6f5c',
                symbol: 'none',
                lineStyle: { type: 'dashed' },
              },
            ]
          : []),
      ],
    };
  }, [days, forecastFrom, scenario]);

  return (
    <Chart
      title={title}
      option={option}
      height={260}
      table={
        <table className="forecast-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Sold (units)</th>
              <th scope="col">Forecast (units)</th>
              <th scope="col">80% range</th>
              <th scope="col">95% range</th>
              {scenario && <th scope="col">What-if (units)</th>}
              <th scope="col">Festival</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={d.date}>
                <th scope="row">{formatDay(d.date)}</th>
                <td>{formatUnits(d.actual)}</td>
                <td>{formatUnits(d.point)}</td>
                <td>{d.point === null ? '—' : formatRange(d.lower80, d.upper80)}</td>
                <td>{d.point === null ? '—' : formatRange(d.lower95, d.upper95)}</td>
                {scenario && (
                  <td>{i < forecastFrom ? '—' : formatUnits(scenario.point[i - forecastFrom] ?? null)}</td>
                )}
                <td>{d.festivals.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
