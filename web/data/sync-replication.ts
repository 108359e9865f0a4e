// Replication of one collection: RxDB's checkpoint iteration over sync_pull, batched
// pushes over sync_push, live pulls on nudges. Refused writes are reverted to the master
// state locally (the conflict rule) and listed in the status store with the reason;
// transient failures are thrown so RxDB retries them.
import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { Observable } from 'rxjs';
import type { CollectionDef } from '#shared/sync/collections.ts';
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
  readonly batchSize?: number;
  readonly retryTimeMs?: number;
}

const gone = (id: string): SyncDoc => ({ id, _deleted: true });

export function replicateCollection(o: ReplicationOptions): RxReplicationState<Doc, Checkpoint | null> {
  const name = o.def.name;
  return replicateRxCollection<Doc, Checkpoint | null>({
    collection: o.collection as unknown as RxCollection<Doc>,
    replicationIdentifier: `brmi-sync-${name}-${o.epoch}`,
    live: true,
    retryTime: o.retryTimeMs ?? 5000,
    waitForLeadership: o.waitForLeadership,
    autoStart: true,
    pull: {
      batchSize: o.batchSize ?? 500,
      stream$: o.nudges$,
      async handler(last, batchSize) {
        const res = await o.rpc.pull(name, last ?? null, batchSize);
        if (res.resyncRequired) {
          o.hooks.onResyncRequired(name);
          return { documents: [], checkpoint: last ?? null };
        }
        if (res.documents.length < batchSize) o.hooks.markSynced(name, o.hooks.now());
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
              try {
                res = await o.rpc.push(name, wire);
              } catch (err) {
                const kind =
                  err instanceof SyncRpcError
                    ? classifyPushError(err.code, err.status)
                    : ('transient' as const);
                o.hooks.reportError(
                  name,
                  `${kind}: ${err instanceof Error ? err.message : String(err)}`,
                  o.hooks.now(),
                );
                // Fatal whole-batch refusals (e.g. a stale token) are retried too: the next
                // attempt runs with a refreshed token or after the scope wipe.
                throw err;
              }
              o.hooks.pushed(name, rows.length);
              return settle(name, rows, res, o.hooks) as never;
            },
          },
        }),
  });
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
