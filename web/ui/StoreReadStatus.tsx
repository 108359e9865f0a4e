// The freshness line of data read live from the server for one store: loading, as of when
// (and that it is not kept on the device), or why not, with a retry.
import type { StoreRead } from '../data/use-store-read.ts';

export function StoreReadStatus<T>({
  read,
  what,
  onRetry,
}: {
  readonly read: StoreRead<T> | null;
  /** e.g. "stock", "forecasts" */
  readonly what: string;
  readonly onRetry: () => void;
}) {
  if (read === null)
    return (
      <p className="note" role="status">
        The store list is still downloading to this device; {what} open once it is here.
      </p>
    );
  if (read.state === 'loading')
    return (
      <p className="freshness" role="status" data-testid="freshness">
        <span aria-hidden="true">…</span> Loading this store’s {what} from the server
      </p>
    );
  if (read.state === 'unavailable')
    return (
      <div role="alert" className="form-error">
        <p>
          Could not load this store’s {what}: {read.message}
        </p>
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  const at = new Date(read.asOf);
  return (
    <p className="freshness freshness-fresh" role="status" data-testid="freshness">
      <span aria-hidden="true">✓</span> Live from the server at{' '}
      {Number.isNaN(at.getTime())
        ? read.asOf
        : at.toLocaleTimeString('en-IN', {
            hour: '2-digit',
            minute: '2-digit',
            timeZone: 'Asia/Kolkata',
          })}{' '}
      IST · not kept on this device
    </p>
  );
}
