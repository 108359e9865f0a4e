// callOnline (web/data/online-rpc.ts): online-only drill-downs answer "needs connection"
// offline instead of failing, and pass server refusals through as errors.
import { describe, expect, it } from 'vitest';
import { makeCallOnline, NEEDS_CONNECTION } from '../../web/data/online-rpc.ts';

type RpcAnswer = { data: unknown; error: { message: string; code?: string } | null; status: number };

function fakeClient(answer: () => Promise<RpcAnswer>) {
  const calls: { fn: string; args: unknown }[] = [];
  return {
    calls,
    client: () => ({
      rpc: (fn: string, args: unknown) => {
        calls.push({ fn, args });
        return answer();
      },
    }),
  };
}

describe('callOnline', () => {
  it('returns the data of a successful call', async () => {
    const f = fakeClient(() => Promise.resolve({ data: [{ sku: 'ATTA-5' }], error: null, status: 200 }));
    const call = makeCallOnline({ client: f.client as never, isOnline: () => true });
    expect(await call('store_sku_history', { store: 'S1' })).toEqual({ ok: true, data: [{ sku: 'ATTA-5' }] });
    expect(f.calls).toEqual([{ fn: 'store_sku_history', args: { store: 'S1' } }]);
  });

  it('answers "needs connection" offline without calling the server', async () => {
    const f = fakeClient(() => Promise.reject(new Error('must not be called')));
    const call = makeCallOnline({ client: f.client as never, isOnline: () => false });
    expect(await call('store_sku_history', {})).toEqual({
      ok: false,
      reason: 'offline',
      message: 'Needs connection — this detail is not stored on the device.',
    });
    expect(NEEDS_CONNECTION).toBe('Needs connection — this detail is not stored on the device.');
    expect(f.calls).toHaveLength(0);
  });

  it('treats a request that never reached the server as offline', async () => {
    const viaError = fakeClient(() =>
      Promise.resolve({ data: null, error: { message: 'TypeError: fetch failed', code: '' }, status: 0 }),
    );
    const call = makeCallOnline({ client: viaError.client as never, isOnline: () => true });
    expect(await call('x')).toEqual({ ok: false, reason: 'offline', message: NEEDS_CONNECTION });
    const thrown = fakeClient(() => Promise.reject(new TypeError('Failed to fetch')));
    const call2 = makeCallOnline({ client: thrown.client as never, isOnline: () => true });
    expect(await call2('x')).toEqual({ ok: false, reason: 'offline', message: NEEDS_CONNECTION });
  });

  it('passes a server refusal through as an error with its message', async () => {
    const f = fakeClient(() =>
      Promise.resolve({
        data: null,
        error: { message: 'permission denied for function x', code: '42501' },
        status: 403,
      }),
    );
    const call = makeCallOnline({ client: f.client as never, isOnline: () => true });
    expect(await call('x', { a: 1 })).toEqual({
      ok: false,
      reason: 'error',
      message: 'permission denied for function x',
    });
  });
});
