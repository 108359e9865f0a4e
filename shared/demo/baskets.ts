// Raw baskets for the most recent days: per store and day, a Poisson number of baskets
// whose expected units match the demand model (so the series continues smoothly from the
// history), lines drawn by demand weight, IST shopping hours with morning and evening
// peaks, and about 40% of baskets carrying a pseudonymous loyalty id.
import { isoDate } from '../calendar/dates.ts';
import { onPromotion, PROMO_DISCOUNT, PROMO_UPLIFT } from './demand.ts';
import { meanUnits, type DemoWorld } from './demo-world.ts';
import type { DemoStore } from './geography.ts';
import { fork, poisson, uuidFrom, weightedIndex, type Rng } from './random.ts';

export interface BasketLine {
  readonly sku: string;
  readonly quantity: number;
  /** Paise. */
  readonly unitPrice: number;
  readonly discount: number;
  readonly lineTotal: number;
}

export interface Basket {
  readonly id: string;
  readonly storeId: string;
  readonly day: number;
  readonly externalId: string;
  /** Epoch milliseconds. */
  readonly occurredAt: number;
  /** Loyalty id (hashed by the loader) or null for anonymous baskets. */
  readonly loyaltyId: string | null;
  /** Paise. */
  readonly total: number;
  readonly paymentMethod: 'CASH' | 'UPI' | 'CARD' | 'WALLET' | 'CREDIT';
  readonly lines: readonly BasketLine[];
}

const LINES_MEAN = 3.5;
const UNITS_PER_LINE = 1.25;
/** Opening hours 08:00-22:00 IST; weights per hour. */
const HOUR_WEIGHTS = Float64Array.from(
  [2, 4, 6, 7, 6, 5, 4, 4, 5, 7, 9, 9, 7, 4].reduce<number[]>(
    (acc, w) => [...acc, (acc.at(-1) ?? 0) + w],
    [],
  ),
);
const IST_OFFSET_MS = 330 * 60_000;
/** Expected units in a raw basket: the basket count of a day is its units over this. */
export const UNITS_PER_BASKET = (1 + LINES_MEAN) * UNITS_PER_LINE;

export interface HourTotals {
  /** Epoch milliseconds of the hour's start. */
  readonly hourStart: number;
  readonly paise: number;
  readonly units: number;
  readonly baskets: number;
}

/**
 * A history day's store totals spread over the opening hours the way raw baskets are
 * (HOUR_WEIGHTS), with baskets counted once: units ÷ UNITS_PER_BASKET of them, at least
 * one on a day with sales. Integer paise, units and baskets; each sums exactly to the
 * day's (largest remainders), so the hourly rollup agrees with the SKU×day history.
 */
export function historyHours(day: number, paise: number, units: number): HourTotals[] {
  if (!(units > 0)) return [];
  const baskets = Math.max(1, Math.round(units / UNITS_PER_BASKET));
  const weights = Array.from(HOUR_WEIGHTS, (c, i) => c - (HOUR_WEIGHTS[i - 1] ?? 0));
  const basketsByHour = apportion(baskets, weights);
  const paiseByHour = apportion(paise, basketsByHour);
  const unitsByHour = apportion(units, basketsByHour);
  const out: HourTotals[] = [];
  basketsByHour.forEach((b, i) => {
    if (b > 0)
      out.push({
        hourStart: day * 86_400_000 + (8 + i) * 3_600_000 - IST_OFFSET_MS,
        paise: paiseByHour[i]!,
        units: unitsByHour[i]!,
        baskets: b,
      });
  });
  return out;
}

