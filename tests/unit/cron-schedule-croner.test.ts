// Every schedule pg_cron's grammar allows (weekday 7 = Sunday included) (and bootstrap/30-cron.sql accepts) must be
// runnable by the local scheduler: parseSchedule + croner never reject one, or the job
// would be silently skipped.
import { Cron } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../supabase/local/cron/schedule.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function field(lo: number, hi: number, names: readonly string[] = []): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.integer({ min: lo, max: hi }).map(String),
    ...(names.length > 0 ? [fc.constantFrom(...names)] : []),
  );
  const range = fc
    .tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi }))
    .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
  const item = fc.oneof(
    fc.constant('*'),
    value,
    range,
    fc
      .tuple(fc.constantFrom('*', `${lo}-${hi}`), fc.integer({ min: 1, max: hi - lo + 1 }))
      .map(([b, s]) => `${b}/${s}`),
  );
  return fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));
}

const dayOfMonth = fc.oneof(
  field(1, 31),
  fc.constant('$'),
  field(1, 28).map((f) => `${f},$`),
);
const schedule = fc
  .tuple(field(0, 59), field(0, 23), dayOfMonth, field(1, 12, MONTHS), field(0, 7, DAYS))
  .map((parts) => parts.join(' '));

describe('pg_cron schedules run under croner', () => {
  it('accepts every five-field schedule of the pg_cron grammar', () => {
    fc.assert(
      fc.property(schedule, (text) => {
        const parsed = parseSchedule(text);
        expect(parsed.kind).toBe('cron');
        if (parsed.kind !== 'cron') return;
        const job = new Cron(parsed.pattern, { timezone: 'UTC', mode: '5-part', paused: true });
        expect(job.nextRun(new Date(Date.UTC(2027, 0, 1)))).toBeInstanceOf(Date);
        job.stop();
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every interval pg_cron allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 59 }), fc.constantFrom('second', 'seconds'), (n, unit) => {
        expect(parseSchedule(`${n} ${unit}`)).toEqual({ kind: 'interval', seconds: n });
      }),
      { numRuns: 100 },
    );
  });
});
