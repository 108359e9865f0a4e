// Realistic POS baskets for the simulator: 1–6 lines, cheaper products more likely, small
// quantities, Indian payment mix (UPI first), a loyalty id on about a third of baskets.
// Only SKUs with stock at the store are offered, so sales never exceed stock on hand.
// Pure: RNG, clock and the stock view are parameters.

export interface SimProduct {
  readonly sku: string;
  /** Selling price in paise. */
  readonly pricePaise: number;
}

export interface SimLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly totalPrice: number;
}

export interface SimTransaction {
  readonly transactionId: string;
  readonly storeId: string;
  readonly timestamp: string;
  readonly items: readonly SimLine[];
  readonly totalAmount: number;
  readonly paymentMethod: string;
  readonly customerId?: string;
  readonly source: string;
}

const PAYMENTS: readonly [string, number][] = [
  ['UPI', 0.45],
  ['CASH', 0.35],
  ['CARD', 0.15],
  ['WALLET', 0.05],
];

function payment(rng: () => number): string {
  let u = rng();
  for (const [m, p] of PAYMENTS) {
    if (u < p) return m;
    u -= p;
  }
  return 'CASH';
}

/** Picks an index with weight 1/sqrt(price): staples sell more often than televisions. */
function pickProduct(rng: () => number, products: readonly SimProduct[]): SimProduct | undefined {
  const weights = products.map((p) => 1 / Math.sqrt(Math.max(100, p.pricePaise)));
  let u = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < products.length; i += 1) {
    u -= weights[i]!;
    if (u <= 0) return products[i];
  }
  return products.at(-1);
}

export function makeBasket(
  rng: () => number,
  args: {
    readonly storeId: string;
    readonly source: string;
    readonly transactionId: string;
    readonly at: number;
    readonly products: readonly SimProduct[];
    /** Units on hand; lines are limited to it and the caller's view is decremented. */
    readonly stock: Map<string, number>;
  },
): SimTransaction | undefined {
  const inStock = args.products.filter((p) => (args.stock.get(p.sku) ?? 0) >= 1);
  const lines: SimLine[] = [];
  const wanted = 1 + Math.floor(rng() * rng() * 6);
  for (let n = 0; n < wanted && inStock.length > 0; n += 1) {
    const p = pickProduct(rng, inStock);
    if (p === undefined || lines.some((l) => l.sku === p.sku)) continue;
    const onHand = args.stock.get(p.sku) ?? 0;
    const quantity = Math.min(onHand, 1 + Math.floor(rng() * rng() * 3));
    if (quantity < 1) continue;
    args.stock.set(p.sku, onHand - quantity);
    lines.push({
      sku: p.sku,
      quantity,
      unitPrice: p.pricePaise / 100,
      totalPrice: (p.pricePaise * quantity) / 100,
    });
  }
  if (lines.length === 0) return undefined;
  const totalPaise = lines.reduce((s, l) => s + Math.round(l.totalPrice * 100), 0);
  const loyal = rng() < 0.33;
  return {
    transactionId: args.transactionId,
    storeId: args.storeId,
    timestamp: new Date(args.at).toISOString(),
    items: lines,
    totalAmount: totalPaise / 100,
    paymentMethod: payment(rng),
    ...(loyal ? { customerId: `LOY-${args.storeId}-${Math.floor(rng() * 5000)}` } : {}),
    source: args.source,
  };
}
