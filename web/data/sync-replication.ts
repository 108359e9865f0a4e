// Replication of one collection: RxDB's checkpoint iteration over sync_pull, batched
// pushes over sync_push, live pulls on nudges. Refused writes (per row, or the whole batch
// refused for validation or permission) are reverted to the master state locally (the
// conflict rule) and listed once in the status store with the reason; transient failures
// are retried inside the push handler with capped full-jitter backoff
// (shared/sync/backoff.ts), reset by the next success. RxDB's own push retry waits a fixed
// `retryTime`, which would hammer a struggling server from every device at once.
import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { Observable } from 'rxjs';
import type { CollectionDef } from '#shared/sync/collections.ts';
import { pushRetryDelayMs, type PushBackoffPolicy } from '#shared/sync/backoff.ts';
import { classifyPushError, sameDocument } from '#shared/sync/conflict.ts';
import type { Checkpoint, PushRow, SyncDoc } from '#shared/sync/protocol.ts';
import { SyncRpcError, type SyncRpc } from './sync-rpc.ts';
import type { RejectedChange } from './sync-status.store.ts';

type Doc = Record<string, unknown> & { id: string };

export interface ReplicationHooks {
  readonly now: () => number;
  readonly markSynced: (collection: string, at: number) => void;
  readonly reportError: (collection: string, message: string, at: number) => void;
  readonly reject: (changes: readonly RejectedChange[]) => void;
  /** `count` local changes reached the server (applied, conflicting or refused). */
  readonly pushed: (collection: string, count: number) => void;
  /** The server dropped tombstones older than our checkpoint: wipe and pull again. */
  readonly onResyncRequired: (collection: string) => void;
}

/** How a transient push failure waits before the next attempt. */
export interface PushRetry {
  /** Uniform in [0, 1): the jitter. */
  readonly random: () => number;
  /** Waits `ms`; may resolve early (back online, replication stopping). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Base and cap of the delays; PUSH_BACKOFF (1 s doubling to 60 s) by default. */
  readonly policy?: PushBackoffPolicy;
  /** True once the replication is being stopped: give up retrying. */
  readonly stopped: () => boolean;
  /** Reports each scheduled retry (attempt is 0-based), for the status line and tests. */
  readonly onRetry?: (collection: string, attempt: number, delayMs: number) => void;
}

export interface ReplicationOptions {
  readonly collection: RxCollection;
  readonly def: CollectionDef;
  readonly rpc: SyncRpc;
  readonly hooks: ReplicationHooks;
  /** Emits 'RESYNC' on a nudge, a reconnect or the fallback timer. */
  readonly nudges$: Observable<'RESYNC'>;
  /** Part of the replication identifier: a new epoch starts from an empty checkpoint. */
  readonly epoch: number;
  readonly waitForLeadership: boolean;
  /** False: the caller starts it (deferred collections); default true. */
  readonly autoStart?: boolean;
  readonly batchSize?: number;
  /** RxDB's fixed retry delay, used for pulls (pushes back off through `retry`). */
  readonly retryTimeMs?: number;
  readonly retry: PushRetry;
}

const gone = (id: string): SyncDoc => ({ id, _deleted: true });

