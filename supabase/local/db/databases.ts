// Database-level helpers for the test harness and tools: create, clone from a template,
// drop. Names are quoted identifiers; nothing else is spliced.
import pg from 'pg';

export const quoteIdent = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  const sql = `create database ${quoteIdent(name)}${template === undefined ? '' : ` template ${quoteIdent(template)}`}`;
  // Cloning fails with 55006 while another session is still connected to the template
  // (e.g. a concurrent clone finishing); retry a bounded number of times.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(adminUrl, sql);
      return withDatabase(adminUrl, name);
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
}
