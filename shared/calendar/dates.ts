// Calendar arithmetic on ISO dates (YYYY-MM-DD) as whole days since 1970-01-01.
// Day numbers make series indexing exact: history[i] is the business day startDay + i.
// Date.UTC is a pure function of its arguments (no clock), so it is allowed in shared/.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** India Standard Time is UTC+05:30 all year (no daylight saving). */
const IST_OFFSET_MS = 330 * 60_000;

/** Days since 1970-01-01 of an ISO date; throws a RangeError naming the bad value. */
export function epochDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`expected an ISO date YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${iso}`);
  }
  return ms / MS_PER_DAY;
}

/** ISO date of a day number. */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (ISO weekday − 1). 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Calendar year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The IST business day (ISO date) on which an instant (epoch ms) falls. */
export function istBusinessDate(epochMs: number): string {
  return isoDate(Math.floor((epochMs + IST_OFFSET_MS) / MS_PER_DAY));
}

/** ISO date plus n days. */
export function addDays(iso: string, n: number): string {
  return isoDate(epochDay(iso) + n);
}