export function replicateCollection(o: ReplicationOptions): RxReplicationState<Doc, Checkpoint | null> {
  const name = o.def.name;
  // "Synced" is reported once the pulled documents are on the device, not when the last
  // page arrives: RxDB writes a page after the handler returns, and a screen that said
  // "Updated just now" over zeros for that second would not tell the truth. The time is
  // the one the server answered at (what the data is fresh as of).
  let answeredAt: number | undefined;
  const state = replicateRxCollection<Doc, Checkpoint | null>({
    collection: o.collection as unknown as RxCollection<Doc>,
    replicationIdentifier: `brmi-sync-${name}-${o.epoch}`,
    live: true,
    retryTime: o.retryTimeMs ?? 5000,
    waitForLeadership: o.waitForLeadership,
    autoStart: o.autoStart ?? true,
    pull: {
      // Large pages: the initial sync of a slice is a few round trips per collection, which
      // is what a 150 ms RTT phone link pays for (sync_pull allows up to 5,000).
      batchSize: o.batchSize ?? 2000,
      stream$: o.nudges$,
      async handler(last, batchSize) {
        const res = await o.rpc.pull(name, last ?? null, batchSize);
        if (res.resyncRequired) {
          o.hooks.onResyncRequired(name);
          return { documents: [], checkpoint: last ?? null };
        }
        if (res.documents.length < batchSize) answeredAt = o.hooks.now();
        return {
          documents: res.documents as unknown as Doc[] as never,
          checkpoint: res.checkpoint ?? last ?? null,
        };
      },
    },
    ...(o.def.writes === 'readonly'
      ? {}
      : {
          push: {
            batchSize: o.batchSize ?? 100,
            async handler(rows) {
              const wire: PushRow[] = rows.map((r) => ({
                newDocumentState: r.newDocumentState as Record<string, unknown>,
                assumedMasterState: (r.assumedMasterState as Record<string, unknown> | undefined) ?? null,
              }));
              let res;
              for (let attempt = 0; ; attempt++) {
                try {
                  res = await o.rpc.push(name, wire);
                  break;
                } catch (err) {
                  const code = err instanceof SyncRpcError ? err.code : undefined;
                  const kind =
                    err instanceof SyncRpcError
                      ? classifyPushError(err.code, err.status)
                      : ('transient' as const);
                  const message = err instanceof Error ? err.message : String(err);
                  o.hooks.reportError(name, `${kind}: ${message}`, o.hooks.now());
                  if (kind === 'fatal') {
                    // Refused as a whole (e.g. permission): the same rows would be refused
                    // again, so each is listed once and reverted, never retried.
                    o.hooks.pushed(name, rows.length);
                    const rejected = rows.map((r) => ({
                      id: (r.newDocumentState as Doc).id,
                      code: code ?? 'REFUSED',
                      reason: message,
                    }));
                    return settle(name, rows, { conflicts: [], rejected }, o.hooks) as never;
                  }
                  // Thrown when stopping: RxDB sees the replication cancelled and drops it;
                  // the rows stay local and are pushed by the next session.
                  if (o.retry.stopped()) throw err;
                  const delay = pushRetryDelayMs(attempt, o.retry.random(), o.retry.policy);
                  o.retry.onRetry?.(name, attempt, delay);
                  await o.retry.sleep(delay);
                  if (o.retry.stopped()) throw err;
                }
              }
              o.hooks.pushed(name, rows.length);
              return settle(name, rows, res, o.hooks) as never;
            },
          },
        }),
  });
  // The downstream goes idle only after it persisted what it pulled.
  state.active$.subscribe((active) => {
    if (active || answeredAt === undefined) return;
    o.hooks.markSynced(name, answeredAt);
    answeredAt = undefined;
  });
  return state;
}

/** Conflicts as RxDB wants them: the master state for stale writes and refused rows. */
function settle(
  name: string,
  rows: readonly { newDocumentState: unknown; assumedMasterState?: unknown }[],
  res: { conflicts: readonly SyncDoc[]; rejected: readonly { id: string; code: string; reason: string }[] },
  hooks: ReplicationHooks,
): SyncDoc[] {
  const byId = new Map(rows.map((r) => [(r.newDocumentState as Doc).id, r]));
  const out: SyncDoc[] = [...res.conflicts];
  const rejected: RejectedChange[] = [];
  for (const c of res.conflicts) {
    const row = byId.get(c.id);
    if (row && !sameDocument(row.newDocumentState, c)) {
      rejected.push({
        collection: name,
        id: c.id,
        code: 'CONFLICT',
        reason: 'Changed by someone else first; your edit was not applied.',
        document: row.newDocumentState as Doc,
      });
    }
  }
  for (const r of res.rejected) {
    const row = byId.get(r.id);
    const master = row?.assumedMasterState as SyncDoc | undefined;
    out.push(master ? { ...master, _deleted: master._deleted === true } : gone(r.id));
    rejected.push({
      collection: name,
      id: r.id,
      code: r.code,
      reason: r.reason,
      document: (row?.newDocumentState ?? {}) as Doc,
    });
  }
  if (rejected.length > 0) hooks.reject(rejected);
  return out;
}
