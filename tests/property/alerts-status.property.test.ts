import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALERT_ACTIONS,
  ALERT_STATUSES,
  allowedActions,
  applyAlertAction,
  displayedStatus,
  statusRank,
} from '../../shared/alerts/status.ts';
import {
  alertViews,
  filterAlerts,
  NO_FILTER,
  SEVERITY_ORDER,
  unreadCount,
} from '../../shared/alerts/view.ts';
import { catalogNames } from '../../shared/alerts/names.ts';

const F = 'Feature: bharat-retail-market-intelligence';
const status = fc.constantFrom(...ALERT_STATUSES);
const event = fc.record({
  action: fc.constantFrom(...ALERT_ACTIONS),
  note: fc.option(fc.string(), { nil: null }),
});

describe('alert status', () => {
  it(`${F}, Property 25: Alert Acknowledgment State Management`, () => {
    fc.assert(
      fc.property(status, fc.array(event, { maxLength: 12 }), fc.string(), (start, events, note) => {
        // Never backwards: every prefix of the events is at least as far on as the one before.
        let prev = start;
        for (let i = 1; i <= events.length; i++) {
          const s = displayedStatus({ status: start }, events.slice(0, i));
          expect(statusRank(s)).toBeGreaterThanOrEqual(statusRank(prev));
          prev = s;
        }
        // The order the events arrive in (offline, replayed, synced) does not matter,
        // and applying an event the server already applied again changes nothing.
        const final = displayedStatus({ status: start }, events);
        expect(displayedStatus({ status: start }, [...events].reverse())).toBe(final);
        expect(displayedStatus({ status: final }, events)).toBe(final);
        // Acknowledging with a note: a NEW alert becomes ACKNOWLEDGED and the note is kept.
        const ack = { id: 'n1', alert_id: 'a1', action: 'ACKNOWLEDGED', note, occurred_at: null };
        const alert = {
          id: 'a1',
          type: 'LOW_STOCK',
          severity: 'HIGH',
          title: 't',
          message: 'm',
          status: start,
          created_at: '2026-12-03T04:00:00Z',
        };
        const [view] = alertViews([alert], [ack], catalogNames([]), Date.parse('2026-12-03T05:00:00Z'));
        expect(view?.status).toBe(start === 'NEW' ? 'ACKNOWLEDGED' : start);
        expect(view?.notes.map((n) => n.note)).toEqual([note]);
        expect(unreadCount([alert], [ack])).toBe(0);
        // Only forward moves are offered.
        for (const a of allowedActions(final)) {
          expect(statusRank(applyAlertAction(final, a))).toBeGreaterThanOrEqual(statusRank(final));
          if (a !== 'NOTE') expect(applyAlertAction(final, a)).not.toBe(final);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('filters keep exactly the alerts matching every chosen criterion; the badge counts the NEW ones', () => {
    const doc = fc.record({
      id: fc.uuid(),
      type: fc.constantFrom('LOW_STOCK', 'OVERSTOCK', 'PRICING'),
      severity: fc.constantFrom(...SEVERITY_ORDER),
      title: fc.string(),
      message: fc.string(),
      status,
      created_at: fc.constantFrom('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'),
      store_id: fc.constantFrom(null, 'S1', 'S2'),
    });
    const filter = fc.record({
      type: fc.constantFrom(undefined, 'LOW_STOCK', 'PRICING'),
      severity: fc.constantFrom(undefined, ...SEVERITY_ORDER),
      status: fc.constantFrom(undefined, ...ALERT_STATUSES),
      store: fc.constantFrom(undefined, 'S1', 'S3'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(doc, { selector: (d) => d.id, maxLength: 20 }),
        fc.array(fc.record({ pick: fc.nat(), action: fc.constantFrom(...ALERT_ACTIONS) }), { maxLength: 10 }),
        filter,
        (alerts, picks, f) => {
          const notes =
            alerts.length === 0
              ? []
              : picks.map((p, i) => ({
                  id: `n${i}`,
                  alert_id: alerts[p.pick % alerts.length]!.id,
                  action: p.action,
                }));
          const views = alertViews(alerts, notes, catalogNames([]), Date.parse('2026-12-03T00:00:00Z'));
          expect(filterAlerts(views, NO_FILTER)).toEqual(views);
          const kept = filterAlerts(views, f);
          expect(kept).toEqual(
            views.filter(
              (v) =>
                (f.type === undefined || v.type === f.type) &&
                (f.severity === undefined || v.severity === f.severity) &&
                (f.status === undefined || v.status === f.status) &&
                (f.store === undefined || alerts.find((a) => a.id === v.id)?.store_id === f.store),
            ),
          );
          expect(unreadCount(alerts, notes)).toBe(views.filter((v) => v.status === 'NEW').length);
          // Open alerts come first.
          const firstResolved = views.findIndex((v) => v.status === 'RESOLVED');
          if (firstResolved >= 0)
            expect(views.slice(firstResolved).every((v) => v.status === 'RESOLVED')).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
