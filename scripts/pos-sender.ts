// Delivers one outbox item until the server acknowledges it: retries network errors, 429
// and 5xx with the same bytes, full-jitter backoff, and never earlier than Retry-After;
// a non-retryable 4xx goes to the dead-letter folder. Shared by the simulator, the chaos
// test and the benchmark.
import { dispose } from '../shared/ingest/backoff.ts';
import type { DiskOutbox, OutboxItem } from './pos-outbox.ts';

export interface SendStats {
  sent: number;
  retries: number;
  replays: number;
  dead: number;
  rateLimited: number;
}

export const newStats = (): SendStats => ({ sent: 0, retries: 0, replays: 0, dead: 0, rateLimited: 0 });

export interface SenderOptions {
  readonly url: string;
  readonly rng: () => number;
  readonly stats: SendStats;
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Stop retrying (e.g. on shutdown); the item stays in the outbox. */
  readonly stopped?: () => boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function deliver(
  outbox: DiskOutbox | undefined,
  item: OutboxItem,
  o: SenderOptions,
): Promise<number | 'stopped'> {
  const sleep = o.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt += 1) {
    if (o.stopped?.()) return 'stopped';
    let status: number | 'network-error';
    let retryAfter: string | null = null;
    try {
      const res = await fetch(`${o.url}/functions/v1/${item.fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': item.key },
        body: item.body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
      });
      await res.arrayBuffer();
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      if (res.headers.get('idempotent-replayed') === 'true') o.stats.replays += 1;
    } catch {
      status = 'network-error';
    }
    if (status === 429) o.stats.rateLimited += 1;
    const next = dispose(status, retryAfter, attempt, o.rng);
    if (next.kind === 'done') {
      outbox?.ack(item.id);
      o.stats.sent += 1;
      return status as number;
    }
    if (next.kind === 'dead') {
      outbox?.dead(item.id, next.reason);
      o.stats.dead += 1;
      return status as number;
    }
    o.stats.retries += 1;
    await sleep(next.delayMs);
  }
}
