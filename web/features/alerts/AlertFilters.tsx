// Filters by type, severity, status and (when the alerts are about more than one store)
// store: native selects with visible labels (keyboard and screen readers get them for free).
import { ALERT_STATUSES, type AlertStatus } from '#shared/alerts/status.ts';
import { humanize, SEVERITY_ORDER, type AlertFilter } from '#shared/alerts/view.ts';
import { ALERT_TYPES, STATUS_LABEL } from './labels.ts';

export interface AlertFiltersProps {
  readonly filter: AlertFilter;
  /** The stores the alerts are about; the store filter shows when there are two or more. */
  readonly stores?: readonly { readonly id: string; readonly label: string }[];
  readonly onChange: (filter: AlertFilter) => void;
}

const orUndefined = (v: string): string | undefined => (v === '' ? undefined : v);

export function AlertFilters({ filter, stores = [], onChange }: AlertFiltersProps) {
  return (
    <fieldset className="alert-filters">
      <legend className="sr-only">Filter alerts</legend>
      <label>
        Type
        <select
          value={filter.type ?? ''}
          onChange={(e) => onChange({ ...filter, type: orUndefined(e.target.value) })}
        >
          <option value="">All types</option>
          {ALERT_TYPES.map((t) => (
            <option key={t} value={t}>
              {humanize(t)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Severity
        <select
          value={filter.severity ?? ''}
          onChange={(e) => onChange({ ...filter, severity: orUndefined(e.target.value) })}
        >
          <option value="">All severities</option>
          {SEVERITY_ORDER.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={filter.status ?? ''}
          onChange={(e) =>
            onChange({ ...filter, status: orUndefined(e.target.value) as AlertStatus | undefined })
          }
        >
          <option value="">All statuses</option>
          {ALERT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      {(stores.length > 1 || filter.store !== undefined) && (
        <label>
          Store
          <select
            value={filter.store ?? ''}
            onChange={(e) => onChange({ ...filter, store: orUndefined(e.target.value) })}
          >
            <option value="">All stores</option>
            {stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
