// The Alerts screen loaded on first visit, so its code stays out of the first load (the
// navigation badge, AlertsBadge.tsx, is in the shell).
import { lazy, Suspense } from 'react';
import type { AlertsScreenProps } from './AlertsScreen.tsx';

const Screen = lazy(() => import('./AlertsScreen.tsx').then((m) => ({ default: m.AlertsScreen })));

export function LazyAlertsScreen(props: AlertsScreenProps) {
  return (
    <Suspense
      fallback={
        <p role="status" className="note">
          Opening alerts…
        </p>
      }
    >
      <Screen {...props} />
    </Suspense>
  );
}
