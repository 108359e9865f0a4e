// India festival calendar as data: the main day of each festival by year and the regions
// where it moves retail demand. Lunar festivals move every year, so each year is listed.
// Dates are the commonly published main day (national holiday lists / drikpanchang-style
// almanacs, India time); a one-day difference between almanacs is absorbed by the window.
// `before`/`after` bound the shopping window around the main day: the effect inside it is
// not assumed here but estimated per series from the same window a year earlier.
import type { RegionCode } from './regions.ts';

export interface Festival {
  readonly id: string;
  readonly name: string;
  /** 'ALL' = nationwide. */
  readonly regions: readonly RegionCode[] | 'ALL';
  readonly before: number;
  readonly after: number;
  /** Main day by year, ISO date. */
  readonly dates: Readonly<Record<number, string>>;
}

export type FestivalCalendar = readonly Festival[];

export const INDIA_FESTIVALS: FestivalCalendar = [
  {
    id: 'diwali',
    name: 'Diwali',
    regions: 'ALL',
    before: 10,
    after: 1,
    dates: {
      2023: '2023-11-12',
      2024: '2024-11-01',
      2025: '2025-10-20',
      2026: '2026-11-08',
      2027: '2027-10-29',
      2028: '2028-10-17',
    },
  },
  {
    id: 'holi',
    name: 'Holi',
    regions: ['NORTH', 'CENTRAL', 'WEST', 'EAST'],
    before: 3,
    after: 0,
    dates: {
      2023: '2023-03-08',
      2024: '2024-03-25',
      2025: '2025-03-14',
      2026: '2026-03-04',
      2027: '2027-03-22',
      2028: '2028-03-11',
    },
  },
  {
    id: 'eid-al-fitr',
    name: 'Eid al-Fitr',
    regions: 'ALL',
    before: 3,
    after: 1,
    dates: {
      2023: '2023-04-22',
      2024: '2024-04-11',
      2025: '2025-03-31',
      2026: '2026-03-21',
      2027: '2027-03-10',
      2028: '2028-02-27',
    },
  },
  {
    id: 'eid-al-adha',
    name: 'Eid al-Adha',
    regions: 'ALL',
    before: 2,
    after: 0,
    dates: {
      2023: '2023-06-29',
      2024: '2024-06-17',
      2025: '2025-06-07',
      2026: '2026-05-27',
      2027: '2027-05-17',
      2028: '2028-05-05',
    },
  },
  {
    id: 'dussehra',
    name: 'Navratri / Durga Puja / Dussehra',
    regions: 'ALL',
    before: 5,
    after: 0,
    dates: {
      2023: '2023-10-24',
      2024: '2024-10-12',
      2025: '2025-10-02',
      2026: '2026-10-20',
      2027: '2027-10-09',
      2028: '2028-09-27',
    },
  },
  {
    id: 'ganesh-chaturthi',
    name: 'Ganesh Chaturthi',
    regions: ['WEST', 'SOUTH'],
    before: 3,
    after: 1,
    dates: {
      2023: '2023-09-19',
      2024: '2024-09-07',
      2025: '2025-08-27',
      2026: '2026-09-14',
      2027: '2027-09-04',
      2028: '2028-08-23',
    },
  },
  {
    id: 'onam',
    name: 'Onam',
    regions: ['SOUTH'],
    before: 5,
    after: 0,
    dates: {
      2023: '2023-08-29',
      2024: '2024-09-15',
      2025: '2025-09-05',
      2026: '2026-08-26',
      2027: '2027-09-12',
      2028: '2028-08-31',
    },
  },
  {
    id: 'pongal-sankranti',
    name: 'Pongal / Makar Sankranti / Lohri',
    regions: ['SOUTH', 'WEST', 'NORTH', 'CENTRAL'],
    before: 2,
    after: 1,
    dates: {
      2023: '2023-01-15',
      2024: '2024-01-15',
      2025: '2025-01-14',
      2026: '2026-01-14',
      2027: '2027-01-15',
      2028: '2028-01-15',
    },
  },
  {
    id: 'new-year-harvest',
    name: 'Baisakhi / Vishu / Bihu / Puthandu / Pohela Boishakh',
    regions: ['NORTH', 'SOUTH', 'EAST', 'NORTHEAST'],
    before: 2,
    after: 1,
    dates: {
      2023: '2023-04-14',
      2024: '2024-04-13',
      2025: '2025-04-14',
      2026: '2026-04-14',
      2027: '2027-04-14',
      2028: '2028-04-13',
    },
  },
  {
    id: 'ugadi-gudi-padwa',
    name: 'Ugadi / Gudi Padwa',
    regions: ['SOUTH', 'WEST'],
    before: 2,
    after: 0,
    dates: {
      2023: '2023-03-22',
      2024: '2024-04-09',
      2025: '2025-03-30',
      2026: '2026-03-19',
      2027: '2027-04-07',
      2028: '2028-03-27',
    },
  },
  {
    id: 'raksha-bandhan',
    name: 'Raksha Bandhan',
    regions: ['NORTH', 'CENTRAL', 'WEST'],
    before: 3,
    after: 0,
    dates: {
      2023: '2023-08-30',
      2024: '2024-08-19',
      2025: '2025-08-09',
      2026: '2026-08-28',
      2027: '2027-08-17',
      2028: '2028-08-05',
    },
  },
  {
    id: 'chhath',
    name: 'Chhath Puja',
    regions: ['EAST'],
    before: 2,
    after: 1,
    dates: {
      2023: '2023-11-19',
      2024: '2024-11-07',
      2025: '2025-10-28',
      2026: '2026-11-15',
      2027: '2027-11-04',
      2028: '2028-10-24',
    },
  },
  {
    id: 'christmas',
    name: 'Christmas',
    regions: 'ALL',
    before: 3,
    after: 1,
    dates: {
      2023: '2023-12-25',
      2024: '2024-12-25',
      2025: '2025-12-25',
      2026: '2026-12-25',
      2027: '2027-12-25',
      2028: '2028-12-25',
    },
  },
  {
    id: 'independence-day',
    name: 'Independence Day sales',
    regions: 'ALL',
    before: 1,
    after: 0,
    dates: {
      2023: '2023-08-15',
      2024: '2024-08-15',
      2025: '2025-08-15',
      2026: '2026-08-15',
      2027: '2027-08-15',
      2028: '2028-08-15',
    },
  },
];

/** A calendar with no festivals (tests, and regions that opt out of festival effects). */
export const EMPTY_CALENDAR: FestivalCalendar = [];
