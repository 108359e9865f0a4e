// Which festival window (if any) each day of a range falls in, for one region.
import { epochDay, yearOf } from './dates.ts';
import type { Festival, FestivalCalendar } from './festivals.ts';

export interface FestivalOccurrence {
  readonly festival: Festival;
  readonly year: number;
  /** Day number of the main day. */
  readonly day: number;
}

export function appliesTo(festival: Festival, region: string): boolean {
  return festival.regions === 'ALL' || (festival.regions as readonly string[]).includes(region);
}

/** Occurrences of the region's festivals whose window overlaps [fromDay, toDay). */
export function festivalOccurrences(
  calendar: FestivalCalendar,
  region: string,
  fromDay: number,
  toDay: number,
): FestivalOccurrence[] {
  const out: FestivalOccurrence[] = [];
  const y0 = yearOf(fromDay) - 1;
  const y1 = yearOf(toDay) + 1;
  for (const festival of calendar) {
    if (!appliesTo(festival, region)) continue;
    for (let year = y0; year <= y1; year++) {
      const iso = festival.dates[year];
      if (iso === undefined) continue;
      const day = epochDay(iso);
      if (day + festival.after >= fromDay && day - festival.before < toDay) {
        out.push({ festival, year, day });
      }
    }
  }
  return out;
}

/** The same festival's occurrence in the previous calendar year, if the calendar has it. */
export function previousOccurrence(occ: FestivalOccurrence): FestivalOccurrence | undefined {
  const iso = occ.festival.dates[occ.year - 1];
  return iso === undefined ? undefined : { festival: occ.festival, year: occ.year - 1, day: epochDay(iso) };
}
