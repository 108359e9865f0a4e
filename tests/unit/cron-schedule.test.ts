import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../supabase/local/cron/schedule.ts';

describe('parseSchedule (pg_cron schedule text)', () => {
  it("reads pg_cron's '[1-59] seconds' intervals", () => {
    expect(parseSchedule('1 seconds')).toEqual({ kind: 'interval', seconds: 1 });
    expect(parseSchedule(' 59 Seconds ')).toEqual({ kind: 'interval', seconds: 59 });
    expect(parseSchedule('30 second')).toEqual({ kind: 'interval', seconds: 30 });
  });

  it('rejects intervals pg_cron rejects, in its words', () => {
    expect(() => parseSchedule('0 seconds')).toThrow('invalid schedule: 0 seconds');
    expect(() => parseSchedule('60 seconds')).toThrow('invalid schedule: 60 seconds');
    expect(() => parseSchedule('5 minutes')).toThrow('invalid schedule: 5 minutes');
  });

  it('passes five-field cron through, spelling the last day of the month `L`', () => {
    expect(parseSchedule('*/5 * * * *')).toEqual({ kind: 'cron', pattern: '*/5 * * * *' });
    expect(parseSchedule('0 3 $ * *')).toEqual({ kind: 'cron', pattern: '0 3 L * *' });
    expect(parseSchedule('0 3 1,$ * *')).toEqual({ kind: 'cron', pattern: '0 3 1,L * *' });
  });

  it('spells a step larger than its field as the first value, as Vixie cron runs it', () => {
    expect(parseSchedule('*/60 * * * *')).toEqual({ kind: 'cron', pattern: '0 * * * *' });
    expect(parseSchedule('0 0 * * */8')).toEqual({ kind: 'cron', pattern: '0 0 * * 0' });
    expect(parseSchedule('0 0 5-9/40,*/2 * *')).toEqual({ kind: 'cron', pattern: '0 0 5,*/2 * *' });
  });

  it('expands @nicknames and rejects other field counts', () => {
    expect(parseSchedule('@daily')).toEqual({ kind: 'cron', pattern: '0 0 * * *' });
    expect(parseSchedule('@hourly')).toEqual({ kind: 'cron', pattern: '0 * * * *' });
    expect(() => parseSchedule('* * * *')).toThrow('invalid schedule: * * * *');
    expect(() => parseSchedule('0 * * * * *')).toThrow('invalid schedule');
    expect(() => parseSchedule('@reboot')).toThrow('invalid schedule: @reboot');
  });
});
