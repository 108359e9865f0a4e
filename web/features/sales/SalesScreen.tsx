// Sales for the user's scope, from the device (works offline): big numbers first, then
// today vs last week, the breakdown that drills region → store → category (each role
// starts at its own top level), then the charts. Aggregation runs in the metrics worker.
import { useEffect, useMemo, useState } from 'react';
import { istBusinessDate, addDays } from '#shared/calendar/dates.ts';
import { presetRange } from '#shared/metrics/day-range.ts';
import type { Identity } from '../../data/auth.ts';
import { Freshness } from '../../ui/Freshness.tsx';
import { Breakdown } from './Breakdown.tsx';
import { FirstSyncNote } from './FirstSyncNote.tsx';
import { KpiTiles } from './KpiTiles.tsx';
import { RangeFilter, type RangeChoice } from './RangeFilter.tsx';
import { TodayCard } from './TodayCard.tsx';
import { DailyTrend, HourlyCurve } from './TrendCharts.tsx';
import { useCatalog, type Catalog } from './use-catalog.ts';
import { levelOf, salesCollections, salesSourceOf, useSales, type SalesSource } from './use-sales.ts';

export interface SalesScreenProps {
  readonly identity: Identity;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => number;
}

/** The sync window is 90 IST days ending today (migration 20261204000500). */
const HELD_DAYS = 90;

function useMinuteClock(now: () => number): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    const i = setInterval(() => setT(now()), 60_000);
    return () => clearInterval(i);
  }, [now]);
  return t;
}

interface Level {
  readonly title: string;
  readonly keyLabel: string;
  readonly nameOf: (key: string) => string;
}

/** What the top level and the drilled level list, per source (and, for chain roles, region). */
function levels(
  source: SalesSource,
  c: Catalog,
  region: string | null,
): { top: Level; drilled: Level; topName: string } {
  const category = (k: string): string => k;
  if (source === 'store')
    return {
      top: { title: 'Revenue by category', keyLabel: 'Category', nameOf: category },
      drilled: {
        title: 'Revenue by product',
        keyLabel: 'Product',
        nameOf: (k) => `${c.productName(k)} (${k})`,
      },
      topName: 'All categories',
    };
  if (source === 'region' || region !== null)
    return {
      top: { title: 'Revenue by store', keyLabel: 'Store', nameOf: c.storeName },
      drilled: { title: 'Revenue by category', keyLabel: 'Category', nameOf: category },
      topName: region === null ? 'All stores' : c.regionName(region),
    };
  return {
    top: { title: 'Revenue by region', keyLabel: 'Region', nameOf: c.regionName },
    drilled: { title: 'Revenue by category', keyLabel: 'Category', nameOf: category },
    topName: 'All regions',
  };
}

export function SalesScreen({ identity, now = Date.now }: SalesScreenProps) {
  const t = useMinuteClock(now);
  const today = istBusinessDate(t);
  const source = salesSourceOf(identity.role);
  const catalog = useCatalog();
  const [choice, setChoice] = useState<RangeChoice>(() => ({
    preset: '7d',
    range: presetRange('7d', today),
  }));
  const [drill, setDrill] = useState<string | null>(null);
  // Chain roles: regions → a region's stores → a store's categories.
  const [region, setRegion] = useState<string | null>(null);
  // A preset follows the calendar: after midnight IST "today" is the new day.
  const range = choice.preset === 'custom' ? choice.range : presetRange(choice.preset, today);
  const query = useMemo(
    () => ({ source, range, today, drill, region, now: t }),
    // `range` is derived from these (a new object each render).
    [source, range.from, range.to, today, drill, region, t],
  );
  const viewer = useMemo(
    () => ({ userId: identity.userId, scopeVersion: identity.scopeVersion }),
    [identity.userId, identity.scopeVersion],
  );
  const { data, ready, error, updating, level: shownLevel } = useSales(query, catalog, viewer);
  // While another range or level is computed, the previous figures stay (no flash) but
  // dimmed and announced as updating; rows of another drill level are not shown under
  // this level's heading.
  const otherLevel = shownLevel !== levelOf({ region, drill });
  const lv = levels(source, catalog, region);
  const chainTop = source === 'chain' && region === null;
  const level = drill === null ? lv.top : lv.drilled;

  if (source === 'none')
    return (
      <p className="note">
        Sales dashboards are for store, regional and chain roles. Your role sees every store’s stock under{' '}
        <a href="#/inventory">Inventory</a>.
      </p>
    );
  return (
    <div className="sales">
      <Freshness collections={salesCollections(source, region)} now={now} />
      <FirstSyncNote collections={salesCollections(source, region)} what="sales" />
      <RangeFilter
        value={choice}
        today={today}
        earliest={addDays(today, -(HELD_DAYS - 1))}
        onChange={setChoice}
      />
      <nav aria-label="Drill-down" className="sales-crumbs">
        {region !== null && (
          <>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setRegion(null);
                setDrill(null);
              }}
            >
              All regions
            </button>
            <span aria-hidden="true"> › </span>
          </>
        )}
        {drill === null ? (
          <span aria-current="location">{lv.topName}</span>
        ) : (
          <>
            <button type="button" className="link-button" onClick={() => setDrill(null)}>
              {lv.topName}
            </button>
            <span aria-hidden="true"> › </span>
            <span aria-current="location">{lv.top.nameOf(drill)}</span>
          </>
        )}
      </nav>
      {error !== null && (
        <p role="alert" className="form-error">
          Could not compute the figures: {error}
        </p>
      )}
      {!ready || data === null ? (
        <p role="status" className="note">
          Reading sales on this device…
        </p>
      ) : (
        <div className="sales-figures" aria-busy={updating}>
          {updating && (
            <p role="status" className="note sales-updating">
              Updating the figures…
            </p>
          )}
          <KpiTiles view={data.view} />
          {drill === null && <TodayCard view={data.view} hourly={data.hourly} />}
          {!otherLevel && (
            <Breakdown
              key={`${region ?? ''}|${drill ?? ''}`}
              title={level.title}
              keyLabel={level.keyLabel}
              rows={data.view.breakdown}
              nameOf={level.nameOf}
              limit={drill === null ? 25 : 15}
              {...(drill === null ? { onOpen: chainTop ? setRegion : setDrill } : {})}
            />
          )}
          {data.view.daily.length > 1 && <DailyTrend daily={data.view.daily} />}
          {data.hourly !== null && drill === null ? (
            <HourlyCurve hourly={data.hourly} lastWeek={data.view.todayVsLastWeek.lastWeek} />
          ) : (
            drill === null && (
              <p className="hint">The hourly curve is per store: store managers see it for their store.</p>
            )
          )}
        </div>
      )}
    </div>
  );
}
