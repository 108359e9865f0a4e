// Live nudges: one private realtime channel per scope topic (scope:store:<id>,
// scope:region:<id> or scope:chain, authorised by RLS on realtime.messages). Any broadcast
// on it means "new data for your scope": pull now. SUBSCRIBED (first join and every
// rejoin after a drop) also pulls, since messages sent while disconnected are lost.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { Subject, type Observable } from 'rxjs';

export interface Nudges {
  readonly nudges$: Observable<'RESYNC'>;
  /** Pull now (reconnect, fallback timer, resume). */
  poke(): void;
  close(): Promise<void>;
}

export function subscribeNudges(client: SupabaseClient | undefined, topics: readonly string[]): Nudges {
  const subject = new Subject<'RESYNC'>();
  const poke = (): void => subject.next('RESYNC');
  const channels: RealtimeChannel[] = [];
  for (const topic of client === undefined ? [] : topics) {
    const ch = client!
      .channel(topic, { config: { private: true } })
      .on('broadcast', { event: '*' }, poke)
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
