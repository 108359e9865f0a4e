// Placeholder until the local cron worker lands.
import type { BackgroundService, ServiceDeps } from '../service.ts';

export async function startCronScheduler(_deps: ServiceDeps): Promise<BackgroundService> {
  return { async close() {} };
}
