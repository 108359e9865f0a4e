import { expect, test } from '@playwright/test';
import { ShellPage } from './pages/shell.page.ts';

test('the app shell opens on a phone, navigates between sections and works offline after the first load', async ({
  page,
  context,
}) => {
  const shell = new ShellPage(page);
  await shell.open();
  await expect(shell.title).toHaveText('Sales');
  await expect(shell.status).toHaveText(/Online/);

  await shell.goTo('Inventory');
  await expect(shell.title).toHaveText('Inventory');
  await expect(shell.nav.getByRole('link', { name: 'Inventory' })).toHaveAttribute('aria-current', 'page');

  // The service worker precaches the shell: once it controls the page, a reload offline still renders.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(shell.title).toHaveText('Inventory');
  await expect(shell.status).toHaveText(/Offline/);
  await context.setOffline(false);
});

test('the manifest makes the app installable', async ({ request }) => {
  const res = await request.get(`${process.env['E2E_BASE_URL']}/manifest.webmanifest`);
  expect(res.ok()).toBe(true);
  const manifest = (await res.json()) as { name: string; icons: { sizes: string }[]; display: string };
  expect(manifest.name).toBe('Bharat Retail Market Intelligence');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
});
