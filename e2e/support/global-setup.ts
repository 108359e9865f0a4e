// Serves the built PWA for the e2e run on a free port and exposes it as E2E_BASE_URL.
// Playwright passes env set here to the test workers.
import { existsSync } from 'node:fs';
import { preview } from 'vite';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` before e2e tests');
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'silent' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  process.env['E2E_BASE_URL'] = url.replace(/\/$/, '');
  return async () => {
    await server.close();
  };
}
