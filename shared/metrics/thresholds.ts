// Reorder/overstock thresholds as the user types them (Property 7): parsed and checked
// with messages that say what to change, and carried to and from the synced document
// unchanged, so what was saved is what comes back. The server enforces the same rules
// (reorder ≥ 0, overstock > reorder, numeric(12,3)).

export interface ThresholdValues {
  readonly reorder: number;
  readonly overstock: number;
}

export type ThresholdCheck =
  | { readonly ok: true; readonly value: ThresholdValues }
  | { readonly ok: false; readonly errors: { readonly reorder?: string; readonly overstock?: string } };

/** Largest value numeric(12,3) holds. */
export const MAX_THRESHOLD = 999_999_999.999;

function parseQuantity(text: string, label: string): number | string {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return `${label} is required.`;
  if (!/^-?\d+(\.\d+)?$/.test(t)) return `${label} must be a number, e.g. 12 or 12.5.`;
  const n = Number(t);
  if (t.startsWith('-')) return `${label} cannot be negative.`;
  if (!/^\d+(\.\d{1,3})?$/.test(t)) return `${label} can have at most 3 decimals.`;
  if (n > MAX_THRESHOLD) return `${label} must be at most 999,999,999.999.`;
  return n;
}

export function checkThresholds(reorderText: string, overstockText: string): ThresholdCheck {
  const reorder = parseQuantity(reorderText, 'Reorder level');
  const overstock = parseQuantity(overstockText, 'Overstock level');
  const errors: { reorder?: string; overstock?: string } = {};
  if (typeof reorder === 'string') errors.reorder = reorder;
  if (typeof overstock === 'string') errors.overstock = overstock;
  if (typeof reorder === 'number' && typeof overstock === 'number' && overstock <= reorder)
    errors.overstock = `Overstock level must be above the reorder level (${reorder}).`;
  if (errors.reorder !== undefined || errors.overstock !== undefined) return { ok: false, errors };
  return { ok: true, value: { reorder: reorder as number, overstock: overstock as number } };
}

/** The synced document's editable part (inventory_thresholds schema). */
export interface ThresholdDocFields {
  readonly id: string;
  readonly store_id: string;
  readonly sku: string;
  readonly reorder_threshold: number;
  readonly overstock_threshold: number;
}

export const thresholdDocId = (storeId: string, sku: string): string => `${storeId}|${sku}`;

/** The document to upsert: the edited values over the current document's other fields. */
export function thresholdDoc<T extends object>(
  storeId: string,
  sku: string,
  v: ThresholdValues,
  current?: T,
): T & ThresholdDocFields {
  return {
    ...(current ?? ({ updated_at: null, updated_by: null, rev: null } as unknown as T)),
    id: thresholdDocId(storeId, sku),
    store_id: storeId,
    sku,
    reorder_threshold: v.reorder,
    overstock_threshold: v.overstock,
  };
}

export function thresholdValuesOf(
  doc: Pick<ThresholdDocFields, 'reorder_threshold' | 'overstock_threshold'>,
): ThresholdValues {
  return { reorder: doc.reorder_threshold, overstock: doc.overstock_threshold };
}

/** How a value goes back into the input box (no grouping, no trailing zeros). */
export const thresholdText = (n: number): string => String(n);
