// One alert: what, where and when in words, its status (word + symbol), its notes (the
// ones still waiting on this device say so), and the forward moves left (Property 25).
import { useId, useState, type FormEvent } from 'react';
import { allowedActions, type AlertAction } from '#shared/alerts/status.ts';
import { humanize, type AlertView } from '#shared/alerts/view.ts';
import { ACTION_LABEL, EVENT_LABEL, SEVERITY_SYMBOL, STATUS_LABEL, STATUS_SYMBOL } from './labels.ts';
import { NOTE_MAX_LENGTH } from './record-action.ts';

export interface AlertCardProps {
  readonly alert: AlertView;
  readonly onAction: (alertId: string, action: AlertAction, note: string) => Promise<void>;
}

export function AlertCard({ alert, onAction }: AlertCardProps) {
  const id = useId();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function act(action: AlertAction, e?: FormEvent): Promise<void> {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onAction(alert.id, action, note);
      setNote('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  const actions = allowedActions(alert.status);
  return (
    <article className={`alert-card alert-${alert.status.toLowerCase()}`} aria-labelledby={`${id}-title`}>
      <header className="alert-head">
        <span className={`alert-severity severity-${alert.severity.toLowerCase()}`}>
          <span aria-hidden="true">{SEVERITY_SYMBOL[alert.severity] ?? '•'}</span> {humanize(alert.severity)}
        </span>
        <span className="alert-status" data-testid="alert-status">
          <span aria-hidden="true">{STATUS_SYMBOL[alert.status]}</span> {STATUS_LABEL[alert.status]}
        </span>
      </header>
      <h3 id={`${id}-title`} className="alert-title">
        {alert.title}
      </h3>
      <p className="alert-message">{alert.message}</p>
      <dl className="alert-facts">
        <dt>What</dt>
        <dd>{alert.what}</dd>
        <dt>Where</dt>
        <dd>{alert.where}</dd>
        <dt>When</dt>
        <dd>
          <time dateTime={alert.createdAt}>{alert.when}</time>
        </dd>
      </dl>
      {alert.notes.length > 0 && (
        <ul className="alert-notes" aria-label="History">
          {alert.notes.map((n) => (
            <li key={n.id}>
              <strong>{EVENT_LABEL[n.action] ?? humanize(n.action)}</strong>
              {n.note !== undefined && <>: {n.note}</>}
              {n.occurredAt === undefined && <em className="alert-pending"> (waiting to send)</em>}
            </li>
          ))}
        </ul>
      )}
      <form className="alert-form" onSubmit={(e) => void act('NOTE', e)}>
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={NOTE_MAX_LENGTH}
          rows={1}
          onChange={(e) => setNote(e.target.value)}
        />
        {error !== null && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="alert-actions">
          {actions
            .filter((a) => a !== 'NOTE')
            .map((a) => (
              <button
                key={a}
                type="button"
                disabled={busy}
                aria-describedby={`${id}-title`}
                onClick={() => void act(a)}
              >
                {ACTION_LABEL[a]}
              </button>
            ))}
          <button
            type="submit"
            className="secondary"
            disabled={busy || note.trim() === ''}
            aria-describedby={`${id}-title`}
          >
            {ACTION_LABEL.NOTE}
          </button>
        </div>
      </form>
    </article>
  );
}
