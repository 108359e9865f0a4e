// Live nudges: one private realtime channel per scope topic (scope:store:<id>,
// scope:region:<id> or scope:chain, authorised by RLS on realtime.messages). Any broadcast
// on it means "new data for your scope": pull now. SUBSCRIBED (first join and every
// rejoin after a drop) also pulls, since messages sent while disconnected are lost.
// A nudge's payload names the changed tables; each collection pulls only when they feed
// it (shared/sync/collections.ts nudgeConcerns), so a POS sale does not make a phone pull
// ten collections over one connection pool.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { Subject, type Observable } from 'rxjs';

export interface Nudges {
  /** Changed tables per nudge; undefined means "anything may have changed" (pull all). */
  readonly nudges$: Observable<readonly string[] | undefined>;
  /** Pull now (reconnect, fallback timer, resume). */
  poke(): void;
  close(): Promise<void>;
}

/** The `tables` (or single `table`) a nudge names, or undefined when it names none. */
export function tablesOf(payload: unknown): readonly string[] | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as { tables?: unknown; table?: unknown };
  if (Array.isArray(p.tables) && p.tables.every((t) => typeof t === 'string')) return p.tables as string[];
  if (typeof p.table === 'string') return [p.table];
  return undefined;
}

export function subscribeNudges(client: SupabaseClient | undefined, topics: readonly string[]): Nudges {
  const subject = new Subject<readonly string[] | undefined>();
  const poke = (): void => subject.next(undefined);
  const channels: RealtimeChannel[] = [];
  for (const topic of client === undefined ? [] : topics) {
    const ch = client!
      .channel(topic, { config: { private: true } })
      .on('broadcast', { event: '*' }, (msg: { payload?: unknown }) => subject.next(tablesOf(msg.payload)))
      .subscribe((status) => {
        if (status === 'SUBSCRIBED') poke();
      });
    channels.push(ch);
  }
  return {
    nudges$: subject.asObservable(),
    poke,
    async close() {
      await Promise.all(channels.map((ch) => client!.removeChannel(ch)));
      subject.complete();
    },
  };
}
