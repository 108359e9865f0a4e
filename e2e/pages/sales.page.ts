import type { Locator, Page } from '@playwright/test';

/** Page model of the Sales screen's key figures (web/features/sales/KpiTiles.tsx). */
export class SalesPage {
  readonly figures: Locator;
  /** The revenue figure; its title holds the exact amount ("₹1,20,000.00"). */
  readonly revenue: Locator;

  constructor(page: Page) {
    this.figures = page.locator('dl[aria-label="Key figures"]');
    this.revenue = this.figures.locator('.sales-kpi-value').first();
  }
}
