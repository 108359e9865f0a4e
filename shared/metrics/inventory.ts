// Inventory arithmetic (Properties 4, 5, 6, 8, 9).

export interface Movement {
  readonly sku: string;
  readonly locationId: string;
  /** Signed change in units: receipts positive, sales and shrinkage negative. */
  readonly delta: number;
}

export type StockStatus = 'OK' | 'LOW' | 'OVERSTOCK';

export interface Threshold {
  readonly reorderThreshold: number;
  readonly overstockThreshold: number;
}

const key = (sku: string, locationId: string): string => `${sku}\u0000${locationId}`;

/** Properties 5 and 8: the level of each SKU×location is the sum of its movements. */
export function levelsFromMovements(movements: Iterable<Movement>): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of movements) {
    if (!Number.isFinite(m.delta)) continue;
    const k = key(m.sku, m.locationId);
    out.set(k, (out.get(k) ?? 0) + m.delta);
  }
  return out;
}

export function levelKey(sku: string, locationId: string): string {
  return key(sku, locationId);
}

/**
 * Property 4: LOW at or below the reorder threshold, OVERSTOCK at or above the overstock
 * threshold (when one is set, i.e. > 0), else OK.
 */
export function stockStatus(level: number, t: Threshold): StockStatus {
  if (level <= t.reorderThreshold) return 'LOW';
  if (t.overstockThreshold > 0 && level >= t.overstockThreshold) return 'OVERSTOCK';
  return 'OK';
}

/** Property 6: units sold / average inventory; null when average inventory is not positive. */
export function turnoverRatio(unitsSold: number, averageInventory: number): number | null {
  if (!Number.isFinite(unitsSold) || !Number.isFinite(averageInventory) || averageInventory <= 0) return null;
  return unitsSold / averageInventory;
}

/** Average of end-of-day levels over a period (the denominator of Property 6). */
export function averageLevel(dailyLevels: readonly number[]): number {
  const xs = dailyLevels.filter(Number.isFinite);
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Property 9: per category, the sum of the levels of its SKUs at the location. */
export function levelsByCategory(
  levels: Iterable<{ readonly category: string; readonly level: number }>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of levels) {
    if (!Number.isFinite(l.level)) continue;
    out.set(l.category, (out.get(l.category) ?? 0) + l.level);
  }
  return out;
}
