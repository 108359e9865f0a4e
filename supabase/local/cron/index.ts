// The local pg_cron scheduler: runs the jobs of the stand-in `cron` schema
// (bootstrap/30-cron.sql). Where the real pg_cron extension is installed it does nothing:
// Postgres runs the jobs itself.
//
// The job list is re-read whenever cron.job changes (LISTEN cron_job_changed, sent by a
// trigger on commit). Each job runs at most once at a time; a tick that comes while the
// previous run is still going is queued (one pending run), as pg_cron queues it.
import pg from 'pg';
import { Cron } from 'croner';
import type { BackgroundService, ServiceDeps } from '../service.ts';
import { runJob, type CronJob } from './run-job.ts';
import { parseSchedule } from './schedule.ts';

interface Scheduled {
  readonly key: string;
  stop(): void;
}

interface JobState {
  running: Promise<void> | undefined;
  pending: boolean;
}

export async function startCronScheduler(deps: ServiceDeps): Promise<BackgroundService> {
  const mode = await deps.pool.query<{ real: boolean; standin: boolean }>(
    `select exists (select from pg_catalog.pg_extension where extname = 'pg_cron') as real,
            exists (select from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
                    where n.nspname = 'cron' and p.proname = '_checked_schedule') as standin`,
  );
  const { real, standin } = mode.rows[0]!;
  if (real || !standin) {
    deps.log(real ? 'cron: the pg_cron extension runs jobs' : 'cron: no cron schema; scheduler idle');
    return { async close() {} };
  }

  const scheduled = new Map<number, Scheduled>();
  const states = new Map<number, JobState>();
  let closed = false;
  const stopping = new AbortController();

  function trigger(job: CronJob): void {
    if (closed) return;
    const state = states.get(job.jobid) ?? { running: undefined, pending: false };
    states.set(job.jobid, state);
    if (state.running !== undefined) {
      state.pending = true;
      return;
    }
    state.running = runJob(deps.pool, deps.databaseUrl, job, stopping.signal)
      .catch((error: unknown) => deps.log(`cron: job ${job.jobid} could not run: ${String(error)}`))
      .finally(() => {
        state.running = undefined;
        if (state.pending && !closed && scheduled.has(job.jobid)) {
          state.pending = false;
          trigger(job);
        }
      });
  }

  function start(job: CronJob): Scheduled | undefined {
    const key = `${job.schedule}\n${job.command}\n${job.username}`;
    let schedule;
    try {
      schedule = parseSchedule(job.schedule);
    } catch (error) {
      deps.log(`cron: job ${job.jobid} skipped: ${String(error)}`);
      return undefined;
    }
    if (schedule.kind === 'interval') {
      const timer = setInterval(() => trigger(job), schedule.seconds * 1000);
      return { key, stop: () => clearInterval(timer) };
    }
    try {
      const cron = new Cron(schedule.pattern, { timezone: 'UTC', mode: '5-part' }, () => trigger(job));
      return { key, stop: () => cron.stop() };
    } catch (error) {
      deps.log(`cron: job ${job.jobid} skipped: ${String(error)}`);
      return undefined;
    }
  }

  let reloading: Promise<void> = Promise.resolve();
  async function reloadNow(): Promise<void> {
    // The scheduler's own superuser connection sees every user's jobs (RLS is bypassed).
    const { rows } = await deps.pool.query<CronJob & { jobid: string }>(
      `select jobid, schedule, command, username, database from cron.job
       where active and database = pg_catalog.current_database()`,
    );
    if (closed) return;
    const seen = new Set<number>();
    for (const row of rows) {
      const job: CronJob = { ...row, jobid: Number(row.jobid) };
      seen.add(job.jobid);
      const current = scheduled.get(job.jobid);
      if (current?.key === `${job.schedule}\n${job.command}\n${job.username}`) continue;
      current?.stop();
      const next = start(job);
      if (next === undefined) scheduled.delete(job.jobid);
      else scheduled.set(job.jobid, next);
    }
    for (const [jobid, entry] of scheduled) {
      if (!seen.has(jobid)) {
        entry.stop();
        scheduled.delete(jobid);
      }
    }
  }
  // Serialised so two quick notifications cannot interleave their diffs.
  const reload = (): Promise<void> =>
    (reloading = reloading
      .then(reloadNow)
      .catch((error: unknown) => deps.log(`cron: reload failed: ${String(error)}`)));

  const listener = new pg.Client({
    connectionString: deps.databaseUrl,
    application_name: 'pg_cron stand-in scheduler',
  });
  listener.on('notification', () => void reload());
  listener.on('error', (error) => deps.log(`cron: listener connection lost: ${error.message}`));
  await listener.connect();
  await listener.query('listen cron_job_changed');
  await reload();

  return {
    async close() {
      closed = true;
      for (const entry of scheduled.values()) entry.stop();
      scheduled.clear();
      stopping.abort();
      await listener.end().catch(() => {});
      await reloading;
      await Promise.all([...states.values()].map((s) => s.running));
    },
  };
}
