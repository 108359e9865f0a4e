// Placeholder until the realtime service lands: upgrades are refused.
import type { ServiceDeps, UpgradeService } from '../service.ts';

export async function createRealtimeService(_deps: ServiceDeps): Promise<UpgradeService> {
  return {
    handleUpgrade(_req, socket) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
    },
    async close() {},
  };
}
