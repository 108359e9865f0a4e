// Opening stock, receipts and thresholds per SKU×store for the raw window. The loader adds
// one SALE movement per SKU, store and day from the raw items, and tops up the opening
// count where sales would otherwise exceed stock (stores here may not go negative), so
// some SKUs end the window low or out of stock — the demo's low-stock alerts.
import type { DemoWorld } from './demo-world.ts';
import { meanUnits } from './demo-world.ts';
import { fork, intBetween } from './random.ts';

export interface StockPlan {
  readonly storeId: string;
  readonly sku: string;
  readonly opening: number;
  /** [day number, quantity] receipts during the window. */
  readonly receipts: readonly (readonly [number, number])[];
  readonly reorderThreshold: number;
  readonly overstockThreshold: number;
}

export function emitStockPlans(world: DemoWorld, emit: (plan: StockPlan) => void): void {
  const rng = fork(world.seeds.inventory);
  const window = world.lastDay - world.firstRawDay + 1;
  const d = world.firstRawDay - world.firstDay;
  for (const store of world.stores) {
    for (const skuIndex of store.assortment) {
      const p = world.products[skuIndex];
      if (!p) continue;
      const daily = meanUnits(world, store, p, Math.max(0, d));
      const cover = 0.6 + rng() * 1.6;
      const receipts: [number, number][] = [];
      const deliveries = daily > 0.5 ? intBetween(rng, 1, 3) : rng() < 0.3 ? 1 : 0;
      for (let i = 0; i < deliveries; i++) {
        receipts.push([
          world.firstRawDay + intBetween(rng, 1, Math.max(1, window - 1)),
          Math.ceil(daily * (7 + rng() * 10)),
        ]);
      }
      const reorder = Math.ceil(daily * 5) + 1;
      emit({
        storeId: store.id,
        sku: p.sku,
        opening: Math.ceil(daily * window * cover) + 1,
        receipts,
        reorderThreshold: reorder,
        overstockThreshold: Math.ceil(daily * 45) + reorder + 5,
      });
    }
  }
}
