// One SKU at one store: level and status (symbol + word), its thresholds and turnover,
// and two drill-downs: edit thresholds (offline too) and movement history (online).
import { useState } from 'react';
import type { InventoryRow } from '#shared/metrics/inventory-view.ts';
import type { ThresholdValues } from '#shared/metrics/thresholds.ts';
import { formatUnits } from '../sales/format.ts';
import { MovementHistory, type LoadMovements } from './MovementHistory.tsx';
import { STATUS_LABEL } from './status.ts';
import { ThresholdEditor } from './ThresholdEditor.tsx';

export interface StockItemProps {
  readonly row: InventoryRow;
  readonly storeName: string | null;
  readonly canEdit: boolean;
  readonly onSave: (row: InventoryRow, v: ThresholdValues) => Promise<void>;
  readonly loadMovements?: LoadMovements;
}

export function StockItem({ row, storeName, canEdit, onSave, loadMovements }: StockItemProps) {
  const [open, setOpen] = useState<'edit' | 'history' | null>(null);
  const s = STATUS_LABEL[row.status];
  const toggle = (what: 'edit' | 'history') => setOpen((o) => (o === what ? null : what));
  return (
    <li
      className={`inventory-item inventory-item-${row.status.toLowerCase()}`}
      aria-label={`${row.name}, ${s.text}`}
    >
      <div className="inventory-item-head">
        <span className="inventory-name">{row.name}</span>
        <span className={`inventory-status inventory-status-${row.status.toLowerCase()}`}>
          <span aria-hidden="true">{s.symbol}</span> {s.text}
        </span>
      </div>
      <p className="inventory-meta">
        {row.sku} · {row.category}
        {storeName !== null && ` · ${storeName}`}
      </p>
      <dl className="inventory-facts">
        <div>
          <dt>In stock</dt>
          <dd className="inventory-level">{formatUnits(row.level)}</dd>
        </div>
        <div>
          <dt>Reorder / overstock</dt>
          <dd>
            {row.threshold === null
              ? 'not set'
              : `≤ ${formatUnits(row.threshold.reorder)} / ≥ ${formatUnits(row.threshold.overstock)}`}
          </dd>
        </div>
        {row.turnover !== null && (
          <div>
            <dt>Turnover, 30 days</dt>
            <dd>{row.turnover.toFixed(1)}×</dd>
          </div>
        )}
      </dl>
      <div className="inventory-actions">
        {canEdit && (
          <button
            type="button"
            className="link-button"
            aria-expanded={open === 'edit'}
            onClick={() => toggle('edit')}
          >
            Edit thresholds
          </button>
        )}
        <button
          type="button"
          className="link-button"
          aria-expanded={open === 'history'}
          onClick={() => toggle('history')}
        >
          Movement history
        </button>
      </div>
      {open === 'edit' && (
        <ThresholdEditor
          label={`${row.name} (${row.sku})`}
          initial={row.threshold}
          onSave={(v) => onSave(row, v)}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'history' && (
        <MovementHistory
          storeId={row.storeId}
          sku={row.sku}
          label={`${row.name} (${row.sku})`}
          {...(loadMovements ? { load: loadMovements } : {})}
        />
      )}
    </li>
  );
}
