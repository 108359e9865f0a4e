// /functions/v1/<name>[/subpath] → the Deno runner (./runner.ts) over loopback keep-alive
// HTTP. Node decides verify_jwt ([functions.<name>] in config.toml, default true) so the
// runner only ever sees authorised requests, and turns a runner crash into a clear 502
// for the requests it was holding (the supervisor restarts it for the next ones).
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import type { HttpService, ServiceDeps } from '../service.ts';
import { startRunnerProcess, type RunnerProcess } from './runner-process.ts';
import { checkFunctionJwt } from './verify-jwt.ts';

export interface FunctionsOptions {
  /** Absolute directory holding `<name>/handler.ts`; default `supabase/functions`. */
  readonly functionsRoot?: string;
}

export interface FunctionsService extends HttpService {
  /** The live runner's pid (tests kill it to prove the restart). */
  runnerPid(): number | undefined;
}

const DEFAULT_ROOT = fileURLToPath(new URL('../../functions', import.meta.url));

// Hop-by-hop headers (RFC 9110 §7.6.1) are per connection and must not be forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function forwardHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify(body));
}

export async function createFunctionsService(deps: ServiceDeps, options: FunctionsOptions = {}): Promise<FunctionsService> {
  const runner: RunnerProcess = startRunnerProcess({
    functionsRoot: options.functionsRoot ?? DEFAULT_ROOT,
    env: {
      SUPABASE_URL: deps.publicUrl,
      SUPABASE_ANON_KEY: deps.keys.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: deps.keys.serviceRoleKey,
      SUPABASE_DB_URL: deps.databaseUrl,
    },
    log: deps.log,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  // Fail fast at stack start if Deno cannot boot at all, rather than on the first call.
  await runner.port();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, path: string, url: URL, body: Buffer): Promise<void> {
    const name = path.split('/')[1] ?? '';
    const verify = deps.config.functions[name]?.verifyJwt ?? true;
    if (verify) {
      const check = checkFunctionJwt(req.method ?? 'GET', req.headers.authorization, deps.keys.jwtSecret, deps.clock());
      if (!check.ok) return sendJson(res, check.status, check.body);
    }
    let port: number;
    try {
      port = await runner.port();
    } catch (error) {
      deps.log(`[functions] ${String(error)}`);
      return sendJson(res, 503, { code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' }, { 'x-relay-error': 'true' });
    }
    await new Promise<void>((resolve) => {
      const headers = forwardHeaders(req.headers);
      headers['content-length'] = String(body.length);
      const upstream = http.request(
        { host: '127.0.0.1', port, agent, method: req.method, path: `${path}${url.search}`, headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, forwardHeaders(up.headers));
          up.pipe(res);
          up.once('error', () => res.destroy());
        },
      );
      upstream.once('error', (error) => {
        // The runner died (or reset the socket) while holding this request.
        deps.log(`[functions] ${name}: ${error.message}`);
        if (!res.headersSent) {
          sendJson(
            res,
            502,
            { code: 'RUNNER_CRASHED', message: 'The functions runner stopped while handling this request; it is restarting, retry' },
            { 'x-relay-error': 'true' },
          );
        } else res.destroy();
        resolve();
      });
      // The caller went away (or the response finished): stop the upstream exchange.
      res.once('close', () => {
        if (!res.writableFinished) upstream.destroy();
        resolve();
      });
      upstream.end(body);
    });
  }

  return {
    handle,
    runnerPid: () => runner.pid(),
    async close() {
      agent.destroy();
      await runner.close();
    },
  };
}
