// The demo demand model: mean daily units of a SKU at a store = base demand × store size ×
// regional preference × a day factor per region and category (weekday, festival window,
// monsoon, slow growth) × promotion. Festival windows come from the shared calendar, so
// Diwali, Holi, Eid, Pongal, Onam and Durga Puja lift the categories people buy for them.
import { civilMonth } from './month.ts';
import { epochDay, weekday } from '../calendar/dates.ts';
import { appliesTo } from '../calendar/festival-days.ts';
import { INDIA_FESTIVALS } from '../calendar/festivals.ts';
import { CATEGORIES } from './catalogue-data.ts';
import { DEMO_REGIONS } from './geography.ts';

/** Monday … Sunday: weekends and Friday evenings are busier. */
const WEEKDAY = [0.88, 0.86, 0.9, 0.93, 1.02, 1.18, 1.23];
/** Monsoon hits footfall hardest where it rains most. */
const MONSOON_REGION: Record<string, number> = {
  SOUTH: 1.2,
  WEST: 1.3,
  NORTHEAST: 1.3,
  EAST: 1.1,
  NORTH: 0.8,
  CENTRAL: 1,
};

const FESTIVAL_OCCURRENCES = INDIA_FESTIVALS.flatMap((f) =>
  Object.values(f.dates).map((iso) => ({ festival: f, day: epochDay(iso) })),
);

/** Shopping intensity in [0, 1] of the region's festival windows on a day (ramps to the main day). */
export function festivalIntensity(region: string, day: number): number {
  let best = 0;
  for (const { festival, day: main } of FESTIVAL_OCCURRENCES) {
    if (day < main - festival.before || day > main + festival.after || !appliesTo(festival, region)) continue;
    const ramp = day <= main ? 1 - (main - day) / (festival.before + 1) : 0.5;
    best = Math.max(best, festival.id === 'diwali' ? ramp : ramp * 0.7);
  }
  return best;
}

/**
 * Day factors for `days` consecutive days from `firstDay`, laid out [day][region][category]
 * (regions and categories in DEMO_REGIONS / CATEGORIES order).
 */
export function dayFactors(firstDay: number, days: number): Float64Array {
  const R = DEMO_REGIONS.length;
  const C = CATEGORIES.length;
  const out = new Float64Array(days * R * C);
  for (let d = 0; d < days; d++) {
    const day = firstDay + d;
    const week = WEEKDAY[weekday(day)] ?? 1;
    const month = civilMonth(day);
    const monsoon = month >= 6 && month <= 9;
    // ~8% a year of like-for-like growth, so last year's same week is a little lower.
    const growth = 1 + 0.08 * (d / 365 - days / 365);
    for (let r = 0; r < R; r++) {
      const region = DEMO_REGIONS[r]?.id ?? '';
      const fest = festivalIntensity(region, day);
      const rain = monsoon ? (MONSOON_REGION[region] ?? 1) : 0;
      for (let c = 0; c < C; c++) {
        const cat = CATEGORIES[c];
        if (!cat) continue;
        const festival = 1 + (cat.festival - 1) * fest;
        const season = monsoon ? 1 + (cat.monsoon - 1) * rain : 1;
        out[(d * R + r) * C + c] = week * festival * season * growth;
      }
    }
  }
  return out;
}

/** Whether a SKU is on promotion in a region's week: about one week in twenty-five. */
export function onPromotion(skuIndex: number, regionIndex: number, day: number): boolean {
  const week = Math.floor((day + 3) / 7);
  let h = (skuIndex * 73856093) ^ (regionIndex * 19349663) ^ (week * 83492791);
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
  return ((h ^ (h >>> 15)) >>> 0) % 25 === 0;
}

export const PROMO_UPLIFT = 1.7;
export const PROMO_DISCOUNT = 0.1;
