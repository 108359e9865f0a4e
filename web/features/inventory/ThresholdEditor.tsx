// Edit one SKU×store's reorder and overstock levels, offline too (Property 7). Checked as
// typed with messages that say what to change; saved to the device at once, sent by the
// replication (the freshness line shows it waiting).
import { useId, useState, type FormEvent } from 'react';
import { checkThresholds, thresholdText, type ThresholdValues } from '#shared/metrics/thresholds.ts';

export interface ThresholdEditorProps {
  readonly label: string;
  readonly initial: ThresholdValues | null;
  readonly onSave: (v: ThresholdValues) => Promise<void>;
  readonly onClose: () => void;
}

export function ThresholdEditor({ label, initial, onSave, onClose }: ThresholdEditorProps) {
  const [reorder, setReorder] = useState(initial === null ? '' : thresholdText(initial.reorder));
  const [overstock, setOverstock] = useState(initial === null ? '' : thresholdText(initial.overstock));
  const [touched, setTouched] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();
  const check = checkThresholds(reorder, overstock);
  const errors = touched && !check.ok ? check.errors : {};
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setTouched(true);
    if (!check.ok) return;
    try {
      await onSave(check.value);
      setResult({
        ok: true,
        text: navigator.onLine
          ? 'Saved. Sending to the server…'
          : 'Saved on this device; it will be sent when you are online.',
      });
    } catch (err) {
      setResult({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  }
  return (
    <form
      className="inventory-editor"
      onSubmit={(e) => void submit(e)}
      aria-label={`Thresholds for ${label}`}
      noValidate
    >
      <label>
        Reorder at or below (units)
        <input
          inputMode="decimal"
          value={reorder}
          onChange={(e) => {
            setReorder(e.target.value);
            setResult(null);
          }}
          onBlur={() => setTouched(true)}
          aria-invalid={errors.reorder !== undefined}
          aria-describedby={errors.reorder ? `${id}-r` : undefined}
        />
      </label>
      {errors.reorder && (
        <p id={`${id}-r`} className="form-error" role="alert">
          {errors.reorder}
        </p>
      )}
      <label>
        Overstock at or above (units)
        <input
          inputMode="decimal"
          value={overstock}
          onChange={(e) => {
            setOverstock(e.target.value);
            setResult(null);
          }}
          onBlur={() => setTouched(true)}
          aria-invalid={errors.overstock !== undefined}
          aria-describedby={errors.overstock ? `${id}-o` : undefined}
        />
      </label>
      {errors.overstock && (
        <p id={`${id}-o`} className="form-error" role="alert">
          {errors.overstock}
        </p>
      )}
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'form-ok' : 'form-error'}>
          {result.text}
        </p>
      )}
      <div className="inventory-editor-actions">
        <button type="submit">Save thresholds</button>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
