// How the dashboards write numbers, growth and days: Indian digit grouping, a symbol and
// a word for direction (never colour alone), short IST day names.
import { groupIndian, lakhCrore } from '#shared/metrics/money.ts';

/** Units with Indian grouping; fractional units (loose goods in kg) keep one decimal. */
export function formatUnits(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const sign = n < 0 ? '−' : '';
  const abs = Math.abs(n);
  const whole = Math.floor(abs);
  const tenth = Math.round((abs - whole) * 10);
  if (tenth === 0 || tenth === 10) return `${sign}${groupIndian(String(Math.round(abs)))}`;
  return `${sign}${groupIndian(String(whole))}.${tenth}`;
}

/** Big unit counts as the revenue tile writes rupees: "10.4 L", "1.25 Cr"; smaller ones in full. */
export function formatUnitsCompact(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const big = lakhCrore(Math.abs(n));
  return big === undefined ? formatUnits(n) : `${n < 0 ? '−' : ''}${big}`;
}

export interface GrowthText {
  readonly symbol: '▲' | '▼' | '■' | '–';
  readonly text: string;
  readonly tone: 'up' | 'down' | 'flat' | 'none';
}

/** Property 3's growth in words: "▲ up 12.3%", "▼ down 4.0%", or why there is none. */
export function growthText(growth: number | null): GrowthText {
  if (growth === null) return { symbol: '–', text: 'no earlier sales to compare', tone: 'none' };
  const pct = `${Math.abs(growth).toFixed(1)}%`;
  if (Math.abs(growth) < 0.05) return { symbol: '■', text: 'no change', tone: 'flat' };
  return growth > 0
    ? { symbol: '▲', text: `up ${pct}`, tone: 'up' }
    : { symbol: '▼', text: `down ${pct}`, tone: 'down' };
}

const DAY = new Intl.DateTimeFormat('en-IN', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const WEEKDAY = new Intl.DateTimeFormat('en-IN', { weekday: 'long', timeZone: 'UTC' });

/** "Thu, 3 Dec" for an ISO business date. */
export function formatDay(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? DAY.format(t) : iso;
}

/** "Thursday" for an ISO business date. */
export function weekdayName(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? WEEKDAY.format(t) : iso;
}

/** "09:00" for an hour of the day. */
export const formatHour = (h: number): string => `${String(h).padStart(2, '0')}:00`;
