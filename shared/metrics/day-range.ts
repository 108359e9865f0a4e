// Date-range filters over IST business days (Property 2). A range is inclusive at both
// ends and made of ISO dates (YYYY-MM-DD), so "7 days" is today and the six days before,
// and a row belongs to the range exactly when its business date is within it — no
// instants, no time zones, no off-by-one at midnight UTC.
import { epochDay, isoDate } from '../calendar/dates.ts';

export type RangePreset = 'today' | '7d' | '30d' | 'custom';

/** Inclusive range of IST business days. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

export const PRESET_DAYS: Readonly<Record<Exclude<RangePreset, 'custom'>, number>> = {
  today: 1,
  '7d': 7,
  '30d': 30,
};

/** The preset's range ending on `today` (an IST business date). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DayRange {
  const end = epochDay(today);
  return { from: isoDate(end - PRESET_DAYS[preset] + 1), to: today };
}

/** Number of days in the range (0 when it is empty, i.e. from > to). */
export function dayCount(r: DayRange): number {
  return Math.max(0, epochDay(r.to) - epochDay(r.from) + 1);
}

/** Property 2: inclusive at both ends. ISO dates compare correctly as strings. */
export function inDayRange(date: string, r: DayRange): boolean {
  return date >= r.from && date <= r.to;
}

/** The period of the same length just before `r` (the base of period-over-period growth). */
export function previousRange(r: DayRange): DayRange {
  const n = dayCount(r);
  const from = epochDay(r.from);
  return { from: isoDate(from - n), to: isoDate(from - 1) };
}

export type RangeCheck =
  { readonly ok: true; readonly range: DayRange } | { readonly ok: false; readonly message: string };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A custom range typed by the user, checked against the days the device holds
 * (`earliest`..`latest`), with a message saying what to change.
 */
export function checkCustomRange(from: string, to: string, earliest: string, latest: string): RangeCheck {
  for (const [label, v] of [
    ['Start date', from],
    ['End date', to],
  ] as const) {
    if (!ISO.test(v)) return { ok: false, message: `${label} is missing or not a date (use YYYY-MM-DD).` };
    try {
      epochDay(v);
    } catch {
      return { ok: false, message: `${label} ${v} is not a calendar date.` };
    }
  }
  if (from > to) return { ok: false, message: 'Start date must be on or before the end date.' };
  if (to > latest) return { ok: false, message: `End date cannot be after today (${latest}).` };
  if (from < earliest)
    return { ok: false, message: `This device keeps sales from ${earliest} on: pick a later start date.` };
  return { ok: true, range: { from, to } };
}
