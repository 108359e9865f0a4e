// The Inventory screen loaded on first visit, so its code stays out of the first load.
import { lazy, Suspense } from 'react';
import type { InventoryScreenProps } from './InventoryScreen.tsx';

const Screen = lazy(() => import('./InventoryScreen.tsx').then((m) => ({ default: m.InventoryScreen })));

export function LazyInventoryScreen(props: InventoryScreenProps) {
  return (
    <Suspense
      fallback={
        <p role="status" className="note">
          Opening stock…
        </p>
      }
    >
      <Screen {...props} />
    </Suspense>
  );
}
