// Client retry rules and dead-letter bounding (shared/ingest/backoff.ts, bounded-raw.ts).
import { describe, expect, it } from 'vitest';
import { dispose, fullJitterMs, retryAfterMs } from '../../shared/ingest/backoff.ts';
import { boundedRaw, MAX_RAW_DEPTH } from '../../shared/ingest/bounded-raw.ts';

describe('backoff', () => {
  it('draws full jitter below min(cap, base·2^attempt)', () => {
    const policy = { baseMs: 100, capMs: 5000 };
    expect(fullJitterMs(policy, 0, () => 0.999)).toBe(99);
    expect(fullJitterMs(policy, 3, () => 0.5)).toBe(400);
    expect(fullJitterMs(policy, 40, () => 0.999)).toBe(4995);
    expect(fullJitterMs(policy, 2, () => 0)).toBe(0);
  });

  it('retries network errors, 429 and 5xx, never sooner than Retry-After; dead-letters other 4xx', () => {
    const rng = () => 0.5;
    expect(dispose(200, null, 0, rng)).toEqual({ kind: 'done' });
    expect(dispose(207, null, 0, rng)).toEqual({ kind: 'done' });
    expect(dispose('network-error', null, 1, rng)).toEqual({ kind: 'retry', delayMs: 100 });
    expect(dispose(429, '7', 0, rng)).toEqual({ kind: 'retry', delayMs: 7000 });
    expect(dispose(503, '1', 5, rng)).toEqual({ kind: 'retry', delayMs: 1600 });
    expect(dispose(409, null, 0, rng)).toEqual({ kind: 'dead', reason: 'HTTP 409' });
    expect(dispose(400, null, 0, rng)).toEqual({ kind: 'dead', reason: 'HTTP 400' });
  });

  it('reads only the delta-seconds form of Retry-After', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(' 12 ')).toBe(12000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(retryAfterMs('-1')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('boundedRaw', () => {
  it('keeps ordinary records as they are', () => {
    const r = { transactionId: 'T-1', items: [{ sku: 'A', quantity: 1 }] };
    expect(boundedRaw(r)).toEqual(r);
  });

  it('replaces NUL and unpaired surrogates, in keys too', () => {
    expect(boundedRaw({ 'a\u0000': ['x\ud800y', 'ok \ud83d\ude00'] })).toEqual({
      'a\ufffd': ['x\ufffdy', 'ok \ud83d\ude00'],
    });
  });

  it('truncates records nested too deeply or too large', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_RAW_DEPTH + 5; i += 1) deep = [deep];
    expect(boundedRaw(deep)).toMatchObject({ truncated: true, reason: expect.stringContaining('nested') });
    expect(boundedRaw({ s: 'x'.repeat(100_000) })).toMatchObject({
      truncated: true,
      reason: expect.stringContaining('larger'),
    });
  });
});
