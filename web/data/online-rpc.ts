// Online-only drill-downs (issue 7 §3): details beyond the user's synced slice come from an
// RPC. Offline, the screen gets a clear "needs connection" answer instead of an error or a
// spinner that never ends; the call is not even attempted when the browser says offline.
import type { SupabaseClient } from '@supabase/supabase-js';
import { supabase } from './supabase.ts';

export const NEEDS_CONNECTION = 'Needs connection — this detail is not stored on the device.';

export type OnlineResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly reason: 'offline' | 'error'; readonly message: string };

export interface OnlineRpcDeps {
  readonly client: () => Pick<SupabaseClient, 'rpc'>;
  readonly isOnline: () => boolean;
}

const browserOnline = (): boolean =>
  typeof navigator === 'undefined' || typeof navigator.onLine !== 'boolean' || navigator.onLine;

// fetch rejects with a TypeError when the request never reached the server (no network,
// DNS, connection refused); supabase-js reports it as an error without an HTTP status.
const isNetworkFailure = (error: { message?: string; code?: string }, status: number | undefined): boolean =>
  (status === undefined || status === 0) &&
  /fetch|network|load failed|connection/i.test(`${error.message ?? ''} ${error.code ?? ''}`);

/** callOnline with explicit dependencies (tests; the app uses `callOnline`). */
export function makeCallOnline(deps: OnlineRpcDeps) {
  return async function call<T = unknown>(
    fn: string,
    args?: Record<string, unknown>,
  ): Promise<OnlineResult<T>> {
    if (!deps.isOnline()) return { ok: false, reason: 'offline', message: NEEDS_CONNECTION };
    try {
      const { data, error, status } = await deps.client().rpc(fn, args ?? {});
      if (error) {
        if (isNetworkFailure(error, status || undefined))
          return { ok: false, reason: 'offline', message: NEEDS_CONNECTION };
        return { ok: false, reason: 'error', message: error.message || `${fn} failed (HTTP ${status})` };
      }
      return { ok: true, data: data as T };
    } catch (err) {
      if (err instanceof TypeError) return { ok: false, reason: 'offline', message: NEEDS_CONNECTION };
      return { ok: false, reason: 'error', message: err instanceof Error ? err.message : String(err) };
    }
  };
}

/**
 * Calls the RPC `fn` with `args` through the app's client. Never throws: offline (or the
 * request could not reach the server) → reason 'offline' with the "needs connection"
 * message; a server refusal → reason 'error' with its message.
 */
export const callOnline: <T = unknown>(
  fn: string,
  args?: Record<string, unknown>,
) => Promise<OnlineResult<T>> = makeCallOnline({ client: supabase, isOnline: browserOnline });
