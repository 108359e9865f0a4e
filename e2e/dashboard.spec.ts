// Each role sees only its scope, and a sale posted by a POS reaches an open screen without
// a reload. Fixture: e2e/support/fixture.ts (S1, S2 in NORTH; S3 in SOUTH; one open
// low-stock alert per store).
import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts.page.ts';
import { SalesPage } from './pages/sales.page.ts';
import { signInAs } from './pages/session.ts';
import { baseUrl, posDevice } from './support/env.ts';
import { posTransaction, postSales } from './support/fixture.ts';
import { EXECUTIVE, REGIONAL_MANAGER, STORE_MANAGER, SUPPLY_CHAIN } from './support/users.ts';

// One server for the run: the scope tests read today's opening sales before the live
// tests add to them, so this file runs in order.
test.describe.configure({ mode: 'serial' });

// Today's opening sales (global setup): S1 ₹120, S2 ₹240 (NORTH), S3 ₹360 (SOUTH).
test('a store manager sees only their store: its sales and its alerts', async ({ page }) => {
  const shell = await signInAs(page, STORE_MANAGER);
  await expect(new SalesPage(page).revenue).toHaveAttribute('title', '₹120.00');
  await shell.goTo('Alerts');
  const alerts = new AlertsPage(page);
  await expect(alerts.card('Low stock: DAL-1 at S1')).toBeVisible();
  await expect(alerts.card('Low stock: DAL-1 at S1')).toContainText(
    'Toor dal 1 kg (DAL-1) at Connaught Place (S1)',
  );
  for (const card of await alerts.cards.all()) await expect(card).toContainText('(S1)');
  await expect(alerts.list).not.toContainText('(S2)');
  await expect(alerts.list).not.toContainText('(S3)');
});

test("a regional manager sees their region's stores, not another region's", async ({ page }) => {
  const shell = await signInAs(page, REGIONAL_MANAGER);
  await expect(new SalesPage(page).revenue).toHaveAttribute('title', '₹360.00');
  await shell.goTo('Alerts');
  const alerts = new AlertsPage(page);
  await expect(alerts.card('Low stock: DAL-1 at S1')).toBeVisible();
  await expect(alerts.card('Low stock: DAL-1 at S2')).toBeVisible();
  await expect(alerts.card('Low stock: DAL-1 at S3')).toHaveCount(0);
  await expect(alerts.list).not.toContainText('T Nagar');
});

test('an executive sees the chain in aggregate and holds no store alerts', async ({ page }) => {
  const shell = await signInAs(page, EXECUTIVE);
  await expect(new SalesPage(page).revenue).toHaveAttribute('title', '₹720.00');
  await shell.goTo('Alerts');
  await expect(page.getByText(/Store alerts .* are not kept on this device for your role/)).toBeVisible();
});

test("a supply-chain user reads any store's stock from the server, one store at a time", async ({ page }) => {
  const shell = await signInAs(page, SUPPLY_CHAIN);
  await shell.goTo('Inventory');
  await expect(page.getByTestId('freshness')).toContainText('Live from the server');
  const store = page.getByLabel('Store');
  await expect(store.locator('option')).toHaveText(['Connaught Place', 'Agra Cantt', 'T Nagar']);
  const stock = page.getByRole('list', { name: 'Stock' });
  await expect(stock.getByRole('listitem')).toHaveCount(4);
  await store.selectOption({ label: 'T Nagar' });
  await expect(page.getByRole('region', { name: /Stock by category/ })).toContainText('T Nagar');
  await expect(stock.getByRole('listitem', { name: /Neem soap/ })).toBeVisible();
  // Forecasts the same way (the fixture has no nightly run yet).
  await shell.goTo('Forecasts');
  await expect(page.getByTestId('freshness')).toContainText('Live from the server');
  await expect(page.getByText('No forecasts for this store yet.', { exact: false })).toBeVisible();
});

test('a POS sale changes the open dashboard and raises a stock alert, without a reload', async ({ page }) => {
  const shell = await signInAs(page, STORE_MANAGER);
  const sales = new SalesPage(page);
  await expect(sales.revenue).toHaveAttribute('title', '₹120.00');
  // A navigation would reset this marker: it proves the page was not reloaded.
  await page.evaluate(() => {
    (window as unknown as { e2eMarker: boolean }).e2eMarker = true;
  });

  // 14 in stock, reorder at 10: selling 5 (₹200) leaves 9.
  const pos = posDevice('S1');
  await postSales(baseUrl(), pos, [
    posTransaction('E2E-LIVE-1', pos, Date.now() - 60_000, [['SOAP-1', 5, 40]]),
  ]);
  await expect(sales.revenue).toHaveAttribute('title', '₹320.00');

  await shell.goTo('Alerts');
  const alerts = new AlertsPage(page);
  await expect(alerts.card('Low stock: SOAP-1')).toBeVisible();
  await expect(alerts.card('Low stock: SOAP-1')).toContainText('9 units left, reorder at 10');
  await expect(alerts.card('Low stock: SOAP-1')).toContainText('Neem soap (SOAP-1) at Connaught Place (S1)');
  await expect(alerts.statusOf('Low stock: SOAP-1')).toContainText('New');
  await expect(alerts.badge).toContainText('new');
  expect(await page.evaluate(() => (window as unknown as { e2eMarker?: boolean }).e2eMarker)).toBe(true);
});

test('a stock alert raised while the Alerts screen is open appears without a reload', async ({ page }) => {
  const shell = await signInAs(page, STORE_MANAGER);
  await shell.goTo('Alerts');
  const alerts = new AlertsPage(page);
  await expect(alerts.card('Low stock: DAL-1 at S1')).toBeVisible();
  await expect(alerts.card('Low stock: MILK-1')).toHaveCount(0);
  await expect(alerts.badge).toBeVisible();
  const unread = await alerts.unread();
  // 500 in stock: selling 491 leaves 9, under the reorder threshold of 10.
  const pos = posDevice('S1');
  await postSales(baseUrl(), pos, [
    posTransaction('E2E-LIVE-2', pos, Date.now() - 60_000, [['MILK-1', 491, 60]]),
  ]);
  await expect(alerts.card('Low stock: MILK-1')).toBeVisible();
  await expect(alerts.badge).toContainText(`${unread + 1} new`);
});
