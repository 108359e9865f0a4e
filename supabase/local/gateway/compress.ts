// Response compression, as Supabase's API gateway and any static host do: on a 2G/3G link
// the PWA's JavaScript and a sync page of JSON are several times smaller gzipped. Only
// when the client asks for it (Accept-Encoding: gzip), only for text types, and only
// above a size where it pays. Static files are compressed once per version and cached.
import type { IncomingHttpHeaders } from 'node:http';
import { gzipSync, constants } from 'node:zlib';

/** Below this, gzip's header and the CPU cost outweigh the bytes saved. */
export const MIN_COMPRESS_BYTES = 1024;

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|wasm)|image\/svg\+xml)/;

export function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  const v = headers['accept-encoding'];
  const s = Array.isArray(v) ? v.join(',') : (v ?? '');
  // "gzip;q=0" refuses it explicitly.
  return s.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export function compressible(contentType: string | undefined, bytes: number): boolean {
  return contentType !== undefined && bytes >= MIN_COMPRESS_BYTES && COMPRESSIBLE.test(contentType);
}

/** Fast level for API responses (they are made per request); static files use the best. */
export function gzip(body: Buffer | string, level: 'fast' | 'best' = 'fast'): Buffer {
  return gzipSync(body, { level: level === 'best' ? constants.Z_BEST_COMPRESSION : 4 });
}

/** Compressed static files by path, invalidated when the file's size or mtime changes. */
export class GzipCache {
  readonly #entries = new Map<string, { key: string; body: Buffer }>();
  readonly #maxEntries: number;

  constructor(maxEntries = 512) {
    this.#maxEntries = maxEntries;
  }

  get(path: string, version: string, load: () => Buffer): Buffer {
    const hit = this.#entries.get(path);
    if (hit !== undefined && hit.key === version) return hit.body;
    const body = gzip(load(), 'best');
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(path, { key: version, body });
    return body;
  }
}
