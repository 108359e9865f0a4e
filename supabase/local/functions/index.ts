// /functions/v1/<name>[/subpath] → the Deno runner (./runner.ts). Node decides verify_jwt
// ([functions.<name>] in config.toml, default true) so the runner only ever sees
// authorised requests; ./proxy.ts forwards them and turns runner trouble into clear
// errors; ./runner-process.ts keeps one runner alive and restarts it after a crash.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import type { HttpService, ServiceDeps } from '../service.ts';
import { proxyToRunner, sendJson } from './proxy.ts';
import { startRunnerProcess } from './runner-process.ts';
import { checkFunctionJwt } from './verify-jwt.ts';

export interface FunctionsOptions {
  /** Absolute directory holding `<name>/handler.ts`; default `supabase/functions`. */
  readonly functionsRoot?: string;
  /** Silence after which the caller gets a 504; default 150 s, the hosted gateway's idle timeout. */
  readonly idleTimeoutMs?: number;
}

export interface FunctionsService extends HttpService {
  /** The live runner's pid (tests kill it to prove the restart). */
  runnerPid(): number | undefined;
}

const DEFAULT_ROOT = fileURLToPath(new URL('../../functions', import.meta.url));

export async function createFunctionsService(
  deps: ServiceDeps,
  options: FunctionsOptions = {},
): Promise<FunctionsService> {
  const runner = startRunnerProcess({
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
  const idleTimeoutMs = options.idleTimeoutMs ?? 150_000;
  // Fail fast at stack start if Deno cannot boot at all, rather than on the first call.
  try {
    await runner.socket();
  } catch (error) {
    await runner.close();
    throw error;
  }

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    url: URL,
    body: Buffer,
  ): Promise<void> {
    const name = path.split('/')[1] ?? '';
    if (deps.config.functions[name]?.verifyJwt ?? true) {
      const check = checkFunctionJwt(
        req.method ?? 'GET',
        req.headers.authorization,
        deps.keys.jwtSecret,
        deps.clock(),
      );
      if (!check.ok) return sendJson(res, check.status, check.body);
    }
    let socketPath: string;
    try {
      socketPath = await runner.socket();
    } catch (error) {
      deps.log(`[functions] ${String(error)}`);
      const boot = { code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' };
      return sendJson(res, 503, boot, { 'x-relay-error': 'true' });
    }
    await proxyToRunner(
      { socketPath, agent, idleTimeoutMs, log: deps.log },
      req,
      res,
      `${path}${url.search}`,
      body,
    );
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
