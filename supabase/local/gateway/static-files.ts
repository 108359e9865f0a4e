// Serves the built PWA from dist/: files by path, the SPA's index.html for any other
// navigation, and no-cache on the files that decide which version runs (sw.js,
// index.html, the manifest) so a deploy is picked up; hashed assets cache forever.
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { acceptsGzip, compressible, GzipCache } from './compress.ts';

const gzipped = new GzipCache();

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

const NO_CACHE = new Set([
  '/sw.js',
  '/index.html',
  '/manifest.webmanifest',
  '/manifest.json',
  '/registerSW.js',
]);

export function cacheControl(urlPath: string): string {
  if (NO_CACHE.has(urlPath)) return 'no-cache';
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=0, must-revalidate';
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Method Not Allowed');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Bad Request');
    return;
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const base = root.endsWith(sep) ? root : root + sep;
  let file = join(root, rel);
  let urlPath = `/${rel.split(sep).join('/')}`;
  if (!file.startsWith(base) && file !== root) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not Found');
    return;
  }
  if (urlPath === '/' || !(await isFile(file))) {
    // A missing file with an extension is a real 404; anything else is an app route.
    if (urlPath !== '/' && extname(urlPath) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not Found');
      return;
    }
    file = join(root, 'index.html');
    urlPath = '/index.html';
    if (!(await isFile(file))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The PWA is not built yet: `npm start` builds it into dist/.');
      return;
    }
  }
  const info = await stat(file);
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  if (compressible(type, info.size)) {
    // Everyone may get either encoding of the same URL: caches must key on it.
    res.setHeader('vary', 'accept-encoding');
    if (acceptsGzip(req.headers)) {
      const target = file;
      const body = gzipped.get(target, `${info.size}:${info.mtimeMs}`, () => readFileSync(target));
      res.writeHead(200, {
        'content-type': type,
        'content-encoding': 'gzip',
        'content-length': body.length,
        'cache-control': cacheControl(urlPath),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
  }
  const size = info.size;
  res.writeHead(200, {
    'content-type': type,
    'content-length': size,
    'cache-control': cacheControl(urlPath),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
