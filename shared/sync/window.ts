// The sync window: the server sends the last SYNC_WINDOW_DAYS IST days of windowed
// collections (private.sync_window_start(): today − 89 in India time). Documents that age
// out of it stay on the device unless removed; windowCutoff says which ones to remove.
import { addDays, istBusinessDate } from '../calendar/dates.ts';

export const SYNC_WINDOW_DAYS = 90;

/**
 * Documents whose window field sorts before this ISO date are outside the window. It is a
 * day before the window's first IST day, so a timestamp written with any UTC offset (its
 * date part off by at most a day) is never removed while the server still sends it.
 */
export function windowCutoff(nowMs: number): string {
  return addDays(istBusinessDate(nowMs), -SYNC_WINDOW_DAYS);
}
