import { expect, type Locator, type Page } from '@playwright/test';

/** Regret: KPIs, the regret-over-time chart, the costliest ranking and the per-archetype table. */
export class RegretPage {
  readonly screen: Locator;
  readonly kpis: Locator;
  readonly overTimeChart: Locator;
  readonly ranking: Locator;
  readonly archetypeTable: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('regret-screen');
    this.kpis = page.getByTestId('regret-kpis');
    this.overTimeChart = page.getByTestId('regret-over-time-chart');
    this.ranking = page.getByTestId('regret-costliest');
    this.archetypeTable = page.getByTestId('regret-archetype-table');
  }

  /** Waits for the charts to have drawn (recharts renders an <svg> once it knows its size). */
  async expectCharts(): Promise<void> {
    await expect(this.overTimeChart.locator('svg.recharts-surface')).toBeVisible();
    await expect(this.ranking.locator('li').first()).toBeVisible();
    await expect(this.archetypeTable).toBeVisible();
  }
}
