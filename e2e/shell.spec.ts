import { expect, test } from '@playwright/test';
import { ShellPage } from './pages/shell.page.ts';
import { SignInPage } from './pages/sign-in.page.ts';
import { E2E_USER } from './support/users.ts';

test('sign-in says why it failed, then opens the shell; the shell works offline after the first load', async ({
  page,
  context,
}) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await expect(signIn.heading).toBeVisible();
  await signIn.signIn(E2E_USER.email, 'Wrong-Passw0rd!');
  await expect(signIn.error).toHaveText('Wrong email or password.');

  await signIn.signIn(E2E_USER.email, E2E_USER.password);
  const shell = new ShellPage(page);
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

test('settings show the account and a live password checklist', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(E2E_USER.email, E2E_USER.password);
  const shell = new ShellPage(page);
  await shell.goTo('Settings');
  await expect(page.getByText(E2E_USER.email)).toBeVisible();
  const rules = page.getByRole('list', { name: 'Password rules' });
  await expect(rules.getByText('at least 12 characters')).toContainText('(not met)');
  await page.getByLabel('New password').fill('Abcdefgh1234!');
  await expect(rules.getByRole('listitem')).toHaveCount(5);
  for (const item of await rules.getByRole('listitem').all()) await expect(item).toContainText('(met)');
  await expect(page.getByRole('button', { name: 'Change password' })).toBeEnabled();
});

test('30 minutes idle locks the app; offline it unlocks with the password checked on the device', async ({
  page,
  context,
}) => {
  await page.clock.install({ time: new Date('2026-12-03T10:00:00+05:30') });
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(E2E_USER.email, E2E_USER.password);
  const shell = new ShellPage(page);
  await expect(shell.title).toHaveText('Sales');

  await page.clock.fastForward('29:00');
  await expect(shell.title).toHaveText('Sales');
  await page.clock.fastForward('01:30');
  const lock = page.getByRole('heading', { name: 'Locked after 30 minutes idle' });
  await expect(lock).toBeVisible();

  await context.setOffline(true);
  await page.getByLabel('Password').fill('not-my-password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('does not match');
  await page.getByLabel('Password').fill(E2E_USER.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(shell.title).toHaveText('Sales');
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
