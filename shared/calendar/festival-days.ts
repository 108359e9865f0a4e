// Which festival window (if any) each day of a range falls in, for one region.
import { epochDay } from './dates.ts';
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
  return allOccurrences(calendar).filter(
    (o) =>
      appliesTo(o.festival, region) &&
      o.day + o.festival.after >= fromDay &&
      o.day - o.festival.before < toDay,
  );
}

// Parsing dates is most of the cost of a forecast otherwise; calendars are immutable data,
// so each one is parsed once (a memo, not state: same calendar, same answer).
const parsed = new WeakMap<FestivalCalendar, readonly FestivalOccurrence[]>();

function allOccurrences(calendar: FestivalCalendar): readonly FestivalOccurrence[] {
  let occs = parsed.get(calendar);
  if (occs === undefined) {
    occs = calendar.flatMap((festival) =>
      Object.entries(festival.dates).map(([year, iso]) => ({
        festival,
        year: Number(year),
        day: epochDay(iso),
      })),
    );
    parsed.set(calendar, occs);
  }
  return occs;
}

/** The same festival's occurrence in the previous calendar year, if the calendar has it. */
export function previousOccurrence(occ: FestivalOccurrence): FestivalOccurrence | undefined {
  const iso = occ.festival.dates[occ.year - 1];
  return iso === undefined ? undefined : { festival: occ.festival, year: occ.year - 1, day: dayOf(iso) };
}

const dayCache = new Map<string, number>();
function dayOf(iso: string): number {
  let d = dayCache.get(iso);
  if (d === undefined) {
    d = epochDay(iso);
    dayCache.set(iso, d);
  }
  return d;
}
