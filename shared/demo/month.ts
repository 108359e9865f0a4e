// Calendar month (1-12) of a day number, for seasonal rules.
import { isoDate } from '../calendar/dates.ts';

export function civilMonth(day: number): number {
  return Number(isoDate(day).slice(5, 7));
}
