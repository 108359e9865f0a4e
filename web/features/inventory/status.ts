// Stock status in words and a symbol (never colour alone).
import type { StockStatus } from '#shared/metrics/inventory.ts';

export const STATUS_LABEL: Readonly<Record<StockStatus, { readonly symbol: string; readonly text: string }>> =
  {
    LOW: { symbol: '▼', text: 'Low' },
    OVERSTOCK: { symbol: '▲', text: 'Overstock' },
    OK: { symbol: '✓', text: 'OK' },
  };
