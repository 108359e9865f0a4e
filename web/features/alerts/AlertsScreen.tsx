// Alerts for the user's scope, from the device (works offline): filters, then the list,
// open alerts first. Acting on an alert writes an event locally; the displayed status
// follows at once and the pending change shows in the freshness line until it is sent.
import { useEffect, useState } from 'react';
import type { AlertAction } from '#shared/alerts/status.ts';
import { filterAlerts, NO_FILTER, type AlertFilter } from '#shared/alerts/view.ts';
import { groupIndian } from '#shared/metrics/money.ts';
import { collectionsForRole } from '#shared/sync/collections.ts';
import type { UserRole } from '../../data/auth.ts';
import { Freshness } from '../../ui/Freshness.tsx';
import { AlertCard } from './AlertCard.tsx';
import { AlertFilters } from './AlertFilters.tsx';
import { RejectedNotes } from './RejectedNotes.tsx';
import { recordAlertAction } from './record-action.ts';
import { useAlerts } from './use-alerts.ts';
import './alerts.css';

const PAGE = 30;

export interface AlertsScreenProps {
  /** The clock for "when"; tests pass a fixed one. */
  readonly now?: () => number;
  readonly onAction?: (alertId: string, action: AlertAction, note: string) => Promise<void>;
  /** The signed-in role: roles whose slice holds no store alerts get a note instead. */
  readonly role?: UserRole | undefined;
}

function useMinuteClock(now: () => number): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    const i = setInterval(() => setT(now()), 60_000);
    return () => clearInterval(i);
  }, [now]);
  return t;
}

const wallClock = (): number => Date.now();

export function AlertsScreen({ role, ...rest }: AlertsScreenProps) {
  if (role !== undefined && !collectionsForRole(role).some((c) => c.name === 'alerts'))
    return (
      <p className="note">
        Store alerts (stock, pricing, sales) go to the store and regional managers who act on them, and are
        not kept on this device for your role. Chain-wide figures are under <a href="#/sales">Sales</a>.
      </p>
    );
  return <AlertsList {...rest} />;
}

function AlertsList({ now = wallClock, onAction = recordAlertAction }: AlertsScreenProps) {
  const t = useMinuteClock(now);
  const { ready, views, stores } = useAlerts(t);
  const [filter, setFilter] = useState<AlertFilter>(NO_FILTER);
  const [shown, setShown] = useState(PAGE);
  const matching = filterAlerts(views, filter);
  const open = views.filter((v) => v.status !== 'RESOLVED').length;
  return (
    <>
      <Freshness collections={['alerts', 'alert_notes']} now={now} />
      <RejectedNotes />
      <AlertFilters
        filter={filter}
        stores={stores}
        onChange={(f) => {
          setFilter(f);
          setShown(PAGE);
        }}
      />
      {!ready ? (
        <p role="status">Loading alerts…</p>
      ) : (
        <>
          <p className="alert-summary" role="status" aria-live="polite">
            {count(matching.length)} of {count(views.length)} alert{views.length === 1 ? '' : 's'} match ·{' '}
            {count(open)} open
            {matching.length > shown && ` · the first ${count(shown)} listed`}
          </p>
          {views.length === 0 && <p className="note">No alerts for your scope on this device.</p>}
          <ul className="alert-list" aria-label="Alerts">
            {matching.slice(0, shown).map((v) => (
              <li key={v.id}>
                <AlertCard alert={v} onAction={onAction} />
              </li>
            ))}
          </ul>
          {matching.length > shown && (
            <button type="button" className="link-button" onClick={() => setShown((n) => n + PAGE)}>
              Show {Math.min(PAGE, matching.length - shown)} more
            </button>
          )}
        </>
      )}
    </>
  );
}

/** Counts with Indian digit grouping (a supply-chain user holds thousands of stock alerts). */
function count(n: number): string {
  return groupIndian(String(n));
}
