// Placeholder until the local net worker lands.
import type { BackgroundService, ServiceDeps } from '../service.ts';

export async function startNetWorker(_deps: ServiceDeps): Promise<BackgroundService> {
  return { async close() {} };
}
