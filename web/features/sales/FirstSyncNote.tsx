// Until a screen's collections have synced once, its zeros mean "not here yet", not "no
// sales": say so, and say that a connection is needed when there is none.
import { useOnline } from '../../app/use-online.ts';
import { useSyncStatus } from '../../data/sync-status.store.ts';

export function FirstSyncNote({
  collections,
  what,
}: {
  readonly collections: readonly string[];
  readonly what: string;
}) {
  const online = useOnline();
  const lastSyncedAt = useSyncStatus((s) => s.lastSyncedAt);
  const hydrated = useSyncStatus((s) => s.hydrated);
  if (!hydrated || collections.every((c) => lastSyncedAt[c] !== undefined)) return null;
  return (
    <p role="status" className="note first-sync">
      {online
        ? `Downloading ${what} to this device for the first time; the figures fill in as it arrives.`
        : `No ${what} on this device yet: connect once to download them.`}
    </p>
  );
}
