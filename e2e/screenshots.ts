// Saves docs/screenshots/{sign-in,sales,inventory,forecasts,alerts,settings}-{phone,tablet}[-<who>].png
// (forecasts only for roles that have them) from a
// running build (not a test: run it by hand after UI changes and look at the images).
// Usage: npx tsx e2e/screenshots.ts <base url> <email> <password> [who=store]
// e.g. against the demo stack: build into /tmp, serve it with scripts/serve-dist.ts, then
//   npx tsx e2e/screenshots.ts http://127.0.0.1:PORT store.metro@demo.bharatretail.in 'Metro#Store2026!'
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from '../supabase/local/db/paths.ts';
import { CHROMIUM_ARGS, findChromium } from './support/chromium.ts';

const [base, email, password, who = 'store'] = process.argv.slice(2);
if (base === undefined || email === undefined || password === undefined) {
  console.error('usage: npx tsx e2e/screenshots.ts <base url> <email> <password> [who]');
  process.exit(2);
}
const OUT = join(REPO_ROOT, 'docs', 'screenshots');
const SIZES = [
  { name: 'phone', width: 360, height: 740, isMobile: true },
  { name: 'tablet', width: 768, height: 1024, isMobile: true },
] as const;

/** Waits for a lazy screen's code and, where it shows freshness, for its first sync. */
async function settle(page: Page): Promise<void> {
  // The screen's code and its server reads first (a lazy chunk, an online store read).
  await page.waitForLoadState('networkidle');
  await page.getByText(/^Opening \w+…$/).waitFor({ state: 'hidden', timeout: 60_000 });
  await page.getByText(/^Reading \w+ on this device…$/).waitFor({ state: 'hidden', timeout: 60_000 });
  await page
    .getByText(/Loading this store’s \w+ from the server/)
    .waitFor({ state: 'hidden', timeout: 60_000 });
  const freshness = page.getByTestId('freshness');
  if ((await freshness.count()) > 0)
    await freshness
      .first()
      .filter({ hasText: /Updated (just now|\d+ min ago)|Live from the server/ })
      .waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle');
}

async function shot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: join(OUT, file) });
  console.log(`saved docs/screenshots/${file}`);
}

const executablePath = findChromium();
if (executablePath === undefined) throw new Error('no Chromium: install Debian chromium');
const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
try {
  for (const size of SIZES) {
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
      isMobile: size.isMobile,
      hasTouch: true,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Email').waitFor();
    await shot(page, `sign-in-${size.name}.png`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Sections' });
    // Sales opens first; its revenue figure is there once the slice is on the device.
    // (Supply-chain users get a note pointing to Inventory instead.)
    await page
      .locator('dl[aria-label="Key figures"] .sales-kpi-value')
      .first()
      .or(page.getByText(/^Sales dashboards are for/))
      .waitFor({ timeout: 120_000 });
    await settle(page);
    await shot(page, `sales-${size.name}-${who}.png`);
    for (const [link, file] of [
      ['Inventory', 'inventory'],
      ['Forecasts', 'forecasts'],
    ] as const) {
      await nav.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: link }).first().waitFor();
      await settle(page);
      await shot(page, `${file}-${size.name}-${who}.png`);
    }
    await nav.getByRole('link', { name: 'Alerts' }).click();
    // Chain roles hold no store alerts. Otherwise the catalog may still be arriving in
    // batches: wait until every shown alert names its SKU.
    const firstAlert = page.getByRole('list', { name: 'Alerts' }).getByRole('article').first();
    const none = page.getByText(/^No alerts for your scope|not kept on this device for your role/);
    await firstAlert.or(none).waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('.alert-facts dd')].some((dd) =>
          /^[A-Z]+-\d+ at /.test(dd.textContent ?? ''),
        ),
      null,
      { timeout: 120_000, polling: 250 },
    );
    if (!(await none.isVisible()))
      await page
        .getByTestId('freshness')
        .filter({ hasText: /Updated (just now|\d+ min ago)/ })
        .waitFor();
    await shot(page, `alerts-${size.name}-${who}.png`);
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Storage on this device' }).waitFor();
    await page.getByText(/ of /).first().waitFor();
    await shot(page, `settings-${size.name}.png`);
    await context.close();
  }
} finally {
  await browser.close();
}
