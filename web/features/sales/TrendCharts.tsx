// The charts below the numbers: revenue per day over the range, and (store managers)
// revenue per hour today against the same weekday last week. Each also reads as a table.
import { useMemo } from 'react';
import { formatInr, formatInrCompact } from '#shared/metrics/money.ts';
import type { SalesView } from '#shared/metrics/sales-view.ts';
import type { HourlyComparison } from '#shared/metrics/screens.ts';
import { Chart } from '../../ui/charts/Chart.tsx';
import type { ChartOption } from '../../ui/charts/types.ts';
import { formatDay, formatHour, formatUnits, weekdayName } from './format.ts';

const rupees = (paise: number): number => Math.round(paise / 100);
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const axisInr = { formatter: (v: number) => formatInrCompact(v * 100) };

export function DailyTrend({ daily }: { readonly daily: SalesView['daily'] }) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: daily.map((d) => formatDay(d.date)) },
      yAxis: { type: 'value', axisLabel: axisInr },
      series: [
        {
          type: 'line',
          name: 'Revenue (₹)',
          data: daily.map((d) => rupees(d.revenuePaise)),
          color: '#a84a06',
        },
      ],
    }),
    [daily],
  );
  return (
    <Chart
      title="Revenue per day"
      option={option}
      table={
        <table className="sales-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Revenue (₹)</th>
              <th scope="col">Units</th>
            </tr>
          </thead>
          <tbody>
            {daily.map((d) => (
              <tr key={d.date}>
                <th scope="row">{formatDay(d.date)}</th>
                <td>{formatInr(d.revenuePaise, { decimals: 0 })}</td>
                <td>{formatUnits(d.units)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function HourlyCurve({
  hourly,
  lastWeek,
}: {
  readonly hourly: HourlyComparison;
  readonly lastWeek: string;
}) {
  const day = weekdayName(lastWeek);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: HOURS.map(formatHour) },
      yAxis: { type: 'value', axisLabel: axisInr },
      series: [
        {
          type: 'line',
          name: 'Today',
          data: hourly.today.map((v, h) => (h < hourly.hoursElapsed ? rupees(v) : null)),
          color: '#e86a10',
        },
        {
          type: 'line',
          name: `Last ${day}`,
          data: hourly.lastWeek.map(rupees),
          color: '#5b5b60',
          lineStyle: { type: 'dashed' },
        },
      ],
    }),
    [hourly, day],
  );
  return (
    <Chart
      title={`Revenue by hour: today vs last ${day}`}
      option={option}
      table={
        <table className="sales-table">
          <thead>
            <tr>
              <th scope="col">Hour (IST)</th>
              <th scope="col">Today (₹)</th>
              <th scope="col">Last {day} (₹)</th>
            </tr>
          </thead>
          <tbody>
            {HOURS.map((h) => (
              <tr key={h}>
                <th scope="row">{formatHour(h)}</th>
                <td>{h < hourly.hoursElapsed ? formatInr(hourly.today[h] ?? 0, { decimals: 0 }) : '—'}</td>
                <td>{formatInr(hourly.lastWeek[h] ?? 0, { decimals: 0 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
