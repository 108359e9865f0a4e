// Alert changes the server refused for good (e.g. the alert left the user's scope): said
// in words with the server's reason, so an offline action is never lost silently.
import { useSyncStatus } from '../../data/sync-status.store.ts';

export function RejectedNotes() {
  const rejected = useSyncStatus((s) => s.rejected).filter((r) => r.collection === 'alert_notes');
  const dismiss = useSyncStatus((s) => s.dismissRejected);
  if (rejected.length === 0) return null;
  return (
    <div role="alert" className="form-error alert-rejected">
      <p>The server did not accept {rejected.length === 1 ? 'a change' : `${rejected.length} changes`}:</p>
      <ul>
        {rejected.map((r) => (
          <li key={r.id}>
            {r.reason}{' '}
            <button type="button" className="link-button" onClick={() => dismiss(r.collection, r.id)}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
