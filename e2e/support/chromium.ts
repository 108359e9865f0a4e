// Playwright never downloads a browser here: it drives Debian's Chromium (or the one
// named by PLAYWRIGHT_CHROMIUM_PATH) with flags for root, headless and a closed network.
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env['PLAYWRIGHT_CHROMIUM_PATH'], '/usr/bin/chromium'];
  return candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
}

export const INSTALL_HINT =
  'e2e skipped: no Chromium found. Install it with `sudo apt-get install chromium` or set PLAYWRIGHT_CHROMIUM_PATH.';
