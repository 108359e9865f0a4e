// A minimal gateway for the functions service alone: /functions/v1/* → handle(), as the
// real gateway routes it, but with the runner pointed at tests/fixtures/functions and a
// test config. Functions need no database, so the pool is never connected.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, type LocalConfig } from '../../supabase/local/config.ts';
import { createFunctionsService, type FunctionsService } from '../../supabase/local/functions/index.ts';
import { makeKeys, type Keys } from '../../supabase/local/keys.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/functions', import.meta.url));
/** Fixed "now" (2027-01-15) for JWT expiry checks. */
export const NOW = 1_800_000_000;
export const DB_URL = 'postgres://postgres:postgres@127.0.0.1:1/unused';

export interface FunctionsHarness {
  readonly url: string;
  readonly keys: Keys;
  readonly service: FunctionsService;
  readonly logs: string[];
  stop(): Promise<void>;
}

// The [functions.<name>] table a project would put in config.toml.
export function testConfig(): LocalConfig {
  return { ...loadConfig(), functions: { 'no-verify': { verifyJwt: false } } };
}

export async function startFunctionsHarness(
  options: { idleTimeoutMs?: number } = {},
): Promise<FunctionsHarness> {
  const keys = makeKeys();
  const logs: string[] = [];
  // Filled once the service is up; the server starts first so the service learns its URL.
  const ref: { service?: FunctionsService } = {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://harness');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = url.pathname.startsWith('/functions/v1/')
        ? url.pathname.slice('/functions/v1'.length)
        : undefined;
      const service = ref.service;
      if (path === undefined || service === undefined) {
        res.writeHead(404).end();
        return;
      }
      service.handle(req, res, path, url, Buffer.concat(chunks)).catch((error: unknown) => {
        logs.push(`harness: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pool = new pg.Pool({ connectionString: DB_URL });
  const service = await createFunctionsService(
    {
      pool,
      databaseUrl: DB_URL,
      config: testConfig(),
      keys,
      publicUrl: url,
      clock: () => NOW,
      log: (l) => logs.push(l),
    },
    { functionsRoot: FIXTURES, ...options },
  );
  ref.service = service;
  return {
    url,
    keys,
    service,
    logs,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await service.close();
      await pool.end();
    },
  };
}
