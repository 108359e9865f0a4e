// One line on every screen: how old its data is, whether that is stale, whether we are
// offline, and how many local changes wait to be sent. Text and a symbol carry the
// meaning; colour only repeats it.
import { useEffect, useState } from 'react';
import { freshnessOf } from '#shared/metrics/freshness.ts';
import { useOnline } from '../app/use-online.ts';
import { useSyncStatus } from '../data/sync-status.store.ts';

export interface FreshnessProps {
  /** The synced collections the screen's numbers come from. */
  readonly collections: readonly string[];
  /** Ticks the age forward; tests pass a fixed clock. */
  readonly now?: () => number;
}

function useTick(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
}

export function Freshness({ collections, now = () => Date.now() }: FreshnessProps) {
  useTick(30_000);
  const online = useOnline();
  const lastSyncedAt = useSyncStatus((s) => s.lastSyncedAt);
  const hydrated = useSyncStatus((s) => s.hydrated);
  const pendingBy = useSyncStatus((s) => s.pending);
  const times = collections.map((c) => lastSyncedAt[c]);
  const oldest = times.some((t) => t === undefined)
    ? undefined
    : Math.min(...times.filter((t): t is number => t !== undefined));
  const f = freshnessOf(oldest, now());
  const pending = collections.reduce((n, c) => n + (pendingBy[c] ?? 0), 0);
  const symbol = f.level === 'fresh' ? '✓' : f.level === 'stale' ? '⚠' : '…';
  if (!hydrated && oldest === undefined)
    return (
      <p className="freshness freshness-unknown" role="status" aria-live="polite" data-testid="freshness">
        <span aria-hidden="true">…</span> Opening the data saved on this device
      </p>
    );
  return (
    <p className={`freshness freshness-${f.level}`} role="status" aria-live="polite" data-testid="freshness">
      <span aria-hidden="true">{symbol}</span> Updated {f.age}
      {f.level === 'stale' && <strong> · stale</strong>}
      {!online && <span> · offline, showing saved data</span>}
      {pending > 0 && (
        <span>
          {' '}
          · {pending} change{pending === 1 ? '' : 's'} waiting to send
        </span>
      )}
    </p>
  );
}
