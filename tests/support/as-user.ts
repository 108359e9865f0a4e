// Runs SQL as a signed-in user, the way the RPC gateway does: role `authenticated` with
// `request.jwt.claims` set, in its own transaction, committed (so a refusal's audit entry
// stays) or rolled back on error.
import type pg from 'pg';

export async function asUser<T extends pg.QueryResultRow>(
  pool: pg.Pool,
  claims: Record<string, unknown>,
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<T>> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    await client.query('set local role authenticated');
    const result = await client.query<T>(sql, params);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}
