// The local edge runtime: ONE long-lived Deno process that serves every function under a
// root directory (argv[0]), so an invocation costs a loopback hop instead of a Deno boot.
// Executed by Deno, never imported by Node; Node (./runner-process.ts) supervises it and
// checks verify_jwt before proxying here.
//
// Convention: `<root>/<name>/handler.ts` exports `handler: (req: Request) => Response |
// Promise<Response>` (house style: also a factory taking deps; the runner only needs the
// default-wired `handler`). `<root>/<name>/index.ts` is `Deno.serve(handler)` for
// `supabase functions deploy`. The request reaches the handler with the path Supabase
// gives it: `/<name>[/subpath]`.
//
// Error answers copy the Supabase edge runtime's shapes (supabase-surface.md §6.1).

// Declared here (module scope) so the file also typechecks under the Node tsconfig.
declare const Deno: {
  args: string[];
  stdin: { readable: ReadableStream<Uint8Array> };
  removeSync(path: string, options: { recursive: boolean }): void;
  exit(code: number): never;
  stat(path: string): Promise<{ isFile: boolean }>;
  serve(
    options: { path: string; transport: 'unix'; onListen: () => void },
    handler: (req: Request) => Response | Promise<Response>,
  ): unknown;
};

type Handler = (req: Request) => Response | Promise<Response>;

const [root, socketPath] = Deno.args;
if (root === undefined || !root.startsWith('/') || socketPath === undefined) {
  throw new Error('runner.ts: pass the absolute functions root and the unix socket path as arguments');
}

// Folder names Supabase accepts for functions; `_shared` and other `_x` folders are not functions.
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const loaded = new Map<string, Promise<Handler | null>>();

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function exists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

// null = no such function. A module that fails to import is not cached, so fixing the file
// and calling again works without restarting the runner.
function load(name: string): Promise<Handler | null> {
  let entry = loaded.get(name);
  if (entry === undefined) {
    const path = `${root}/${name}/handler.ts`;
    entry = (async () => {
      if (!(await exists(path))) return null;
      const mod = (await import(new URL(`file://${path}`).href)) as { handler?: unknown };
      if (typeof mod.handler !== 'function') throw new Error(`${path} does not export a handler function`);
      return mod.handler as Handler;
    })();
    entry.then(
      (h) => h === null && loaded.delete(name),
      () => loaded.delete(name),
    );
    loaded.set(name, entry);
  }
  return entry;
}

async function route(req: Request): Promise<Response> {
  const name = new URL(req.url).pathname.split('/')[1] ?? '';
  if (!NAME.test(name)) return json(404, { code: 'NOT_FOUND', message: 'Requested function was not found' });
  let handler: Handler | null;
  try {
    handler = await load(name);
  } catch (error) {
    console.error(`function ${name} failed to boot:`, error);
    return json(503, { code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' });
  }
  if (handler === null) return json(404, { code: 'NOT_FOUND', message: 'Requested function was not found' });
  try {
    return await handler(req);
  } catch (error) {
    // A throwing function is that request's failure only; the runner keeps serving.
    console.error(`function ${name} threw:`, error);
    return json(500, {
      code: 'WORKER_ERROR',
      message: 'Function exited due to an error (please check logs)',
    });
  }
}

// The supervisor holds our stdin open; EOF means it died (even by kill -9), so exit
// rather than live on as an orphan holding the socket.
void (async () => {
  // Nothing is ever sent; the loop only waits for end of input.
  const reader = Deno.stdin.readable.getReader();
  while (!(await reader.read()).done);
  // A supervisor killed with -9 cannot clean up: remove our private socket directory.
  try {
    Deno.removeSync(socketPath.slice(0, socketPath.lastIndexOf('/')), { recursive: true });
  } catch {
    // Already gone (the supervisor closed us normally).
  }
  Deno.exit(0);
})();

// A unix socket, not loopback TCP: only the supervisor can reach it, and it costs less
// kernel time per request than TCP on a busy machine.
Deno.serve(
  {
    path: socketPath,
    transport: 'unix',
    // The supervisor waits for this exact line on stdout before proxying.
    onListen: () => console.log('{"runnerReady":true}'),
  },
  route,
);
