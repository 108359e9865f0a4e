// The pg_cron stand-in (bootstrap/30-cron.sql + supabase/local/cron): a job scheduled by a
// migration runs on schedule and every run is recorded in cron.job_run_details.
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCronScheduler } from '../../supabase/local/cron/index.ts';
import { migrate } from '../../supabase/local/db/migrate.ts';
import { makeKeys } from '../../supabase/local/keys.ts';
import { loadConfig } from '../../supabase/local/config.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const MIGRATIONS = fileURLToPath(new URL('../fixtures/migrations/cron', import.meta.url));

interface Run {
  runid: string;
  status: string;
  return_message: string | null;
  start_time: Date;
  end_time: Date | null;
  username: string;
  job_pid: number | null;
}

// Cron runs are driven by wall-clock timers, so there is no event to await: poll the
// table, bounded.
async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let stack: TestStack;
let db: pg.Pool;

async function runsOf(jobname: string): Promise<Run[]> {
  const { rows } = await db.query<Run>(
    `select d.runid, d.status, d.return_message, d.start_time, d.end_time, d.username, d.job_pid
     from cron.job_run_details d join cron.job j using (jobid) where j.jobname = $1 order by d.runid`,
    [jobname],
  );
  return rows;
}

async function finishedRuns(jobname: string, count: number): Promise<Run[]> {
  return waitFor(async () => {
    const done = (await runsOf(jobname)).filter((r) => r.status !== 'running');
    return done.length >= count ? done : undefined;
  }, `${count} finished runs of ${jobname}`);
}

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.adminPool;
});

afterAll(async () => {
  await stack?.stop();
});

