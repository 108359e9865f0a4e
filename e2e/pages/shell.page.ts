import type { Locator, Page } from '@playwright/test';

/** Page model of the signed-in shell: top bar, section navigation, content. */
export class ShellPage {
  readonly nav: Locator;
  readonly title: Locator;
  readonly status: Locator;
  readonly signOut: Locator;
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.nav = page.getByRole('navigation', { name: 'Sections' });
    this.title = page.getByRole('heading', { level: 2 });
    this.status = page.getByRole('status').filter({ hasText: /Online|Offline/ });
    this.signOut = page.getByRole('button', { name: 'Sign out' });
  }

  async goTo(section: string): Promise<void> {
    await this.nav.getByRole('link', { name: section }).click();
  }
}
