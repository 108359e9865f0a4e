// Wire types of the sync RPCs (supabase/migrations/20261204000100_sync_core.sql and
// 20261204000200_sync_push.sql) and total parsers for their answers: a malformed answer
// becomes a clear error, never a half-applied batch.

/** Position in the (_xid, _seq) order; null before the first pull. */
export interface Checkpoint {
  readonly xid: string;
  readonly seq: number;
}

export type SyncDoc = Readonly<Record<string, unknown>> & { readonly id: string; readonly _deleted: boolean };

export interface PullResponse {
  readonly documents: readonly SyncDoc[];
  readonly checkpoint: Checkpoint | null;
  /** The checkpoint is older than the tombstone horizon: wipe the collection and pull again. */
  readonly resyncRequired: boolean;
}

export interface PushRow {
  readonly newDocumentState: Readonly<Record<string, unknown>>;
  readonly assumedMasterState?: Readonly<Record<string, unknown>> | null;
}

/** A write the server refused for good (validation, permission): shown to the user. */
export interface Rejection {
  readonly id: string;
  readonly code: string;
  readonly reason: string;
}

export interface PushResponse {
  readonly conflicts: readonly SyncDoc[];
  readonly rejected: readonly Rejection[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseDoc(v: unknown, where: string): SyncDoc {
  if (!isRecord(v) || typeof v['id'] !== 'string')
    throw new Error(`${where}: a document without a string id`);
  return { ...v, id: v['id'], _deleted: v['_deleted'] === true };
}

export function parseCheckpoint(v: unknown): Checkpoint | null {
  if (v === null || v === undefined) return null;
  if (
    isRecord(v) &&
    typeof v['xid'] === 'string' &&
    /^\d+$/.test(v['xid']) &&
    Number.isSafeInteger(v['seq'])
  ) {
    return { xid: v['xid'], seq: v['seq'] as number };
  }
  throw new Error(`sync_pull: malformed checkpoint ${JSON.stringify(v)}`);
}

export function parsePullResponse(v: unknown): PullResponse {
  if (!isRecord(v) || !Array.isArray(v['documents']))
    throw new Error('sync_pull: the answer has no documents array');
  return {
    documents: v['documents'].map((d) => parseDoc(d, 'sync_pull')),
    checkpoint: parseCheckpoint(v['checkpoint']),
    resyncRequired: v['resync_required'] === true,
  };
}

export function parsePushResponse(v: unknown): PushResponse {
  if (!isRecord(v) || !Array.isArray(v['conflicts']) || !Array.isArray(v['rejected'])) {
    throw new Error('sync_push: the answer needs conflicts and rejected arrays');
  }
  return {
    conflicts: v['conflicts'].map((d) => parseDoc(d, 'sync_push')),
    rejected: v['rejected'].map((r) => {
      if (!isRecord(r)) throw new Error('sync_push: malformed rejection');
      return { id: String(r['id'] ?? ''), code: String(r['code'] ?? ''), reason: String(r['reason'] ?? '') };
    }),
  };
}
