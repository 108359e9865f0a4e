// The demo catalogue: ~1,200 SKUs across the categories of catalogue-data.ts. Demand
// within a category follows a Zipf-like popularity curve, so the tail is intermittent
// (many SKUs sell less than once a day at a store).
import { REGION_CODES } from '../calendar/regions.ts';
import { CATEGORIES } from './catalogue-data.ts';
import { pick, type Rng } from './random.ts';

export interface DemoProduct {
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly categoryIndex: number;
  readonly subcategory: string;
  readonly brand: string;
  /** Rupees, two decimals. */
  readonly unitPrice: number;
  readonly costPrice: number;
  readonly status: 'ACTIVE' | 'DISCONTINUED';
  /** Mean units per day at a reference TIER_2 store. */
  readonly baseDemand: number;
  /** Regional preference multiplier, indexed like REGION_CODES. */
  readonly regionPrefs: readonly number[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function generateCatalogue(rng: Rng, skuCount: number): DemoProduct[] {
  const products: DemoProduct[] = [];
  CATEGORIES.forEach((cat, categoryIndex) => {
    const count = Math.max(1, Math.round(skuCount * cat.share));
    for (let i = 0; i < count; i++) {
      const sub = cat.subcategories[i % cat.subcategories.length] ?? cat.subcategories[0];
      if (!sub) continue;
      const brand = pick(rng, cat.brands);
      const packIndex = Math.floor(rng() * sub.packs.length);
      const pack = sub.packs[packIndex] ?? '';
      const [lo, hi] = sub.price;
      const position = sub.packs.length === 1 ? rng() : (packIndex + rng()) / sub.packs.length;
      const unitPrice = round2(Math.max(5, lo + (hi - lo) * position) - 0.01 * Math.floor(rng() * 2));
      const margin = 0.08 + rng() * 0.2;
      // Zipf-like rank within the category: a few fast movers, a long intermittent tail.
      const rank = i + 1;
      const baseDemand = (cat.demand * 4) / Math.pow(rank, 0.9) / (1 + packIndex * 0.6);
      products.push({
        sku: `${cat.code}-${String(i + 1).padStart(4, '0')}`,
        name: `${brand} ${sub.name} ${pack}`.trim(),
        category: cat.name,
        categoryIndex,
        subcategory: sub.name,
        brand,
        unitPrice,
        costPrice: round2(unitPrice * (1 - margin)),
        status: rng() < 0.015 ? 'DISCONTINUED' : 'ACTIVE',
        baseDemand,
        regionPrefs: REGION_CODES.map((r) => sub.prefs?.[r] ?? 1),
      });
    }
  });
  return products;
}
