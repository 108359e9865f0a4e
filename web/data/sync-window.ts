// Removes documents that aged out of the sync window (shared/sync/window.ts) from the
// device. The server stops sending them but never deletes them, so without this a store
// tablet left open for a year would hold every hour of it. Only read-only collections
// have a window: a local removal there is never pushed.
import type { RxDatabase } from 'rxdb';
import type { CollectionDef } from '#shared/sync/collections.ts';
import { windowCutoff } from '#shared/sync/window.ts';

/** Removes the windowed collections' documents older than the window; returns how many. */
export async function pruneOutsideWindow(
  db: RxDatabase,
  defs: readonly CollectionDef[],
  nowMs: number,
): Promise<number> {
  const cutoff = windowCutoff(nowMs);
  let removed = 0;
  for (const def of defs) {
    const col = db.collections[def.name];
    if (def.windowField === undefined || def.writes !== 'readonly' || col === undefined) continue;
    const old = await col.find({ selector: { [def.windowField]: { $lt: cutoff } } }).exec();
    if (old.length === 0) continue;
    await col.bulkRemove(old.map((d) => d.primary));
    removed += old.length;
  }
  return removed;
}
