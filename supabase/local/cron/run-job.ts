// One run of one stand-in cron job, recorded in cron.job_run_details as pg_cron records
// it: a 'running' row first, then 'succeeded' with the last statement's command tag, or
// 'failed' with the error message. Each run gets its own connection (as pg_cron's
// non-background-worker mode does), so a job cannot leak session state into the next.
import pg from 'pg';

export interface CronJob {
  readonly jobid: number;
  readonly schedule: string;
  readonly command: string;
  readonly username: string;
  readonly database: string;
}

// node-pg gives one result per statement of a multi-statement simple query.
function commandTag(result: pg.QueryResult | pg.QueryResult[]): string {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  if (last === undefined || last.command === null) return '';
  if (last.command === 'INSERT') return `INSERT ${last.oid ?? 0} ${last.rowCount ?? 0}`;
  return last.rowCount === null ? last.command : `${last.command} ${last.rowCount}`;
}

/**
 * `stop` aborts a run that is still going when the scheduler closes: its statement is
 * cancelled (recorded as failed, like pg_cron's runs cut short by a restart), so closing
 * the stack never waits on a long job.
 */
export async function runJob(
  pool: pg.Pool,
  databaseUrl: string,
  job: CronJob,
  stop: AbortSignal,
): Promise<void> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: `pg_cron stand-in job ${job.jobid}`,
  });
  // A terminated run's connection reports the failure through its query; the client's own
  // 'error' event must not become an unhandled error.
  client.on('error', () => {});
  try {
    await client.connect();
    const pid = await client.query<{ pid: number }>('select pg_catalog.pg_backend_pid() as pid');
    const inserted = await pool.query<{ runid: string }>(
      `insert into cron.job_run_details (jobid, job_pid, database, username, command, status, start_time)
       values ($1, $2, $3, $4, $5, 'running', pg_catalog.clock_timestamp()) returning runid`,
      [job.jobid, pid.rows[0]?.pid ?? null, job.database, job.username, job.command],
    );
    const runid = Number(inserted.rows[0]!.runid);
    let escalate: ReturnType<typeof setTimeout> | undefined;
    const cancel = (): void => {
      const backend = pid.rows[0]?.pid;
      pool.query('select pg_catalog.pg_cancel_backend($1)', [backend]).catch(() => {});
      // A cancel that lands between statements does nothing; if the run is still going
      // shortly after, end its connection so closing never waits for a long job.
      escalate = setTimeout(() => {
        pool.query('select pg_catalog.pg_terminate_backend($1)', [backend]).catch(() => {});
      }, 1000);
    };
    stop.addEventListener('abort', cancel, { once: true });
    if (stop.aborted) cancel();
    let status = 'succeeded';
    let message: string;
    try {
      // Jobs run as their owner. set_config binds the role name; no SQL is built from it.
      await client.query(`select pg_catalog.set_config('role', $1, false)`, [job.username]);
      if (stop.aborted) throw new Error('canceling statement due to user request');
      message = commandTag(await client.query(job.command));
    } catch (error) {
      status = 'failed';
      message = error instanceof Error ? error.message : String(error);
    } finally {
      stop.removeEventListener('abort', cancel);
      if (escalate !== undefined) clearTimeout(escalate);
    }
    await pool.query(
      `update cron.job_run_details set status = $2, return_message = $3, end_time = pg_catalog.clock_timestamp()
       where runid = $1`,
      [runid, status, message],
    );
  } finally {
    await client.end().catch(() => {});
  }
}
