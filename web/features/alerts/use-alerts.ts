// The Alerts screen's data: alerts, the user's alert events (synced or waiting to be sent)
// and catalog names, all from the device's slice, turned into plain view models.
import { useMemo } from 'react';
import { catalogNames, type CatalogDoc } from '#shared/alerts/names.ts';
import {
  alertStores,
  unreadCount,
  alertViews,
  type AlertDoc,
  type AlertNoteDoc,
  type AlertView,
} from '#shared/alerts/view.ts';
import { useDocs } from '../../data/local-docs.ts';

const ALL = {};
const NAMED = { selector: { kind: { $in: ['store', 'product', 'region'] } } };

export interface AlertsModel {
  readonly ready: boolean;
  readonly views: readonly AlertView[];
  /** The stores the alerts are about (the store filter's choices). */
  readonly stores: readonly { readonly id: string; readonly label: string }[];
}

export function useAlerts(now: number): AlertsModel {
  const alerts = useDocs<AlertDoc>('alerts', ALL);
  const notes = useDocs<AlertNoteDoc>('alert_notes', ALL);
  const catalog = useDocs<CatalogDoc>('catalog', NAMED);
  const names = useMemo(() => catalogNames(catalog.docs), [catalog.docs]);
  const views = useMemo(
    () => alertViews(alerts.docs, notes.docs, names, now),
    [alerts.docs, notes.docs, names, now],
  );
  const stores = useMemo(() => alertStores(views, names.stores), [views, names.stores]);
  return { ready: alerts.ready && notes.ready, views, stores };
}

/** Alerts still NEW on this device (the navigation badge). */
export function useUnreadAlerts(): number {
  const alerts = useDocs<AlertDoc>('alerts', { selector: { status: 'NEW' } });
  const notes = useDocs<AlertNoteDoc>('alert_notes', ALL);
  return useMemo(() => unreadCount(alerts.docs, notes.docs), [alerts.docs, notes.docs]);
}