/** Splits a non-negative integer total in proportion to weights (largest remainders). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const n = weights.length;
  if (!(sum > 0)) return Array.from({ length: n }, (_, i) => (i === 0 ? total : 0));
  const exact = Array.from({ length: n }, (_, i) => (total * weights[i]!) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--) out[order[k]!.i]! += 1;
  return out;
}
const PAYMENTS: Record<DemoStore['tier'], readonly [Basket['paymentMethod'], number][]> = {
  TIER_1: [
    ['UPI', 0.55],
    ['CARD', 0.25],
    ['CASH', 0.12],
    ['WALLET', 0.08],
  ],
  TIER_2: [
    ['UPI', 0.5],
    ['CASH', 0.3],
    ['CARD', 0.15],
    ['WALLET', 0.05],
  ],
  RURAL: [
    ['CASH', 0.5],
    ['UPI', 0.38],
    ['CREDIT', 0.1],
    ['CARD', 0.02],
  ],
};

function payment(rng: Rng, tier: DemoStore['tier']): Basket['paymentMethod'] {
  let x = rng();
  for (const [method, p] of PAYMENTS[tier]) {
    if ((x -= p) < 0) return method;
  }
  return 'CASH';
}

function quantity(rng: Rng, category: string): number {
  if (category === 'Fruits & Vegetables') return 0.5 + 0.25 * Math.floor(rng() * 10);
  const x = rng();
  return x < 0.8 ? 1 : x < 0.95 ? 2 : 3;
}

/** Like emitHistory: call for the stores in world order, all at once or one by one. */
export function emitBaskets(world: DemoWorld, emit: (basket: Basket) => void, stores = world.stores): void {
  const base = world.seeds.baskets;
  for (const store of stores) {
    const rng = fork(base);
    const customers = Math.max(40, Math.round(store.baskets * 5));
    const weights = new Float64Array(store.assortment.length);
    for (let day = world.firstRawDay; day <= world.lastDay; day++) {
      const d = day - world.firstDay;
      let sum = 0;
      store.assortment.forEach((skuIndex, i) => {
        const p = world.products[skuIndex];
        const promo = onPromotion(skuIndex, store.regionIndex, day);
        sum += p ? meanUnits(world, store, p, d) * (promo ? PROMO_UPLIFT : 1) : 0;
        weights[i] = sum;
      });
      const count = poisson(rng, sum / ((1 + LINES_MEAN) * UNITS_PER_LINE));
      const ymd = isoDate(day).replaceAll('-', '');
      for (let n = 0; n < count; n++) {
        const hour = 8 + weightedIndex(rng, HOUR_WEIGHTS);
        const second = Math.floor(rng() * 3600);
        const id = uuidFrom(rng);
        const loyalty = rng() < 0.4 ? `LOY-${store.id}-${Math.floor(rng() * customers)}` : null;
        const method = payment(rng, store.tier);
        const lineCount = 1 + poisson(rng, LINES_MEAN);
        if (day === world.lastDay && hour >= world.options.hourNow) continue;
        const seen = new Set<number>();
        const lines: BasketLine[] = [];
        for (let l = 0; l < lineCount; l++) {
          const skuIndex = store.assortment[weightedIndex(rng, weights)] ?? 0;
          const p = world.products[skuIndex];
          if (!p || seen.has(skuIndex)) continue;
          seen.add(skuIndex);
          const qty = quantity(rng, p.category);
          const unitPrice = Math.round(p.unitPrice * 100);
          const gross = Math.round(qty * unitPrice);
          const discount = onPromotion(skuIndex, store.regionIndex, day)
            ? Math.round(gross * PROMO_DISCOUNT)
            : 0;
          lines.push({ sku: p.sku, quantity: qty, unitPrice, discount, lineTotal: gross - discount });
        }
        emit({
          id,
          storeId: store.id,
          day,
          externalId: `${store.id}-${ymd}-${String(n + 1).padStart(5, '0')}`,
          occurredAt: day * 86_400_000 + hour * 3_600_000 + second * 1000 - IST_OFFSET_MS,
          loyaltyId: loyalty,
          total: lines.reduce((t, l) => t + l.lineTotal, 0),
          paymentMethod: method,
          lines,
        });
      }
    }
  }
}
