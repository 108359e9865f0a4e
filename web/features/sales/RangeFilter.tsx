// The date-range filter (Property 2): today, 7 or 30 days ending today, or a custom range
// of IST business days, inclusive at both ends. A custom range is checked before it applies.
import { useId, useState, type FormEvent } from 'react';
import { checkCustomRange, presetRange, type DayRange, type RangePreset } from '#shared/metrics/day-range.ts';

export interface RangeChoice {
  readonly preset: RangePreset;
  readonly range: DayRange;
}

const PRESETS: readonly { readonly id: Exclude<RangePreset, 'custom'>; readonly label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
];

export function RangeFilter(props: {
  readonly value: RangeChoice;
  readonly today: string;
  /** The first day the device holds. */
  readonly earliest: string;
  readonly onChange: (c: RangeChoice) => void;
}) {
  const { value, today, earliest, onChange } = props;
  const [custom, setCustom] = useState(value.preset === 'custom');
  const [from, setFrom] = useState(value.range.from);
  const [to, setTo] = useState(value.range.to);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  function apply(e: FormEvent): void {
    e.preventDefault();
    const c = checkCustomRange(from, to, earliest, today);
    if (!c.ok) return setError(c.message);
    setError(null);
    onChange({ preset: 'custom', range: c.range });
  }
  return (
    <div className="sales-range">
      <div role="group" aria-label="Date range" className="sales-segments">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={!custom && value.preset === p.id}
            onClick={() => {
              setCustom(false);
              setError(null);
              onChange({ preset: p.id, range: presetRange(p.id, today) });
            }}
          >
            {p.label}
          </button>
        ))}
        <button type="button" aria-pressed={custom} onClick={() => setCustom(true)}>
          Custom
        </button>
      </div>
      {custom && (
        <form className="sales-custom" onSubmit={apply} aria-label="Custom date range" noValidate>
          <label>
            From
            <input
              type="date"
              value={from}
              min={earliest}
              max={today}
              onChange={(e) => setFrom(e.target.value)}
              aria-describedby={error ? errorId : undefined}
            />
          </label>
          <label>
            To
            <input
              type="date"
              value={to}
              min={earliest}
              max={today}
              onChange={(e) => setTo(e.target.value)}
              aria-describedby={error ? errorId : undefined}
            />
          </label>
          <button type="submit">Apply</button>
          {error && (
            <p id={errorId} role="alert" className="form-error">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
