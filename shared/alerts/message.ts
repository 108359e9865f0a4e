// What a stock alert says, in plain numbers. The server writes its message with numerics at
// their scale ("9.000 units left"); the details carry the numbers, so the device words it.

export interface MessageSource {
  readonly type: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>> | null;
}

const count = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v.toLocaleString('en-IN', { maximumFractionDigits: 3 })
    : undefined;

/**
 * Stock alerts say it from their details in plain numbers ("9 units left, reorder at 10");
 * the server's message prints numerics with their scale ("9.000"). Others keep the message.
 */
export function alertMessage(a: MessageSource): string {
  const q = count(a.details?.['quantity']);
  const reorder = count(a.details?.['reorderThreshold']);
  const over = count(a.details?.['overstockThreshold']);
  if (a.type === 'LOW_STOCK' && q !== undefined && reorder !== undefined)
    return `${q} ${q === '1' ? 'unit' : 'units'} left, reorder at ${reorder}`;
  if (a.type === 'OVERSTOCK' && q !== undefined && over !== undefined)
    return `${q} ${q === '1' ? 'unit' : 'units'} in stock, overstock from ${over}`;
  return a.message;
}
