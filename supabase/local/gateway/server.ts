// The gateway: one node:http server, the only HTTP entry point of the local stack, in
// the role Kong plays for `supabase start`. It routes by prefix, answers CORS, enforces
// the body limit, and turns any unexpected failure into a plain 500 (the details go to
// the log, never to the client).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpService, UpgradeService } from '../service.ts';
import { corsHeaders, isPreflight, preflight, type CorsProfile } from './cors.ts';
import { BodyTooLarge, readBody } from './read-body.ts';
import { serveStatic } from './static-files.ts';

export interface GatewayServices {
  readonly rest: HttpService;
  readonly auth: HttpService;
  readonly functions: HttpService;
  readonly realtime: UpgradeService;
}

export interface GatewayOptions {
  /** Read per request, so the server can listen (and know its URL) before the services exist. */
  readonly services: () => GatewayServices;
  /** Built PWA (dist/); undefined serves nothing outside the API prefixes. */
  readonly webRoot: string | undefined;
  readonly bodyLimitBytes: number;
  readonly log: (line: string) => void;
}

/** Default body limit: an ingest batch of 1,000 records is well under 2 MiB. */
export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

interface Route {
  readonly prefix: string;
  readonly service: keyof Omit<GatewayServices, 'realtime'>;
  readonly cors: CorsProfile | undefined;
}

const ROUTES: readonly Route[] = [
  { prefix: '/rest/v1', service: 'rest', cors: 'rest' },
  { prefix: '/auth/v1', service: 'auth', cors: 'auth' },
  { prefix: '/functions/v1', service: 'functions', cors: undefined },
];

/** The design's feed URLs, kept for POS/ERP vendors: same functions, same bodies and headers. */
const API_ALIASES: Readonly<Record<string, string>> = {
  '/api/v1/transactions': '/functions/v1/ingest-transactions',
  '/api/v1/inventory': '/functions/v1/ingest-inventory',
  '/api/v1/competitor-prices': '/functions/v1/ingest-competitor-prices',
};

function matchPrefix(pathname: string, prefix: string): string | undefined {
  if (pathname === prefix) return '/';
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : undefined;
}

export function createGateway(opts: GatewayOptions): Server {
  const server = createServer((req, res) => {
    route(opts, req, res).catch((err: unknown) => {
      opts.log(
        `gateway: ${req.method} ${req.url}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ code: 'internal_error', message: 'Internal server error' }));
      } else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (matchPrefix(pathname, '/realtime/v1') !== undefined) {
      try {
        opts.services().realtime.handleUpgrade(req, socket, head);
      } catch (err) {
        opts.log(`gateway: upgrade ${pathname}: ${String(err)}`);
        socket.destroy();
      }
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  return server;
}

async function route(opts: GatewayOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  const alias = API_ALIASES[url.pathname];
  if (alias !== undefined) url.pathname = alias;
  for (const r of ROUTES) {
    const sub = matchPrefix(url.pathname, r.prefix);
    if (sub === undefined) continue;
    if (r.cors !== undefined) {
      if (isPreflight(req.method, req.headers)) {
        const p = preflight(r.cors, req.headers);
        res.writeHead(p.status, p.headers);
        res.end();
        return;
      }
      for (const [k, v] of Object.entries(corsHeaders(r.cors, req.headers))) res.setHeader(k, v);
    }
    let body: Buffer;
    try {
      body = await readBody(req, opts.bodyLimitBytes);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      res.end(
        JSON.stringify({
          code: 'request_too_large',
          message: `Request body is larger than ${err.limit} bytes`,
        }),
      );
      return;
    }
    await opts.services()[r.service].handle(req, res, sub, url, body);
    return;
  }
  if (matchPrefix(url.pathname, '/realtime/v1') !== undefined) {
    res.writeHead(426, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ message: 'Upgrade Required: connect with a websocket' }));
    return;
  }
  if (opts.webRoot === undefined) {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ message: 'no route matched' }));
    return;
  }
  await serveStatic(opts.webRoot, req, res, url.pathname);
}
