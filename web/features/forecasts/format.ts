// How the Forecast screen writes units, ranges, days and ages: Indian digit grouping,
// short IST day names, words beside every symbol.
import { groupIndian } from '#shared/metrics/money.ts';

/** Units: whole numbers with Indian grouping; under 10 one decimal (slow sellers). */
export function formatUnits(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  const sign = n < 0 ? '−' : '';
  if (abs < 10 && Math.round(abs * 10) % 10 !== 0) return `${sign}${abs.toFixed(1)}`;
  return `${sign}${groupIndian(String(Math.round(abs)))}`;
}

export function formatRange(lo: number | null, hi: number | null): string {
  return `${formatUnits(lo)}–${formatUnits(hi)}`;
}

const DAY = new Intl.DateTimeFormat('en-IN', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const SHORT = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const STAMP = new Intl.DateTimeFormat('en-IN', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'Asia/Kolkata',
});

/** "Thu, 3 Dec" for an ISO business date. */
export function formatDay(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? DAY.format(t) : iso;
}

/** "3 Dec" for an ISO business date (chart axis). */
export function formatShortDay(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? SHORT.format(t) : iso;
}

/** "3 Dec, 02:10 IST" for a timestamp. */
export function formatStamp(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? `${STAMP.format(t)} IST` : iso;
}

/** "8 h ago", "2 days ago". */
export function formatAge(hours: number): string {
  if (!Number.isFinite(hours)) return 'at an unknown time';
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${Math.floor(hours)} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share)
    ? '—'
    : `${(share * 100).toFixed(1)}%`;
}
