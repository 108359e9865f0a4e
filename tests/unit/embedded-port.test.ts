// The embedded Postgres refuses a taken port with a message that says what to do,
// before touching the data directory.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../supabase/local/db/embedded.ts';

let blocker: Server;
let port: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  port = (blocker.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
});

it('names the taken port and the ways out, and creates no data directory', async () => {
  const dataDir = join(tmpdir(), `brmi-never-created-${port}`);
  await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(
    new RegExp(`Port ${port} is already in use.*PGPORT.*DATABASE_URL`),
  );
  expect(existsSync(dataDir)).toBe(false);
});
