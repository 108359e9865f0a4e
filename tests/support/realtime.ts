// Helpers for the realtime tests: event-driven waiting (collect what arrives and wait for a
// condition, woken by each arrival: no polling, no sleeps), realtime-js subscribe as a
// promise, and GoTrue-style user access tokens.
import type { RealtimeChannel } from '@supabase/supabase-js';
import { signJwt, type JwtClaims } from '../../supabase/local/jwt.ts';

export class Inbox<T> {
  readonly items: T[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `cond(items)` holds; rejects with `what` after `ms`. */
  until(cond: (items: readonly T[]) => boolean, what: string, ms = 15_000): Promise<readonly T[]> {
    if (cond(this.items)) return Promise.resolve(this.items);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; got ${JSON.stringify(this.items)}`));
      }, ms);
      const waiter = {
        check: () => cond(this.items),
        resolve: () => {
          clearTimeout(timer);
          resolve(this.items);
        },
      };
      this.waiters.push(waiter);
    });
  }

  count(n: number, what = `${n} items`): Promise<readonly T[]> {
    return this.until((xs) => xs.length >= n, what);
  }
}

export interface SubscribeOutcome {
  readonly status: string;
  readonly error: Error | undefined;
}

/** Subscribes and resolves with the first status realtime-js reports; every status also goes to `statuses`. */
export function subscribe(channel: RealtimeChannel, statuses?: Inbox<string>): Promise<SubscribeOutcome> {
  return new Promise((resolve) => {
    let done = false;
    channel.subscribe((status, error) => {
      statuses?.push(status);
      if (done) return;
      done = true;
      resolve({ status, error });
    });
  });
}

/** A GoTrue-style access token (role authenticated) with extra claims, valid for `ttlSeconds`. */
export function userToken(jwtSecret: string, extra: JwtClaims = {}, ttlSeconds = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      aud: 'authenticated',
      role: 'authenticated',
      sub: '00000000-0000-4000-8000-000000000001',
      iat: now,
      exp: now + ttlSeconds,
      ...extra,
    },
    jwtSecret,
  );
}
