// When each collection last completed a pull, kept in the user's own RxDB database (a
// local document, never replicated) so that an offline reload still says how old the
// data on the device is. Every tab follows the document: the leader writes it, the others
// show the same ages. The document goes with the database on wipe.
import type { RxDatabase } from 'rxdb';
import type { Subscription } from 'rxjs';

const DOC = 'sync-freshness';

interface FreshnessDoc {
  readonly at: Record<string, number>;
}

const valid = (v: unknown): Record<string, number> => {
  const out: Record<string, number> = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number' && Number.isFinite(x)) out[k] = x;
  return out;
};

export interface FreshnessLog {
  /** Last synced time per collection as stored (empty for a new database). */
  load(): Promise<Record<string, number>>;
  /** Records a completed pull; later times win, writes are serialised. */
  record(collection: string, at: number): Promise<void>;
  /** Calls `onChange` with the stored times whenever any tab records one. */
  follow(onChange: (at: Record<string, number>) => void): Subscription;
  /** Resolves when every recorded time is written. */
  settled(): Promise<void>;
}

export function freshnessLog(db: RxDatabase): FreshnessLog {
  let queue: Promise<void> = Promise.resolve();
  const load = async (): Promise<Record<string, number>> => {
    const doc = await db.getLocal<FreshnessDoc>(DOC);
    return valid(doc?.get('at'));
  };
  return {
    load,
    record(collection, at) {
      queue = queue
        .then(async () => {
          if (db.closed) return;
          const stored = await load();
          if ((stored[collection] ?? -Infinity) >= at) return;
          await db.upsertLocal<FreshnessDoc>(DOC, { at: { ...stored, [collection]: at } });
        })
        // A failed write (database closing or being removed) only costs an older age.
        .catch(() => undefined);
      return queue;
    },
    follow(onChange) {
      return db.getLocal$<FreshnessDoc>(DOC).subscribe((doc) => {
        if (doc !== null) onChange(valid(doc.get('at')));
      });
    },
    settled: () => queue,
  };
}
