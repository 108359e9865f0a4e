// How many local changes of a collection the replication still has to push, read from
// what RxDB itself will push (not from in-memory event counts), so the number is right
// after a reload, offline, in a fresh tab: the documents written since the upstream
// checkpoint whose content differs from the state the device assumes the server has
// (documents written by pulls equal their assumed master state and are not counted).
// This mirrors the upstream step of RxDB's replication protocol.
import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  type RxStorageInstanceReplicationState,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { sameDocument } from '#shared/sync/conflict.ts';

const PAGE = 1000;

/** Undefined while the replication has not started (e.g. this tab is not the leader). */
export async function countUnpushed(rep: RxReplicationState<unknown, unknown>): Promise<number | undefined> {
  const state = rep.internalReplicationState as RxStorageInstanceReplicationState<unknown> | undefined;
  if (state === undefined) return undefined;
  const meta = state.input.metaInstance;
  // Read the upstream checkpoint document directly (RxDB's getLastCheckpointDoc also
  // caches it in the replication state, which is the upstream loop's business).
  const cpId = getComposedPrimaryKeyOfDocumentData(meta.schema, { isCheckpoint: '1', itemId: 'up' } as never);
  const [cpDoc] = await meta.findDocumentsById([cpId], false);
  let checkpoint: unknown = (cpDoc as { checkpointData?: unknown } | undefined)?.checkpointData;
  let count = 0;
  for (;;) {
    const page = await getChangedDocumentsSince(state.input.forkInstance, PAGE, checkpoint as never);
    if (page.documents.length === 0) break;
    const ids = page.documents.map((d) => (d as Record<string, unknown>)[state.primaryPath] as string);
    const masters = await getAssumedMasterState(state, ids);
    for (const doc of page.documents) {
      const id = (doc as Record<string, unknown>)[state.primaryPath] as string;
      const master = masters[id];
      // The same test as RxDB's upstream: already replicated when equal to the assumed
      // master state, unless that state was recorded for this revision by a conflict.
      const replicated =
        master !== undefined &&
        master.metaDocument.isResolvedConflict !== doc._rev &&
        sameDocument(master.docData, doc);
      if (!replicated) count++;
    }
    if (page.documents.length < PAGE) break;
    checkpoint = page.checkpoint;
  }
  return count;
}
