// Today against the same weekday last week. A store manager compares the same hours
// (today so far vs last week by this hour, from the hourly rollup); other roles hold
// daily rollups only, so today so far is set against last week's whole day: as how much
// of that day is reached, never as a "down" that only means the day is not over.
import { formatInrCompact } from '#shared/metrics/money.ts';
import type { SalesView } from '#shared/metrics/sales-view.ts';
import type { HourlyComparison } from '#shared/metrics/screens.ts';
import { formatHour, growthText, weekdayName } from './format.ts';

export function TodayCard({
  view,
  hourly,
}: {
  readonly view: SalesView;
  readonly hourly: HourlyComparison | null;
}) {
  const t = view.todayVsLastWeek;
  const day = weekdayName(t.lastWeek);
  const today = hourly === null ? t.todayTotals.revenuePaise : hourly.todaySoFarPaise;
  const before = hourly === null ? t.lastWeekTotals.revenuePaise : hourly.lastWeekSoFarPaise;
  const g = hourly === null ? reachedText(today, before, day) : growthText(hourly.growth);
  return (
    <section className="card sales-today" aria-labelledby="sales-today-title">
      <h3 id="sales-today-title">Today vs last {day}</h3>
      <p className="sales-today-figures">
        <span>
          <span className="sales-kpi-value">{formatInrCompact(today)}</span> today so far
        </span>
        <span>
          {formatInrCompact(before)} last {day}
          {hourly === null ? ' (whole day)' : ` by ${formatHour(hourly.hoursElapsed % 24)}`}
        </span>
      </p>
      <p className={`sales-growth sales-growth-${g.tone}`}>
        <span aria-hidden="true">{g.symbol}</span> {g.text}
      </p>
    </section>
  );
}

/** Today so far as a share of last week's whole day (no direction: the day is not over). */
function reachedText(
  today: number,
  wholeDay: number,
  day: string,
): { symbol: string; text: string; tone: string } {
  if (!(wholeDay > 0)) return { symbol: '–', text: `no sales last ${day} to compare`, tone: 'none' };
  return {
    symbol: '◔',
    text: `${Math.round((100 * today) / wholeDay)}% of last ${day}’s whole day so far`,
    tone: 'none',
  };
}