describe('local pg_cron stand-in', () => {
  it('runs a job scheduled by a migration and records each run', async () => {
    await migrate(db, MIGRATIONS);
    const runs = await finishedRuns('test-tick', 2);
    for (const run of runs.slice(0, 2)) {
      expect(run.status).toBe('succeeded');
      expect(run.return_message).toBe('INSERT 0 1');
      expect(run.end_time!.getTime()).toBeGreaterThanOrEqual(run.start_time.getTime());
      expect(run.job_pid).toBeGreaterThan(0);
    }
    const ticks = await db.query<{ ran_as: string }>('select ran_as from public.cron_ticks');
    expect(ticks.rows.length).toBeGreaterThanOrEqual(2);
    const owner = await db.query<{ u: string }>('select current_user as u');
    expect(new Set(ticks.rows.map((t) => t.ran_as))).toEqual(new Set([owner.rows[0]!.u]));
  });

  it('upserts by name, and an unscheduled job stops running', async () => {
    const first = await db.query<{ id: string }>(
      `select cron.schedule('upsert-me', '1 seconds', 'select 1') as id`,
    );
    const second = await db.query<{ id: string }>(
      `select cron.schedule('upsert-me', '2 seconds', 'select 2') as id`,
    );
    expect(second.rows[0]!.id).toBe(first.rows[0]!.id);
    const job = await db.query('select schedule, command from cron.job where jobname = $1', ['upsert-me']);
    expect(job.rows).toEqual([{ schedule: '2 seconds', command: 'select 2' }]);

    const removed = await db.query<{ ok: boolean }>(`select cron.unschedule('test-tick') as ok`);
    expect(removed.rows[0]!.ok).toBe(true);
    const unscheduledAt = (await db.query<{ now: Date }>('select clock_timestamp() as now')).rows[0]!.now;
    // A sentinel job running twice proves the scheduler has moved on; the removed job
    // must not have started since.
    await db.query(`select cron.schedule('sentinel', '1 seconds', 'select 1')`);
    await finishedRuns('sentinel', 2);
    const late = await db.query(
      `select 1 from cron.job_run_details where command like '%cron_ticks%' and start_time > $1`,
      [unscheduledAt],
    );
    expect(late.rowCount).toBe(0);
    await db.query(`select cron.unschedule('sentinel'), cron.unschedule('upsert-me')`);
  });

  it('records a failing job as failed with the error message', async () => {
    await db.query(`select cron.schedule('fails', '1 seconds', 'select 1/0')`);
    const [run] = await finishedRuns('fails', 1);
    await db.query(`select cron.unschedule('fails')`);
    expect(run!.status).toBe('failed');
    expect(run!.return_message).toMatch(/division by zero/);
  });

  it('never overlaps runs of one job', async () => {
    await db.query(`select cron.schedule('slow', '1 seconds', 'select pg_sleep(1.5)')`);
    const runs = await finishedRuns('slow', 3);
    await db.query(`select cron.unschedule('slow')`);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.start_time.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.end_time!.getTime());
    }
  });

  it('runs a job as its username', async () => {
    const role = `cron_tester_${stack.databaseName.slice(-8)}`;
    await db.query(`create role ${role} nologin`);
    try {
      await db.query(`create table public.whoami (name text)`);
      await db.query(`grant insert on public.whoami to ${role}`);
      await db.query(
        `select cron.schedule_in_database('as-role', '1 seconds', 'insert into public.whoami select current_user', current_database(), $1)`,
        [role],
      );
      const [run] = await finishedRuns('as-role', 1);
      await db.query(`select cron.unschedule(jobid) from cron.job where jobname = 'as-role'`);
      expect(run!.status).toBe('succeeded');
      expect(run!.username).toBe(role);
      const who = await db.query('select distinct name from public.whoami');
      expect(who.rows).toEqual([{ name: role }]);
    } finally {
      await db.query(`drop table if exists public.whoami`);
      await db.query(`drop owned by ${role}`);
      await db.query(`drop role ${role}`);
    }
  });

  it('runs only jobs of this database; alter_job adopts one cloned from a template', async () => {
    // What a clone of the migrated template holds: a job naming the template database.
    const inherited = await db.query<{ jobid: string }>(
      `insert into cron.job (schedule, command, jobname, database)
       values ('1 seconds', 'select 1', 'inherited', 'brmi_template_elsewhere') returning jobid`,
    );
    const jobid = inherited.rows[0]!.jobid;
    await db.query(`select cron.schedule('sentinel-2', '1 seconds', 'select 1')`);
    await finishedRuns('sentinel-2', 2);
    expect(await runsOf('inherited')).toEqual([]);
    await db.query(`select cron.unschedule('sentinel-2')`);

    await db.query('select cron.alter_job($1::bigint, database := current_database())', [jobid]);
    const [run] = await finishedRuns('inherited', 1);
    expect(run!.status).toBe('succeeded');
    await db.query('select cron.unschedule($1::bigint)', [jobid]);
  });

  it('cancels a long run when the scheduler closes, recording it as failed', async () => {
    // A second scheduler on the same database: closing it must not wait for its 30 s job.
    const own = await startCronScheduler({
      pool: db,
      databaseUrl: stack.databaseUrl,
      config: loadConfig(),
      keys: makeKeys(),
      publicUrl: stack.url,
      clock: () => 0,
      log: () => {},
    });
    await db.query(`select cron.schedule('sleepy', '1 seconds', 'select pg_sleep(30)')`);
    // Both schedulers start one run each (one at a time per job and scheduler).
    await waitFor(async () => {
      const running = (await runsOf('sleepy')).filter((r) => r.status === 'running');
      return running.length >= 2 ? running : undefined;
    }, 'both schedulers running the sleepy job');
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    const cancelled = await waitFor(async () => {
      const failed = (await runsOf('sleepy')).filter((r) => r.status === 'failed');
      return failed.length > 0 ? failed : undefined;
    }, 'the cancelled run to be recorded');
    expect(cancelled[0]!.return_message).toMatch(/canceling statement due to user request|terminat/i);
    await db.query(`select cron.unschedule('sleepy')`);
  });

  it('rejects bad schedules and unknown jobs with pg_cron messages', async () => {
    await expect(db.query(`select cron.schedule('bad', '61 seconds', 'select 1')`)).rejects.toThrow(
      'invalid schedule: 61 seconds',
    );
    await expect(db.query(`select cron.schedule('bad', '* * *', 'select 1')`)).rejects.toThrow(
      'invalid schedule: * * *',
    );
    await expect(db.query(`select cron.schedule('bad', '60 * * * *', 'select 1')`)).rejects.toThrow(
      'invalid schedule',
    );
    await expect(db.query(`select cron.unschedule('no-such-job')`)).rejects.toThrow(
      "could not find valid entry for job 'no-such-job'",
    );
    await expect(db.query(`select cron.unschedule(987654)`)).rejects.toThrow(
      'could not find valid entry for job 987654',
    );
    const ok = await db.query(`select cron.schedule('0 3 $ jan,jul mon-fri', 'select 1') as id`);
    await db.query('select cron.unschedule($1::bigint)', [ok.rows[0]!.id]);
    const left = await db.query(`select 1 from cron.job where jobname = 'bad'`);
    expect(left.rowCount).toBe(0);
  });
});
