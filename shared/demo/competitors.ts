// Competitor price histories: weekly observations of the chain's fast movers in the
// regions where each competitor trades, drifting around our price; some feeds have gone
// quiet (stale prices for the staleness check, Property 16).
import type { DemoWorld } from './demo-world.ts';
import { fork } from './random.ts';

export interface DemoCompetitor {
  readonly id: string;
  readonly name: string;
  readonly regions: readonly string[];
  /** Days before `today` since the feed stopped, per region (stale data). */
  readonly silentFor: Readonly<Record<string, number>>;
}

export const DEMO_COMPETITORS: readonly DemoCompetitor[] = [
  { id: 'DMART', name: 'DMart', regions: ['NORTH', 'SOUTH', 'WEST', 'CENTRAL'], silentFor: {} },
  {
    id: 'RELIANCE',
    name: 'Reliance Smart',
    regions: ['NORTH', 'SOUTH', 'EAST', 'WEST', 'CENTRAL', 'NORTHEAST'],
    silentFor: { NORTHEAST: 12 },
  },
  { id: 'MORE', name: 'More Retail', regions: ['NORTH', 'SOUTH', 'EAST', 'WEST'], silentFor: { NORTH: 9 } },
  { id: 'SPENCERS', name: "Spencer's", regions: ['EAST', 'SOUTH'], silentFor: { EAST: 23, SOUTH: 23 } },
];

export interface PriceObservation {
  readonly competitorId: string;
  readonly sku: string;
  readonly regionId: string;
  readonly day: number;
  /** Rupees. */
  readonly price: number;
}

export function emitCompetitorPrices(
  world: DemoWorld,
  trackedSkus: number,
  emit: (o: PriceObservation) => void,
): void {
  const rng = fork(world.seeds.prices);
  const tracked = [...world.products].sort((a, b) => b.baseDemand - a.baseDemand).slice(0, trackedSkus);
  for (const c of DEMO_COMPETITORS) {
    for (const region of c.regions) {
      const lastDay = world.lastDay - (c.silentFor[region] ?? 0);
      for (const p of tracked) {
        let ratio = 0.9 + rng() * 0.15;
        for (let day = world.firstDay + Math.floor(rng() * 7); day <= lastDay; day += 7) {
          ratio = Math.min(1.12, Math.max(0.85, ratio + (rng() - 0.5) * 0.03));
          emit({
            competitorId: c.id,
            sku: p.sku,
            regionId: region,
            day,
            price: Math.max(1, Math.round(p.unitPrice * ratio * 100) / 100),
          });
        }
      }
    }
  }
}
