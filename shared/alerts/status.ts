// Property 25: an alert's status only moves forward, NEW → ACKNOWLEDGED → RESOLVED.
// The device shows the alert as the server last sent it, moved on by the user's own
// events (synced or still waiting to be sent), so an acknowledgement made offline shows
// at once. The server applies the same rule (private.sync_push_alert_notes), so folding
// an event the server already applied again changes nothing.

export const ALERT_STATUSES = ['NEW', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_ACTIONS = ['ACKNOWLEDGED', 'RESOLVED', 'NOTE'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

const RANK: Readonly<Record<AlertStatus, number>> = { NEW: 0, ACKNOWLEDGED: 1, RESOLVED: 2 };

/** An unknown status string (a newer server) is read as NEW: it never hides an alert. */
export function asStatus(value: string): AlertStatus {
  return (ALERT_STATUSES as readonly string[]).includes(value) ? (value as AlertStatus) : 'NEW';
}

/** The status after one event: NOTE keeps it, ACKNOWLEDGED moves NEW on, RESOLVED ends it. */
export function applyAlertAction(status: AlertStatus, action: string): AlertStatus {
  const target: AlertStatus | undefined =
    action === 'ACKNOWLEDGED' ? 'ACKNOWLEDGED' : action === 'RESOLVED' ? 'RESOLVED' : undefined;
  if (target === undefined) return status;
  return RANK[target] > RANK[status] ? target : status;
}

/** The displayed status: the alert's own status moved on by its events, in any order. */
export function displayedStatus(
  alert: { readonly status: string },
  events: readonly { readonly action: string }[],
): AlertStatus {
  return events.reduce<AlertStatus>((s, e) => applyAlertAction(s, e.action), asStatus(alert.status));
}

/** What a user may still do: only forward moves, and a note at any time. */
export function allowedActions(status: AlertStatus): readonly AlertAction[] {
  if (status === 'NEW') return ['ACKNOWLEDGED', 'RESOLVED', 'NOTE'];
  if (status === 'ACKNOWLEDGED') return ['RESOLVED', 'NOTE'];
  return ['NOTE'];
}

export function statusRank(status: AlertStatus): number {
  return RANK[status];
}
