// The unread badge on the Alerts entry of the navigation: the number of NEW alerts, read
// out as words ("3 new") and hidden when there are none.
import { useUnreadAlerts } from './use-alerts.ts';
import './alerts.css';

export function AlertsBadge() {
  const unread = useUnreadAlerts();
  if (unread === 0) return null;
  return (
    <span className="nav-badge" data-testid="alerts-badge">
      <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
      <span className="sr-only">, {unread} new</span>
    </span>
  );
}
