import type { Locator, Page } from '@playwright/test';

/** Page model of the Alerts screen: filters, the list, one alert card, the nav badge. */
export class AlertsPage {
  readonly list: Locator;
  readonly cards: Locator;
  readonly freshness: Locator;
  readonly badge: Locator;
  readonly type: Locator;
  readonly severity: Locator;
  readonly status: Locator;
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.list = page.getByRole('list', { name: 'Alerts' });
    this.cards = this.list.getByRole('article');
    this.freshness = page.getByTestId('freshness');
    this.badge = page.getByRole('navigation', { name: 'Sections' }).getByTestId('alerts-badge');
    this.type = page.getByLabel('Type');
    this.severity = page.getByLabel('Severity');
    this.status = page.getByLabel('Status', { exact: true });
  }

  card(title: string): Locator {
    return this.list.getByRole('article', { name: title });
  }

  statusOf(title: string): Locator {
    return this.card(title).getByTestId('alert-status');
  }

  /** The badge's count of NEW alerts (0 when the badge is hidden). */
  async unread(): Promise<number> {
    if ((await this.badge.count()) === 0) return 0;
    return Number(await this.badge.locator('[aria-hidden="true"]').textContent());
  }

  async titles(): Promise<string[]> {
    return this.list.getByRole('heading', { level: 3 }).allTextContents();
  }

  async act(title: string, action: 'Acknowledge' | 'Resolve', note = ''): Promise<void> {
    const card = this.card(title);
    if (note !== '') await card.getByLabel('Note').fill(note);
    await card.getByRole('button', { name: action }).click();
  }
}
