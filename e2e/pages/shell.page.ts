import type { Locator, Page } from '@playwright/test';

/** Page model of the app shell: top bar, section navigation, content. */
export class ShellPage {
  readonly nav: Locator;
  readonly title: Locator;
  readonly status: Locator;

  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.nav = page.getByRole('navigation', { name: 'Sections' });
    this.title = page.getByRole('heading', { level: 2 });
    this.status = page.getByRole('status');
  }

  async open(): Promise<void> {
    await this.page.goto(`${process.env['E2E_BASE_URL']}/`);
  }

  async goTo(section: string): Promise<void> {
    await this.nav.getByRole('link', { name: section }).click();
  }
}
