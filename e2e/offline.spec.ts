// The PWA offline: it opens from the service worker and IndexedDB with no network, an
// acknowledgement made offline survives a reload and reaches the server exactly once
// (issue 7 §5, issue 8 §7), and a new build shows the update prompt.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts.page.ts';
import { signInAs, waitForServiceWorker } from './pages/session.ts';
import { webRoot, withDb } from './support/env.ts';
import { E2E_USER, OFFLINE_STORE_MANAGER } from './support/users.ts';

const TITLE = 'Low stock: DAL-1 at S2';
const NOTE = 'Counted the shelf: 6 left, reorder sent offline';

test('offline: the app opens with data, an acknowledgement survives a reload and reaches the server once', async ({
  page,
  context,
}) => {
  const shell = await signInAs(page, OFFLINE_STORE_MANAGER);
  await shell.goTo('Alerts');
  const alerts = new AlertsPage(page);
  await expect(alerts.statusOf(TITLE)).toContainText('New');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(shell.status).toHaveText(/Offline/);
  await expect(alerts.statusOf(TITLE)).toContainText('New');
  await expect(alerts.freshness).toContainText('offline, showing saved data');

  await alerts.act(TITLE, 'Acknowledge', NOTE);
  await expect(alerts.statusOf(TITLE)).toContainText('Acknowledged');
  await expect(alerts.card(TITLE)).toContainText(`Acknowledged: ${NOTE} (waiting to send)`);
  await expect(alerts.freshness).toContainText('1 change waiting to send');

  await page.reload();
  await expect(shell.status).toHaveText(/Offline/);
  await expect(alerts.statusOf(TITLE)).toContainText('Acknowledged');
  await expect(alerts.card(TITLE)).toContainText(`Acknowledged: ${NOTE} (waiting to send)`);

  await context.setOffline(false);
  await expect(shell.status).toHaveText(/Online/);
  // Sent and pulled back with the server's time: no longer waiting.
  await expect(alerts.card(TITLE)).toContainText(`Acknowledged: ${NOTE}`);
  await expect(alerts.card(TITLE)).not.toContainText('waiting to send');
  await expect(alerts.freshness).not.toContainText('waiting to send');

  const server = await withDb(async (db) => {
    const { rows } = await db.query<{
      status: string;
      acks: string;
      notes: string[];
      acked_by: string | null;
    }>(
      `select a.status, a.acknowledged_by::text as acked_by,
              (select count(*) from public.alert_history h where h.alert_id = a.id and h.action = 'ACKNOWLEDGED') as acks,
              array(select h.note from public.alert_history h where h.alert_id = a.id and h.action = 'ACKNOWLEDGED') as notes
         from public.alerts a where a.title = $1`,
      [TITLE],
    );
    return rows;
  });
  expect(server).toEqual([
    { status: 'ACKNOWLEDGED', acks: '1', notes: [NOTE], acked_by: expect.any(String) },
  ]);

  // A replay after another reload online changes nothing.
  await page.reload();
  await expect(alerts.statusOf(TITLE)).toContainText('Acknowledged');
  const acks = await withDb(async (db) => {
    const { rows } = await db.query<{ n: string }>(
      `select count(*) n from public.alert_history h join public.alerts a on a.id = h.alert_id
        where a.title = $1 and h.action = 'ACKNOWLEDGED'`,
      [TITLE],
    );
    return rows[0]?.n;
  });
  expect(acks).toBe('1');
});

test('a new build shows the update prompt; updating reloads into it', async ({ page }) => {
  await signInAs(page, E2E_USER);
  await waitForServiceWorker(page);
  const prompt = page.getByRole('alert').filter({ hasText: 'A new version is ready.' });
  await expect(prompt).toHaveCount(0);

  // A new deploy: the service worker script changes (as it does when any precached asset
  // changes its revision). The copy served is the setup's, never dist/.
  const sw = join(webRoot(), 'sw.js');
  const original = await readFile(sw, 'utf8');
  await writeFile(sw, `${original}\n// e2e: a new build\n`);
  try {
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update();
    });
    await expect(prompt).toBeVisible();
    const oldWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
    await expect(prompt).toHaveCount(0);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          return reg?.waiting === null && reg.active !== null;
        }),
      )
      .toBe(true);
    expect(oldWorker).toContain('/sw.js');
  } finally {
    await writeFile(sw, original);
  }
});
