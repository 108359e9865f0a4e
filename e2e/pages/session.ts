import { expect, type Page } from '@playwright/test';
import type { RoleUser } from '../support/users.ts';
import { ShellPage } from './shell.page.ts';
import { SignInPage } from './sign-in.page.ts';

/** Signs in and waits for the shell; returns its page model. */
export async function signInAs(page: Page, user: Pick<RoleUser, 'email' | 'password'>): Promise<ShellPage> {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(user.email, user.password);
  const shell = new ShellPage(page);
  await expect(shell.title).toBeVisible();
  return shell;
}

/** Waits until the service worker controls the page (reloading once if needed): from then on the app opens offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (await page.evaluate(() => navigator.serviceWorker.controller === null)) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}
