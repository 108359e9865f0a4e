// pg_cron's schedule text → what the local scheduler runs. Pure: no timers here.
// pg_cron accepts '[1-59] seconds' intervals, @nicknames and 5-field Vixie cron in GMT
// with `$` for the last day of the month (supabase-surface.md §7.1). croner spells the
// last day `L` and treats day-of-month/day-of-week as OR by default, as Vixie cron does.

export type Schedule =
  | { readonly kind: 'interval'; readonly seconds: number }
  | { readonly kind: 'cron'; readonly pattern: string };

const NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const FIELD_RANGES: readonly (readonly [number, number])[] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

// Vixie cron takes a step larger than the field as "the first value only"; croner
// rejects it, so spell it that way: `*/60` → `0`, `5-10/99` → `5`.
function oversizedStep(item: string, [lo, hi]: readonly [number, number]): string {
  const [base = '', step] = item.split('/');
  if (step === undefined || Number(step) <= hi) return item;
  return base === '*' ? String(lo) : (base.split('-')[0] ?? base);
}

/** Throws `invalid schedule: <text>` (pg_cron's words) for what pg_cron would reject. */
export function parseSchedule(text: string): Schedule {
  const trimmed = text.trim().toLowerCase();
  const interval = /^(\d+)\s+seconds?$/.exec(trimmed);
  if (interval !== null) {
    const seconds = Number(interval[1]);
    if (seconds >= 1 && seconds <= 59) return { kind: 'interval', seconds };
    throw new Error(`invalid schedule: ${text}`);
  }
  const nickname = NICKNAMES[trimmed];
  if (nickname !== undefined) return { kind: 'cron', pattern: nickname };
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) throw new Error(`invalid schedule: ${text}`);
  const pattern = fields.map((field, i) =>
    field
      .split(',')
      .map((item) => (i === 2 && item === '$' ? 'L' : oversizedStep(item, FIELD_RANGES[i]!)))
      .join(','),
  );
  return { kind: 'cron', pattern: pattern.join(' ') };
}
