// Calendar arithmetic on ISO dates (YYYY-MM-DD) as whole days since 1970-01-01.
// Day numbers make series indexing exact: history[i] is the business day startDay + i.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** India Standard Time is UTC+05:30 all year (no daylight saving). */
const IST_OFFSET_MS = 330 * 60_000;

/** Days since 1970-01-01 of an ISO date; throws a RangeError naming the bad value. */
export function epochDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`expected an ISO date YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    throw new RangeError(`not a calendar date: ${iso}`);
  return daysFromCivil(y, mo, d);
}

/** ISO date of a day number (forecasts emit one per day, so no Date objects here). */
export function isoDate(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** ISO dates of `count` consecutive days from `firstDay`, stepping the civil date directly. */
export function isoDateRange(firstDay: number, count: number): string[] {
  const out: string[] = [];
  let [y, m, d] = civilFromDays(firstDay);
  for (let i = 0; i < count; i++) {
    out.push(`${String(y).padStart(4, '0')}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`);
    if (d < daysInMonth(y, m)) d++;
    else if (m < 12) [m, d] = [m + 1, 1];
    else [y, m, d] = [y + 1, 1, 1];
  }
  return out;
}

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Proleptic Gregorian conversions (H. Hinnant, "chrono-compatible low-level date algorithms").
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** 0 = Monday … 6 = Sunday (ISO weekday − 1). 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Calendar year of a day number. */
export function yearOf(day: number): number {
  return civilFromDays(day)[0];
}

/** The IST business day (ISO date) on which an instant (epoch ms) falls. */
export function istBusinessDate(epochMs: number): string {
  return isoDate(Math.floor((epochMs + IST_OFFSET_MS) / MS_PER_DAY));
}

/** ISO date plus n days. */
export function addDays(iso: string, n: number): string {
  return isoDate(epochDay(iso) + n);
}
