// Sales KPIs over transaction-level facts or rollup rows (Properties 1, 2, 3).

export interface SaleFact {
  /** Epoch milliseconds of the sale. */
  readonly at: number;
  readonly storeId: string;
  readonly regionId: string;
  readonly category: string;
  /** Revenue in integer paise. */
  readonly revenuePaise: number;
  readonly units: number;
  readonly transactions: number;
}

export type SalesDimension = 'storeId' | 'regionId' | 'category';

export interface SalesTotals {
  readonly revenuePaise: number;
  readonly units: number;
  readonly transactions: number;
}

const ZERO: SalesTotals = { revenuePaise: 0, units: 0, transactions: 0 };

const finite = (n: number): number => (Number.isFinite(n) ? n : 0);

export function addTotals(a: SalesTotals, f: SalesTotals): SalesTotals {
  return {
    revenuePaise: a.revenuePaise + finite(f.revenuePaise),
    units: a.units + finite(f.units),
    transactions: a.transactions + finite(f.transactions),
  };
}

/** Property 1: totals are exact sums of the facts (paise are integers). */
export function totalSales(facts: Iterable<SalesTotals>): SalesTotals {
  let t = ZERO;
  for (const f of facts) t = addTotals(t, f);
  return t;
}

/** Property 1: per-dimension totals; their sum equals `totalSales` of the same facts. */
export function salesBy(facts: Iterable<SaleFact>, dimension: SalesDimension): Map<string, SalesTotals> {
  const out = new Map<string, SalesTotals>();
  for (const f of facts) out.set(f[dimension], addTotals(out.get(f[dimension]) ?? ZERO, f));
  return out;
}

/** Half-open range [from, to) in epoch ms, so consecutive ranges neither overlap nor leave gaps. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** Property 2: exactly the facts with from ≤ at < to, in their original order. */
export function inRange<T extends { readonly at: number }>(facts: readonly T[], range: TimeRange): T[] {
  return facts.filter((f) => f.at >= range.from && f.at < range.to);
}

/** Average transaction value in paise; null when there were no transactions. */
export function averageTransactionValue(t: SalesTotals): number | null {
  return t.transactions > 0 ? t.revenuePaise / t.transactions : null;
}

/**
 * Property 3: ((current − previous) / previous) × 100. Null when the previous period is
 * zero or either value is not finite: growth from nothing is undefined, and the UI says so.
 */
export function growthPercent(current: number, previous: number): number | null {
  if (!Number.isFinite(current) || !Number.isFinite(previous) || previous === 0) return null;
  return ((current - previous) / previous) * 100;
}
