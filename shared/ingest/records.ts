// Validation of the three feed record kinds (design: Transaction, InventoryUpdate,
// CompetitorPrice; camelCase JSON). Valid records come back normalised — money in
// integer paise, time in epoch ms — ready for the set-based SQL functions.
//
// Rounding rule for totals: each line's totalPrice must be within ₹0.01 of
// quantity × unitPrice (POS systems round lines to the paisa), and totalAmount must be
// within ₹0.01 × (number of lines) of the sum of line totals.
import { Checker, isObject, describe, type FieldError } from './check.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:\-/]*$/;
const ID_HINT = 'may contain only letters, digits and _ . : - /';
const DAY_MS = 86_400_000;
/** Feeds may replay up to 400 days back (the rollup history) and clocks may run 10 minutes fast. */
export const ACCEPT_PAST_MS = 400 * DAY_MS;
export const ACCEPT_FUTURE_MS = 10 * 60_000;

export interface TransactionLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPricePaise: number;
  readonly totalPricePaise: number;
}
export interface TransactionRecord {
  readonly transactionId: string;
  readonly storeId: string;
  readonly at: number;
  readonly items: readonly TransactionLine[];
  readonly totalAmountPaise: number;
  readonly customerId: string | undefined;
  /** Optional in the feed (the design's shape has none); CASH when absent. */
  readonly paymentMethod: PaymentMethod;
  readonly source: string;
}
export const PAYMENT_METHODS = ['CASH', 'UPI', 'CARD', 'WALLET', 'CREDIT'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export interface InventoryRecord {
  readonly sku: string;
  readonly storeId: string;
  readonly warehouseId: string | undefined;
  /** The counted/absolute quantity on hand reported by the ERP/WMS. */
  readonly quantity: number;
  readonly at: number;
  readonly source: string;
}
export interface CompetitorPriceRecord {
  readonly sku: string;
  readonly competitorId: string;
  readonly pricePaise: number;
  readonly at: number;
  readonly source: string;
  /** Where the price was seen; optional for a feed bound to a store (its region is used). */
  readonly regionId: string | undefined;
}

export type Validated<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldError[] };

const paise = (rupees: number): number => Math.round(rupees * 100);
const acceptWindow = (now: number): [number, number] => [now - ACCEPT_PAST_MS, now + ACCEPT_FUTURE_MS];

function notObject(index: number, v: unknown): Validated<never> {
  return {
    ok: false,
    errors: [{ index, field: '', message: `record must be an object, got ${describe(v)}` }],
  };
}

function line(c: Checker, raw: unknown, i: number): TransactionLine | undefined {
  const l = c.child(raw, `items[${i}]`);
  if (!l) return undefined;
  const sku = l.string('sku', { max: 64, pattern: ID, hint: ID_HINT });
  const quantity = l.number('quantity', { min: 0, minExclusive: true, max: 10_000, decimals: 3 });
  const unitPrice = l.number('unitPrice', { min: 0, max: 10_000_000, decimals: 2 });
  const totalPrice = l.number('totalPrice', { min: 0, max: 100_000_000, decimals: 2 });
  if (quantity !== undefined && unitPrice !== undefined && totalPrice !== undefined) {
    if (Math.abs(paise(quantity * unitPrice) - paise(totalPrice)) > 1) {
      l.error(
        'totalPrice',
        `must equal quantity × unitPrice (${(quantity * unitPrice).toFixed(2)}) within 0.01`,
      );
    }
  }
  c.errors.push(...l.errors);
  if (l.errors.length > 0 || sku === undefined || quantity === undefined) return undefined;
  return { sku, quantity, unitPricePaise: paise(unitPrice ?? 0), totalPricePaise: paise(totalPrice ?? 0) };
}

export function validateTransaction(raw: unknown, index: number, now: number): Validated<TransactionRecord> {
  if (!isObject(raw)) return notObject(index, raw);
  const c = new Checker(index, raw);
  const transactionId = c.string('transactionId', { max: 64, pattern: ID, hint: ID_HINT });
  const storeId = c.string('storeId', { max: 64, pattern: ID, hint: ID_HINT });
  const at = c.timestamp('timestamp', ...acceptWindow(now));
  const rawItems = c.array('items', 1, 500);
  const items = (rawItems ?? []).map((it, i) => line(c, it, i));
  const totalAmount = c.number('totalAmount', { min: 0, max: 1_000_000_000, decimals: 2 });
  const customerId = c.string('customerId', { optional: true, max: 128 });
  const paymentMethod = c.string('paymentMethod', {
    optional: true,
    max: 16,
    pattern: /^(CASH|UPI|CARD|WALLET|CREDIT)$/,
    hint: `must be one of ${PAYMENT_METHODS.join(', ')}`,
  }) as PaymentMethod | undefined;
  const source = c.string('source', { max: 64 });
  if (totalAmount !== undefined && rawItems && items.every((x) => x !== undefined)) {
    const sum = items.reduce((s, x) => s + (x?.totalPricePaise ?? 0), 0);
    if (Math.abs(paise(totalAmount) - sum) > items.length) {
      c.error('totalAmount', `must equal the sum of items' totalPrice (${(sum / 100).toFixed(2)})`);
    }
  }
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: {
      transactionId: transactionId as string,
      storeId: storeId as string,
      at: at as number,
      items: items as TransactionLine[],
      totalAmountPaise: paise(totalAmount as number),
      customerId,
      paymentMethod: paymentMethod ?? 'CASH',
      source: source as string,
    },
  };
}

export function validateInventoryUpdate(
  raw: unknown,
  index: number,
  now: number,
): Validated<InventoryRecord> {
  if (!isObject(raw)) return notObject(index, raw);
  const c = new Checker(index, raw);
  const sku = c.string('sku', { max: 64, pattern: ID, hint: ID_HINT });
  const storeId = c.string('storeId', { max: 64, pattern: ID, hint: ID_HINT });
  const warehouseId = c.string('warehouseId', { optional: true, max: 64, pattern: ID, hint: ID_HINT });
  const quantity = c.number('quantity', { min: 0, max: 10_000_000, decimals: 3 });
  const at = c.timestamp('timestamp', ...acceptWindow(now));
  const source = c.string('source', { max: 64 });
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: { sku: sku!, storeId: storeId!, warehouseId, quantity: quantity!, at: at!, source: source! },
  };
}

export function validateCompetitorPrice(
  raw: unknown,
  index: number,
  now: number,
): Validated<CompetitorPriceRecord> {
  if (!isObject(raw)) return notObject(index, raw);
  const c = new Checker(index, raw);
  const sku = c.string('sku', { max: 64, pattern: ID, hint: ID_HINT });
  const competitorId = c.string('competitorId', { max: 64, pattern: ID, hint: ID_HINT });
  const regionId = c.string('regionId', { optional: true, max: 32, pattern: ID, hint: ID_HINT });
  const price = c.number('price', { min: 0, minExclusive: true, max: 10_000_000, decimals: 2 });
  const at = c.timestamp('timestamp', ...acceptWindow(now));
  const source = c.string('source', { max: 64 });
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: {
      sku: sku!,
      competitorId: competitorId!,
      pricePaise: paise(price!),
      at: at!,
      source: source!,
      regionId,
    },
  };
}
