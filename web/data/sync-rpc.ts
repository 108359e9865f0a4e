// The sync RPCs through supabase-js (the one client, web/data/supabase.ts, in the app; any
// signed-in client in tests). Errors keep PostgREST's SQLSTATE code and HTTP status so the
// replication can tell a refusal (fatal) from a network problem (transient).
import type { SupabaseClient } from '@supabase/supabase-js';
import {
  parsePullResponse,
  parsePushResponse,
  type Checkpoint,
  type PullResponse,
  type PushResponse,
  type PushRow,
} from '#shared/sync/protocol.ts';

export interface SyncRpc {
  pull(collection: string, checkpoint: Checkpoint | null, limit: number): Promise<PullResponse>;
  push(collection: string, rows: readonly PushRow[]): Promise<PushResponse>;
}

export class SyncRpcError extends Error {
  readonly code: string | undefined;
  readonly status: number | undefined;
  constructor(message: string, code: string | undefined, status: number | undefined) {
    super(message);
    this.name = 'SyncRpcError';
    this.code = code;
    this.status = status;
  }
}

export function supabaseSyncRpc(client: SupabaseClient): SyncRpc {
  const call = async (fn: string, args: Record<string, unknown>): Promise<unknown> => {
    const { data, error, status } = await client.rpc(fn, args);
    if (error)
      throw new SyncRpcError(`${fn}: ${error.message}`, error.code || undefined, status || undefined);
    return data;
  };
  return {
    async pull(collection, checkpoint, limit) {
      return parsePullResponse(await call('sync_pull', { collection, checkpoint, lim: limit }));
    },
    async push(collection, rows) {
      return parsePushResponse(await call('sync_push', { collection, rows }));
    },
  };
}
