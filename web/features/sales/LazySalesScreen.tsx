// The Sales screen loaded on first visit, so its code stays out of the first load.
import { lazy, Suspense } from 'react';
import type { SalesScreenProps } from './SalesScreen.tsx';

/** The screen's code; App starts loading it early for a returning user, who lands here. */
export const loadSalesScreen = () => import('./SalesScreen.tsx');

const Screen = lazy(() => loadSalesScreen().then((m) => ({ default: m.SalesScreen })));

export function LazySalesScreen(props: SalesScreenProps) {
  return (
    <Suspense
      fallback={
        <p role="status" className="note">
          Opening sales…
        </p>
      }
    >
      <Screen {...props} />
    </Suspense>
  );
}
