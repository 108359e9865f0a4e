// The Alerts screen's view model: each alert with its displayed status (status.ts), its
// notes, and what/where/when in words; filters by type, severity, status and store; the unread
// count for the navigation badge. Pure: names and "now" are parameters.
import { describeAge } from '../metrics/freshness.ts';
import { alertMessage } from './message.ts';
import type { CatalogNames } from './names.ts';
import { displayedStatus, type AlertStatus } from './status.ts';

export interface AlertDoc {
  readonly id: string;
  readonly type: string;
  readonly severity: string;
  readonly store_id?: string | null;
  readonly region_id?: string | null;
  readonly sku?: string | null;
  readonly title: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>> | null;
  readonly status: string;
  readonly created_at: string;
}

export interface AlertNoteDoc {
  readonly id: string;
  readonly alert_id: string;
  readonly action: string;
  readonly note?: string | null;
  readonly occurred_at?: string | null;
}

export interface AlertNote {
  readonly id: string;
  readonly action: string;
  readonly note: string | undefined;
  /** Undefined while the event waits on this device for the server. */
  readonly occurredAt: string | undefined;
}

export interface AlertView {
  readonly id: string;
  readonly type: string;
  readonly severity: string;
  readonly status: AlertStatus;
  readonly title: string;
  readonly message: string;
  /** "Low stock" */
  readonly what: string;
  /** "Basmati 1kg (RICE-1) at Store 1, Delhi (S1)" */
  readonly where: string;
  /** "3 h ago" */
  readonly when: string;
  readonly createdAt: string;
  /** The store the alert is about, if any (the store filter's value). */
  readonly storeId: string | null;
  readonly notes: readonly AlertNote[];
}

export interface AlertFilter {
  readonly type: string | undefined;
  readonly severity: string | undefined;
  readonly status: AlertStatus | undefined;
  /** A store id; alerts without a store (region, chain) never match a chosen store. */
  readonly store: string | undefined;
}

export const NO_FILTER: AlertFilter = {
  type: undefined,
  severity: undefined,
  status: undefined,
  store: undefined,
};

export const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;

/** "LOW_STOCK" → "Low stock". */
export function humanize(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ').trim();
  return words === '' ? '' : words[0]!.toUpperCase() + words.slice(1);
}

function named(code: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(code);
  return name === undefined || name === code ? code : `${name} (${code})`;
}

export function describeWhere(
  a: Pick<AlertDoc, 'store_id' | 'region_id' | 'sku'>,
  names: {
    readonly stores: ReadonlyMap<string, string>;
    readonly products: ReadonlyMap<string, string>;
    readonly regions: ReadonlyMap<string, string>;
  },
): string {
  const place = a.store_id
    ? named(a.store_id, names.stores)
    : a.region_id
      ? `${named(a.region_id, names.regions)} region`
      : 'whole chain';
  return a.sku ? `${named(a.sku, names.products)} at ${place}` : place;
}

function severityRank(s: string): number {
  const i = (SEVERITY_ORDER as readonly string[]).indexOf(s);
  return i < 0 ? SEVERITY_ORDER.length : i;
}

/**
 * Open alerts first (NEW, then ACKNOWLEDGED), then by severity, newest first; notes in the
 * order they happened, the ones still waiting on this device last.
 */
export function alertViews(
  alerts: readonly AlertDoc[],
  notes: readonly AlertNoteDoc[],
  names: CatalogNames,
  now: number,
): AlertView[] {
  const byAlert = new Map<string, AlertNoteDoc[]>();
  for (const n of notes) byAlert.set(n.alert_id, [...(byAlert.get(n.alert_id) ?? []), n]);
  const views = alerts.map((a): AlertView => {
    const own = [...(byAlert.get(a.id) ?? [])].sort((x, y) =>
      (x.occurred_at ?? '\uffff').localeCompare(y.occurred_at ?? '\uffff'),
    );
    const created = Date.parse(a.created_at);
    return {
      id: a.id,
      type: a.type,
      severity: a.severity,
      status: displayedStatus(a, own),
      title: a.title,
      message: alertMessage(a),
      what: humanize(a.type),
      where: describeWhere(a, names),
      when: Number.isFinite(created) ? describeAge(now - created) : 'unknown time',
      createdAt: a.created_at,
      storeId: a.store_id ?? null,
      notes: own.map((n) => ({
        id: n.id,
        action: n.action,
        note: n.note ?? undefined,
        occurredAt: n.occurred_at ?? undefined,
      })),
    };
  });
  const open = (s: AlertStatus): number => (s === 'NEW' ? 0 : s === 'ACKNOWLEDGED' ? 1 : 2);
  return views.sort(
    (x, y) =>
      open(x.status) - open(y.status) ||
      severityRank(x.severity) - severityRank(y.severity) ||
      y.createdAt.localeCompare(x.createdAt) ||
      x.id.localeCompare(y.id),
  );
}

export function filterAlerts(views: readonly AlertView[], f: AlertFilter): AlertView[] {
  return views.filter(
    (v) =>
      (f.type === undefined || v.type === f.type) &&
      (f.severity === undefined || v.severity === f.severity) &&
      (f.status === undefined || v.status === f.status) &&
      (f.store === undefined || v.storeId === f.store),
  );
}

/** The stores the alerts are about, by name then code, for the store filter. */
export function alertStores(
  views: readonly AlertView[],
  names: ReadonlyMap<string, string>,
): { readonly id: string; readonly label: string }[] {
  const ids = new Set<string>();
  for (const v of views) if (v.storeId !== null) ids.add(v.storeId);
  return [...ids]
    .map((id) => ({ id, label: named(id, names) }))
    .sort((x, y) => x.label.localeCompare(y.label) || x.id.localeCompare(y.id));
}

/** The navigation badge: alerts still NEW once the device's own events are applied. */
export function unreadCount(alerts: readonly AlertDoc[], notes: readonly AlertNoteDoc[]): number {
  const acted = new Map<string, AlertNoteDoc[]>();
  for (const n of notes) acted.set(n.alert_id, [...(acted.get(n.alert_id) ?? []), n]);
  return alerts.filter((a) => displayedStatus(a, acted.get(a.id) ?? []) === 'NEW').length;
}
