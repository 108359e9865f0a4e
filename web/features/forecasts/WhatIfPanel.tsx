// What-if: a planned promotion (uplift % over some forecast days) applied to this SKU's
// forecast in the comlink forecast worker, so the screen never blocks. The device holds
// 90 days of sales, under the 12 months a model needs (Property 10), so the scenario
// starts from the synced nightly forecast (shared/forecasting/what-if.ts applyPromotion).
import { useState, type FormEvent } from 'react';
import type { ForecastDoc } from '#shared/forecasting/forecast-view.ts';
import type { PromotionResult } from '#shared/forecasting/what-if.ts';
import type { ForecastClient } from '../../workers-client/forecast.client.ts';
import { formatDay, formatUnits } from './format.ts';

export interface WhatIfPanelProps {
  readonly doc: ForecastDoc;
  readonly dates: readonly string[];
  readonly client: ForecastClient;
  readonly onResult: (result: PromotionResult | null) => void;
}

export function WhatIfPanel({ doc, dates, client, onResult }: WhatIfPanelProps) {
  const first = dates[0] ?? doc.start_date;
  const last = dates[dates.length - 1] ?? doc.start_date;
  const [uplift, setUplift] = useState('20');
  const [from, setFrom] = useState(first);
  const [to, setTo] = useState(dates[Math.min(6, dates.length - 1)] ?? last);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ r: PromotionResult; label: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const upliftPercent = Number(uplift);
    if (uplift.trim() === '' || !Number.isFinite(upliftPercent)) {
      setError('Enter the expected change in daily demand as a number of percent, e.g. 20.');
      return;
    }
    setBusy(true);
    try {
      const r = await client.applyPromotion({
        dates,
        point: [...doc.point],
        lower80: [...doc.lower80],
        upper80: [...doc.upper80],
        lower95: [...doc.lower95],
        upper95: [...doc.upper95],
        promotion: { from, to, upliftPercent },
      });
      setResult({ r, label: `${upliftPercent}% from ${formatDay(from)} to ${formatDay(to)}` });
      onResult(r);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  function clear() {
    setResult(null);
    onResult(null);
  }

  return (
    <section className="card forecast-whatif" aria-labelledby="whatif-title">
      <h3 id="whatif-title">What if we run a promotion?</h3>
      <form onSubmit={(e) => void submit(e)} className="whatif-form">
        <label>
          Expected uplift (%)
          <input
            type="number"
            inputMode="decimal"
            min={-100}
            max={1000}
            step="any"
            value={uplift}
            onChange={(e) => setUplift(e.target.value)}
          />
        </label>
        <label>
          From
          <input
            type="date"
            min={first}
            max={last}
            value={from}
            required
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label>
          To
          <input
            type="date"
            min={first}
            max={last}
            value={to}
            required
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <div className="whatif-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Working…' : 'Show the effect'}
          </button>
          {result && (
            <button type="button" className="link-button" onClick={clear}>
              Clear
            </button>
          )}
        </div>
      </form>
      {error !== null && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {result && (
        <p role="status" className="whatif-result">
          With {result.label}: {result.r.extraUnits >= 0 ? '▲' : '▼'}{' '}
          {formatUnits(Math.abs(result.r.extraUnits))} units {result.r.extraUnits >= 0 ? 'more' : 'fewer'}{' '}
          over the next {dates.length} days ({result.r.promotionDays.length} promotion days); 30-day total{' '}
          {formatUnits(result.r.scenario.point.reduce((a, b) => a + b, 0))} instead of{' '}
          {formatUnits(doc.point.reduce((a, b) => a + b, 0))}.
        </p>
      )}
    </section>
  );
}
