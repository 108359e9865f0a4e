// The default database seam of the ingest functions: PostgREST RPC with the service role
// through supabase-js, as on hosted Supabase.
import type { RpcCall } from './ingest-handler.ts';
import { createServiceClient } from './supabase-client.ts';

export function serviceRpc(): RpcCall {
  const client = createServiceClient();
  return async (name, args) => {
    const { data, error } = await client.rpc(name, args);
    if (error !== null) throw Object.assign(new Error(error.message), { code: error.code });
    return data as unknown;
  };
}
