// Placeholder until the auth service lands; the gateway answers 503 under its prefix.
import type { HttpService, ServiceDeps } from '../service.ts';

export async function createAuthService(_deps: ServiceDeps): Promise<HttpService> {
  return {
    async handle(_req, res) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 503, message: 'auth service is not available yet' }));
    },
    async close() {},
  };
}
