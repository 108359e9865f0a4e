// SKU×store×day sales before the raw-basket window (the forecasting input): Poisson units
// around the demand model, promotions, and stockout runs where nothing sells. Only days
// with sales are emitted (the series is sparse for the intermittent tail).
import { onPromotion, PROMO_DISCOUNT, PROMO_UPLIFT } from './demand.ts';
import { meanUnits, type DemoWorld } from './demo-world.ts';
import { fork, intBetween, poisson } from './random.ts';

export interface SkuDayRow {
  readonly storeId: string;
  readonly sku: string;
  /** Day number (days since 1970-01-01, IST business day). */
  readonly day: number;
  readonly units: number;
  /** Rupees, rounded to paise. */
  readonly revenue: number;
  readonly transactionCount: number;
}

/** Baskets holding a SKU: most carry one unit, some two or three. */
export function basketsFor(units: number): number {
  return units <= 1 ? units : units - Math.floor(units * 0.15);
}

/**
 * Emits the stores' rows in order. Call it for the stores in world order (all at once or
 * one by one): each SKU×store stream is forked from the world's history seed in that order.
 */
export function emitHistory(world: DemoWorld, emit: (row: SkuDayRow) => void, stores = world.stores): void {
  const base = world.seeds.history;
  const rawStart = world.firstRawDay - world.firstDay;
  for (const store of stores) {
    for (const skuIndex of store.assortment) {
      const p = world.products[skuIndex];
      if (!p) continue;
      const rng = fork(base);
      let stockoutLeft = 0;
      for (let d = 0; d < rawStart; d++) {
        const day = world.firstDay + d;
        if (stockoutLeft > 0) {
          stockoutLeft--;
          continue;
        }
        if (rng() < 0.004) {
          stockoutLeft = intBetween(rng, 1, 5);
          continue;
        }
        const promo = onPromotion(skuIndex, store.regionIndex, day);
        const units = poisson(rng, meanUnits(world, store, p, d) * (promo ? PROMO_UPLIFT : 1));
        if (units === 0) continue;
        const price = promo ? p.unitPrice * (1 - PROMO_DISCOUNT) : p.unitPrice;
        emit({
          storeId: store.id,
          sku: p.sku,
          day,
          units,
          revenue: Math.round(units * price * 100) / 100,
          transactionCount: basketsFor(units),
        });
      }
    }
  }
}
