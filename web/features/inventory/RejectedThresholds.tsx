// Threshold edits the server did not keep (someone else changed the same threshold first,
// or the store left the user's scope): said in words with the server's reason, so an
// offline edit is never lost silently.
import { useSyncStatus } from '../../data/sync-status.store.ts';

export function RejectedThresholds({ nameOf }: { readonly nameOf: (id: string) => string }) {
  const rejected = useSyncStatus((s) => s.rejected).filter((r) => r.collection === 'inventory_thresholds');
  const dismiss = useSyncStatus((s) => s.dismissRejected);
  if (rejected.length === 0) return null;
  return (
    <div role="alert" className="form-error inventory-rejected">
      <p>
        {rejected.length === 1 ? 'A threshold change was' : `${rejected.length} threshold changes were`} not
        saved; the value on the server stays:
      </p>
      <ul>
        {rejected.map((r) => (
          <li key={r.id}>
            {nameOf(r.id)}: {r.reason}{' '}
            <button type="button" className="link-button" onClick={() => dismiss(r.collection, r.id)}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
