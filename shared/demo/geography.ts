// Demo regions and stores: six sales regions, stores in real cities of each, all tiers
// (TIER_1 metros, TIER_2 towns, RURAL), each with an assortment sized by tier.
import type { RegionCode } from '../calendar/regions.ts';
import type { DemoProduct } from './catalogue.ts';
import { intBetween, pick, type Rng } from './random.ts';

export interface DemoRegion {
  readonly id: RegionCode;
  readonly name: string;
}

export type Tier = 'TIER_1' | 'TIER_2' | 'RURAL';

export interface DemoStore {
  readonly id: string;
  readonly name: string;
  readonly regionId: RegionCode;
  readonly regionIndex: number;
  readonly tier: Tier;
  readonly city: string;
  readonly state: string;
  /** Demand multiplier against a reference TIER_2 store. */
  readonly size: number;
  /** Mean baskets per day. */
  readonly baskets: number;
  /** Indices into the catalogue of the SKUs this store carries, ascending. */
  readonly assortment: Int32Array;
  readonly allowNegativeStock: boolean;
}

export const DEMO_REGIONS: readonly DemoRegion[] = [
  { id: 'NORTH', name: 'North' },
  { id: 'SOUTH', name: 'South' },
  { id: 'EAST', name: 'East' },
  { id: 'WEST', name: 'West' },
  { id: 'CENTRAL', name: 'Central' },
  { id: 'NORTHEAST', name: 'North-East' },
];

const CITIES: Record<RegionCode, Record<Tier, readonly (readonly [string, string])[]>> = {
  NORTH: {
    TIER_1: [
      ['Delhi', 'Delhi'],
      ['Gurugram', 'Haryana'],
    ],
    TIER_2: [
      ['Lucknow', 'Uttar Pradesh'],
      ['Jaipur', 'Rajasthan'],
      ['Ludhiana', 'Punjab'],
      ['Dehradun', 'Uttarakhand'],
    ],
    RURAL: [
      ['Rohtak', 'Haryana'],
      ['Barabanki', 'Uttar Pradesh'],
      ['Moga', 'Punjab'],
    ],
  },
  SOUTH: {
    TIER_1: [
      ['Bengaluru', 'Karnataka'],
      ['Chennai', 'Tamil Nadu'],
      ['Hyderabad', 'Telangana'],
    ],
    TIER_2: [
      ['Kochi', 'Kerala'],
      ['Coimbatore', 'Tamil Nadu'],
      ['Mysuru', 'Karnataka'],
      ['Vijayawada', 'Andhra Pradesh'],
    ],
    RURAL: [
      ['Thrissur', 'Kerala'],
      ['Tiruvarur', 'Tamil Nadu'],
      ['Mandya', 'Karnataka'],
    ],
  },
  EAST: {
    TIER_1: [['Kolkata', 'West Bengal']],
    TIER_2: [
      ['Bhubaneswar', 'Odisha'],
      ['Patna', 'Bihar'],
      ['Ranchi', 'Jharkhand'],
      ['Durgapur', 'West Bengal'],
    ],
    RURAL: [
      ['Bardhaman', 'West Bengal'],
      ['Cuttack', 'Odisha'],
      ['Gaya', 'Bihar'],
    ],
  },
  WEST: {
    TIER_1: [
      ['Mumbai', 'Maharashtra'],
      ['Pune', 'Maharashtra'],
      ['Ahmedabad', 'Gujarat'],
    ],
    TIER_2: [
      ['Surat', 'Gujarat'],
      ['Nagpur', 'Maharashtra'],
      ['Vadodara', 'Gujarat'],
      ['Panaji', 'Goa'],
    ],
    RURAL: [
      ['Nashik', 'Maharashtra'],
      ['Anand', 'Gujarat'],
      ['Satara', 'Maharashtra'],
    ],
  },
  CENTRAL: {
    TIER_1: [['Indore', 'Madhya Pradesh']],
    TIER_2: [
      ['Bhopal', 'Madhya Pradesh'],
      ['Raipur', 'Chhattisgarh'],
      ['Jabalpur', 'Madhya Pradesh'],
    ],
    RURAL: [
      ['Sehore', 'Madhya Pradesh'],
      ['Durg', 'Chhattisgarh'],
    ],
  },
  NORTHEAST: {
    TIER_1: [['Guwahati', 'Assam']],
    TIER_2: [
      ['Shillong', 'Meghalaya'],
      ['Imphal', 'Manipur'],
      ['Agartala', 'Tripura'],
    ],
    RURAL: [
      ['Jorhat', 'Assam'],
      ['Tezpur', 'Assam'],
    ],
  },
};

const TIER_PLAN: Record<
  Tier,
  { share: number; size: number; baskets: number; skus: readonly [number, number] }
> = {
  TIER_1: { share: 0.3, size: 1.8, baskets: 300, skus: [550, 700] },
  TIER_2: { share: 0.4, size: 1, baskets: 170, skus: [340, 450] },
  RURAL: { share: 0.3, size: 0.45, baskets: 80, skus: [160, 240] },
};

function tierOf(i: number, count: number): Tier {
  const x = (i + 0.5) / count;
  return x < TIER_PLAN.TIER_1.share
    ? 'TIER_1'
    : x < TIER_PLAN.TIER_1.share + TIER_PLAN.TIER_2.share
      ? 'TIER_2'
      : 'RURAL';
}

/** Stores round-robin over regions; tiers in fixed proportions; assortments favour fast movers. */
export function generateStores(rng: Rng, count: number, products: readonly DemoProduct[]): DemoStore[] {
  const popularity = products.map((p, i) => ({ i, score: p.baseDemand * (0.5 + rng()) }));
  popularity.sort((a, b) => b.score - a.score);
  const stores: DemoStore[] = [];
  for (let n = 0; n < count; n++) {
    const regionIndex = n % DEMO_REGIONS.length;
    const region = DEMO_REGIONS[regionIndex] ?? DEMO_REGIONS[0]!;
    const tier = tierOf(Math.floor(n / DEMO_REGIONS.length), Math.ceil(count / DEMO_REGIONS.length));
    const plan = TIER_PLAN[tier];
    const [city, state] = pick(rng, CITIES[region.id][tier]);
    const skuCount = Math.min(products.length, intBetween(rng, plan.skus[0], plan.skus[1]));
    // The top half of the assortment is the chain's fast movers; the rest is a random tail.
    const core = Math.floor(skuCount * 0.5);
    const chosen = new Set<number>(popularity.slice(0, core).map((p) => p.i));
    while (chosen.size < skuCount) chosen.add(Math.floor(rng() * products.length));
    const size = plan.size * (0.8 + rng() * 0.4);
    stores.push({
      id: `ST-${String(n + 1).padStart(4, '0')}`,
      name: `${city} ${tier === 'RURAL' ? 'Gramin' : 'Bazaar'} ${Math.floor(n / DEMO_REGIONS.length) + 1}`,
      regionId: region.id,
      regionIndex,
      tier,
      city,
      state,
      size,
      baskets: plan.baskets * (size / plan.size),
      assortment: Int32Array.from([...chosen].sort((a, b) => a - b)),
      allowNegativeStock: false,
    });
  }
  return stores;
}
