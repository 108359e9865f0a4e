// One SKU's movement history at one store, an online-only drill-down (Property 8): the
// latest movements with the level after each, and whether all movements add up to the
// level on record. Offline it says it needs a connection instead of spinning.
import { useEffect, useState } from 'react';
import { callOnline, type OnlineResult } from '../../data/online-rpc.ts';
import { formatUnits } from '../sales/format.ts';

export interface MovementTrail {
  readonly level: number | null;
  readonly movement_count: number;
  readonly movements_sum: number;
  readonly movements: readonly {
    readonly id: string;
    readonly quantity: number;
    readonly reason: string;
    readonly source: string;
    readonly reference: string | null;
    readonly occurred_at: string;
    readonly level_after: number;
  }[];
}

export type LoadMovements = (storeId: string, sku: string) => Promise<OnlineResult<MovementTrail>>;

export const loadMovements: LoadMovements = (storeId, sku) =>
  callOnline<MovementTrail>('get_inventory_movements', { store_id: storeId, sku, max_rows: 20 });

const WHEN = new Intl.DateTimeFormat('en-IN', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Kolkata',
});

const REASON: Readonly<Record<string, string>> = {
  OPENING: 'Opening stock',
  RECEIPT: 'Received',
  SALE: 'Sold',
  RETURN: 'Returned',
  ADJUSTMENT: 'Adjusted',
  TRANSFER_IN: 'Transfer in',
  TRANSFER_OUT: 'Transfer out',
  DAMAGE: 'Damaged',
  COUNT: 'Stock count',
};

export function MovementHistory(props: {
  readonly storeId: string;
  readonly sku: string;
  readonly label: string;
  readonly load?: LoadMovements;
}) {
  const { storeId, sku, label, load = loadMovements } = props;
  const [result, setResult] = useState<OnlineResult<MovementTrail> | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setResult(null);
    void load(storeId, sku).then((r) => current && setResult(r));
    return () => {
      current = false;
    };
  }, [load, storeId, sku, attempt]);
  if (result === null)
    return (
      <p role="status" className="note">
        Loading movement history…
      </p>
    );
  if (!result.ok)
    return (
      <div className="inventory-history" role="status">
        <p className={result.reason === 'offline' ? 'note' : 'form-error'}>
          <span aria-hidden="true">{result.reason === 'offline' ? '⚡ ' : ''}</span>
          {result.reason === 'offline'
            ? 'Needs connection: movement history is not stored on this device.'
            : result.message}
        </p>
        <button type="button" className="link-button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  const t = result.data;
  const agrees = t.level !== null && Math.abs(t.movements_sum - t.level) < 0.0005;
  return (
    <div className="inventory-history">
      <p className="hint">
        {agrees ? '✓ ' : '⚠ '}
        {formatUnits(t.movement_count)} movements add up to {formatUnits(t.movements_sum)} units
        {agrees
          ? ', the level on record.'
          : `, but the level on record is ${t.level === null ? 'missing' : formatUnits(t.level)}.`}
      </p>
      <table className="sales-table">
        <caption className="visually-hidden">Latest stock movements of {label}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col" className="text">
              What
            </th>
            <th scope="col">Change</th>
            <th scope="col">Level after</th>
          </tr>
        </thead>
        <tbody>
          {t.movements.map((m) => (
            <tr key={m.id}>
              <td>{WHEN.format(Date.parse(m.occurred_at))}</td>
              <td className="text">{REASON[m.reason] ?? m.reason}</td>
              <td>{m.quantity > 0 ? `+${formatUnits(m.quantity)}` : formatUnits(m.quantity)}</td>
              <td>{formatUnits(m.level_after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {t.movement_count > t.movements.length && (
        <p className="hint">
          Latest {t.movements.length} of {formatUnits(t.movement_count)}.
        </p>
      )}
    </div>
  );
}
