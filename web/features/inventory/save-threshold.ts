// Writes a threshold edit to the device; the replication pushes it with the state it was
// based on (compare-and-swap). If someone changed it on the server meanwhile, the server's
// value wins and the lost edit is listed under "not saved" (RejectedThresholds).
import { thresholdDoc, thresholdDocId, type ThresholdValues } from '#shared/metrics/thresholds.ts';
import { localCollection } from '../../data/local-docs.ts';

export async function saveThreshold(storeId: string, sku: string, values: ThresholdValues): Promise<void> {
  const col = localCollection('inventory_thresholds');
  if (col === undefined) throw new Error('Stock data is not open on this device yet; try again in a moment.');
  const found = await col.findOne(thresholdDocId(storeId, sku)).exec();
  // Keep the document's data fields (rev: the state the edit is based on), not RxDB's own.
  const current =
    found === null
      ? undefined
      : Object.fromEntries(
          Object.entries(found.toJSON() as Record<string, unknown>).filter(([k]) => !k.startsWith('_')),
        );
  await col.upsert(thresholdDoc(storeId, sku, values, current));
}
