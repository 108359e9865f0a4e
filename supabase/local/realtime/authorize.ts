// Private-channel authorisation exactly as Supabase Realtime does it
// (lib/realtime/tenants/authorization.ex): RLS on realtime.messages decides.
// Read: insert a probe row as the superuser, then, as the token's role with its claims and
// realtime.topic() set, SELECT that row; visible means allowed. Write: as the token's role,
// INSERT a row; insufficient_privilege means refused. Both always roll back.
import type pg from 'pg';

export interface AuthContext {
  /** The channel name without the `realtime:` prefix. */
  readonly topic: string;
  readonly role: string;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
}

const SET_CONTEXT = `select set_config('role', $1, true), set_config('realtime.topic', $2, true),
  set_config('request.jwt.claims', $3, true), set_config('request.headers', $4, true)`;

const contextParams = (c: AuthContext): string[] => [
  c.role,
  c.topic,
  JSON.stringify(c.claims),
  JSON.stringify(c.headers),
];

export async function canRead(pool: pg.Pool, c: AuthContext): Promise<boolean> {
  return refuseOnRoleError(
    inRolledBackTransaction(pool, async (db) => {
      const probe = await db.query<{ id: string }>(
        `insert into realtime.messages (topic, extension) values ($1, 'broadcast') returning id`,
        [c.topic],
      );
      const id = probe.rows[0]?.id;
      await db.query(SET_CONTEXT, contextParams(c));
      const seen = await db.query(
        `select 1 from realtime.messages where topic = $1 and extension = 'broadcast' and id = $2`,
        [c.topic, id],
      );
      return seen.rowCount === 1;
    }),
  );
}

export async function canWrite(pool: pg.Pool, c: AuthContext): Promise<boolean> {
  return refuseOnRoleError(
    inRolledBackTransaction(pool, async (db) => {
      await db.query(SET_CONTEXT, contextParams(c));
      try {
        await db.query(`insert into realtime.messages (topic, extension) values ($1, 'broadcast')`, [
          c.topic,
        ]);
        return true;
      } catch (err) {
        if ((err as { code?: unknown }).code === '42501') return false;
        throw err;
      }
    }),
  );
}

// A JWT role that is no database role is a refusal: Supabase turns policy errors into "Unauthorized".
async function refuseOnRoleError(check: Promise<boolean>): Promise<boolean> {
  try {
    return await check;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === '22023' || code === '42704') return false;
    throw err;
  }
}

async function inRolledBackTransaction<T>(
  pool: pg.Pool,
  body: (db: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const db = await pool.connect();
  let broken = false;
  try {
    await db.query('begin');
    return await body(db);
  } finally {
    try {
      await db.query('rollback');
    } catch {
      broken = true;
    }
    db.release(broken);
  }
}
