// The Forecast screen loaded on first visit, so its code stays out of the first load.
import { lazy, Suspense } from 'react';
import type { ForecastsScreenProps } from './ForecastsScreen.tsx';

const Screen = lazy(() => import('./ForecastsScreen.tsx').then((m) => ({ default: m.ForecastsScreen })));

export function LazyForecastsScreen(props: ForecastsScreenProps) {
  return (
    <Suspense
      fallback={
        <p role="status" className="note">
          Opening forecasts…
        </p>
      }
    >
      <Screen {...props} />
    </Suspense>
  );
}
