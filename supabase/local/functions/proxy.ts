// Forwards one request to the Deno runner over loopback keep-alive HTTP and streams the
// answer back. Runner failures become clear JSON errors, never a hung caller:
// a crash mid-request (kill -9) → 502 relay error; silence past the idle timeout → 504.
import http from 'node:http';

export interface ProxyTarget {
  readonly socketPath: string;
  readonly agent: http.Agent;
  readonly idleTimeoutMs: number;
  readonly log: (line: string) => void;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) are per connection and must not be forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

function forwardHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify(body));
}

/** Resolves when the exchange is over (answered, failed, or the caller went away). */
export function proxyToRunner(
  target: ProxyTarget,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathWithQuery: string,
  body: Buffer,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const headers = forwardHeaders(req.headers);
    headers['content-length'] = String(body.length);
    const upstream = http.request(
      {
        socketPath: target.socketPath,
        agent: target.agent,
        method: req.method,
        path: pathWithQuery,
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, forwardHeaders(up.headers));
        up.pipe(res);
        up.once('error', () => res.destroy());
      },
    );
    let timedOut = false;
    upstream.setTimeout(target.idleTimeoutMs, () => {
      timedOut = true;
      upstream.destroy(new Error(`no activity for ${target.idleTimeoutMs} ms`));
    });
    upstream.once('error', (error) => {
      target.log(`[functions] ${pathWithQuery}: ${error.message}`);
      if (res.headersSent) res.destroy();
      else if (timedOut) {
        sendJson(res, 504, {
          code: 'WORKER_TIMEOUT',
          message: `Function did not respond within ${target.idleTimeoutMs} ms`,
        });
      } else {
        // The runner died (or reset the socket) while holding this request.
        sendJson(
          res,
          502,
          {
            code: 'RUNNER_CRASHED',
            message: 'The functions runner stopped while handling this request; it is restarting, retry',
          },
          { 'x-relay-error': 'true' },
        );
      }
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
