// Acknowledge, resolve or annotate an alert: an append-only event with a client-made UUID,
// written to the device first (works offline) and pushed by replication; the server
// applies it exactly once and records who and when (private.sync_push_alert_notes).
import type { AlertAction } from '#shared/alerts/status.ts';
import { localCollection } from '../../data/local-docs.ts';

export const NOTE_MAX_LENGTH = 2000;

export async function recordAlertAction(alertId: string, action: AlertAction, note: string): Promise<void> {
  const col = localCollection('alert_notes');
  if (col === undefined) throw new Error('Alerts are not available on this device for your role.');
  const text = note.trim();
  if (action === 'NOTE' && text === '') throw new Error('Write a note first.');
  if (text.length > NOTE_MAX_LENGTH)
    throw new Error(`A note can have at most ${NOTE_MAX_LENGTH} characters.`);
  await col.insert({ id: crypto.randomUUID(), alert_id: alertId, action, note: text === '' ? null : text });
}
