// Builds the PWA into dist/ with Vite's JS API when dist/ is missing or older than its
// sources (web/, shared/, workers/, public/, index.html, vite.config.ts, .env.local).
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT } from './db/paths.ts';

const SOURCES = ['web', 'shared', 'workers', 'public', 'index.html', 'vite.config.ts', '.env.local'];

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (s === undefined) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, await newestMtime(join(path, entry)));
  }
  return newest;
}

export async function needsBuild(): Promise<boolean> {
  const built = await stat(join(DIST_DIR, 'index.html')).catch(() => undefined);
  if (built === undefined) return true;
  let newest = 0;
  for (const s of SOURCES) newest = Math.max(newest, await newestMtime(join(REPO_ROOT, s)));
  return newest > built.mtimeMs;
}

/** Returns false (after logging why) when there is nothing to build or the build failed. */
export async function buildWebIfStale(log: (line: string) => void): Promise<boolean> {
  const configFile = join(REPO_ROOT, 'vite.config.ts');
  if (!existsSync(configFile)) {
    log('web: no vite.config.ts yet; serving the API only');
    return false;
  }
  if (!(await needsBuild())) return true;
  log('web: building the PWA into dist/ ...');
  const { build } = await import('vite');
  try {
    // vite.config.ts's `root: 'web'` is relative to the working directory: build from the repo root.
    process.chdir(REPO_ROOT);
    await build({ configFile, mode: 'production', logLevel: 'warn' });
    return true;
  } catch (err) {
    log(`web: build failed, serving the API only: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
