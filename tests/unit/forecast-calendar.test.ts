import { describe, expect, it } from 'vitest';
import {
  addDays,
  epochDay,
  isoDate,
  isoDateRange,
  istBusinessDate,
  weekday,
} from '../../shared/calendar/dates.ts';
import { festivalOccurrences, previousOccurrence } from '../../shared/calendar/festival-days.ts';
import { INDIA_FESTIVALS } from '../../shared/calendar/festivals.ts';

describe('calendar dates', () => {
  it('round-trips ISO dates and knows weekdays (0 = Monday)', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(isoDate(epochDay('2024-02-29'))).toBe('2024-02-29');
    expect(weekday(epochDay('2026-12-03'))).toBe(3); // a Thursday
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(isoDateRange(epochDay('2024-02-27'), 4)).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });

  it('rejects malformed and impossible dates with the value in the message', () => {
    expect(() => epochDay('2025-02-29')).toThrow(/2025-02-29/);
    expect(() => epochDay('03/12/2026')).toThrow(/03\/12\/2026/);
  });

  it('puts an instant on its IST business day (UTC+05:30)', () => {
    expect(istBusinessDate(Date.UTC(2026, 11, 3, 18, 29))).toBe('2026-12-03');
    expect(istBusinessDate(Date.UTC(2026, 11, 3, 18, 30))).toBe('2026-12-04');
  });
});

describe('festival calendar', () => {
  it('lists every festival for 2025–2027 with valid dates', () => {
    for (const f of INDIA_FESTIVALS) {
      for (const year of [2025, 2026, 2027]) {
        const iso = f.dates[year];
        expect(iso, `${f.id} ${year}`).toBeDefined();
        expect(iso!.startsWith(String(year))).toBe(true);
        expect(() => epochDay(iso!)).not.toThrow();
      }
    }
  });

  it('is regional: Onam in the South, Chhath in the East, Diwali everywhere', () => {
    const from = epochDay('2026-01-01');
    const to = epochDay('2027-01-01');
    const ids = (region: string) =>
      new Set(festivalOccurrences(INDIA_FESTIVALS, region, from, to).map((o) => o.festival.id));
    expect(ids('SOUTH').has('onam')).toBe(true);
    expect(ids('NORTH').has('onam')).toBe(false);
    expect(ids('EAST').has('chhath')).toBe(true);
    expect(ids('WEST').has('chhath')).toBe(false);
    expect(ids('UNKNOWN').has('diwali')).toBe(true);
    expect(ids('UNKNOWN').has('holi')).toBe(false);
  });

  it('finds the previous year occurrence of a festival', () => {
    const [diwali] = festivalOccurrences(
      INDIA_FESTIVALS,
      'NORTH',
      epochDay('2026-11-08'),
      epochDay('2026-11-09'),
    ).filter((o) => o.festival.id === 'diwali');
    expect(isoDate(previousOccurrence(diwali!)!.day)).toBe('2025-10-20');
  });
});
