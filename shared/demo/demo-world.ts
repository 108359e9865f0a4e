// The demo world: catalogue, regions, stores with assortments, and the day window, built
// from one seeded source. Everything else (history, baskets, inventory, prices) is derived
// from a world by the emitters in this folder.
import { epochDay } from '../calendar/dates.ts';
import { generateCatalogue, type DemoProduct } from './catalogue.ts';
import { DEMO_REGIONS, generateStores, type DemoRegion, type DemoStore } from './geography.ts';
import { dayFactors } from './demand.ts';
import { fork, type Rng } from './random.ts';

export interface DemoOptions {
  readonly stores: number;
  readonly skus: number;
  /** Days of SKU×store×day history ending on `today`. */
  readonly days: number;
  /** The most recent days (within `days`) kept as raw baskets. */
  readonly rawDays: number;
  /** Business day (IST) the data ends on, ISO date. */
  readonly today: string;
  /** IST hour (0-24) up to which `today` has sold; 24 = the whole day. */
  readonly hourNow: number;
}

export const DEMO_DEFAULTS: Omit<DemoOptions, 'today' | 'hourNow'> = {
  stores: 60,
  skus: 1200,
  days: 400,
  rawDays: 30,
};

export interface DemoWorld {
  readonly options: DemoOptions;
  readonly regions: readonly DemoRegion[];
  readonly products: readonly DemoProduct[];
  readonly stores: readonly DemoStore[];
  /** Day number of the first history day. */
  readonly firstDay: number;
  /** Day number of the first raw-basket day. */
  readonly firstRawDay: number;
  readonly lastDay: number;
  /** dayFactors(firstDay, days): [day][region][category]. */
  readonly factors: Float64Array;
  /** Seeds for the derived streams, drawn in a fixed order. */
  readonly seeds: {
    readonly history: Rng;
    readonly baskets: Rng;
    readonly inventory: Rng;
    readonly prices: Rng;
  };
}

export function buildDemoWorld(rng: Rng, options: DemoOptions): DemoWorld {
  if (!(options.stores >= 1 && options.skus >= 20 && options.days >= 1 && options.rawDays >= 0)) {
    throw new RangeError(`demo options out of range: ${JSON.stringify(options)}`);
  }
  const rawDays = Math.min(options.rawDays, options.days);
  const lastDay = epochDay(options.today);
  const firstDay = lastDay - options.days + 1;
  const products = generateCatalogue(fork(rng), options.skus);
  const stores = generateStores(fork(rng), options.stores, products);
  return {
    options: { ...options, rawDays },
    regions: DEMO_REGIONS,
    products,
    stores,
    firstDay,
    firstRawDay: lastDay - rawDays + 1,
    lastDay,
    factors: dayFactors(firstDay, options.days),
    seeds: { history: fork(rng), baskets: fork(rng), inventory: fork(rng), prices: fork(rng) },
  };
}

/** Mean units of catalogue item `p` at `store` on day offset `d` (before promotions and stockouts). */
export function meanUnits(world: DemoWorld, store: DemoStore, p: DemoProduct, d: number): number {
  const C = world.factors.length / (world.options.days * world.regions.length);
  const f = world.factors[(d * world.regions.length + store.regionIndex) * C + p.categoryIndex] ?? 1;
  return p.baseDemand * store.size * (p.regionPrefs[store.regionIndex] ?? 1) * f;
}
