import { expect, type Locator, type Page } from '@playwright/test';
import type { RegretDimension, TimeBlock } from '../../../shared/domain/journal.ts';

export type HeatCell = { readonly mean: string; readonly n: number };

/** Heatmap: the time block × regret dimension grid and the time of day × weekday grid. */
export class HeatmapPage {
  readonly screen: Locator;
  readonly blockGrid: Locator;
  readonly timeGrid: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('heatmap-screen');
    this.blockGrid = page.getByTestId('heatmap-block-grid');
    this.timeGrid = page.getByTestId('heatmap-time-grid');
  }

  async ready(): Promise<void> {
    await expect(this.blockGrid).toBeVisible();
    await expect(this.timeGrid).toBeVisible();
  }

  /** A block × dimension cell: its mean as shown, and its n (0 for an empty cell). */
  async blockCell(block: TimeBlock, dimension: RegretDimension): Promise<HeatCell> {
    const cell = this.page.getByTestId(`heat-block-${block}-${dimension}`);
    const mean = ((await cell.locator('.qa-heat-value').textContent()) ?? '').trim();
    const n = ((await cell.locator('.qa-heat-n').textContent()) ?? '').trim();
    return { mean, n: n === '' ? 0 : Number(n.replace(/^n\s*/, '')) };
  }

  /** Every block × dimension cell the grid shows, keyed `block/dimension`. */
  async blockCells(): Promise<Record<string, HeatCell>> {
    const cells = await this.blockGrid.locator('[data-testid^="heat-block-"]').evaluateAll((tds) =>
      tds.map((td) => ({
        id: td.getAttribute('data-testid') ?? '',
        mean: td.querySelector('.qa-heat-value')?.textContent?.trim() ?? '',
        n: td.querySelector('.qa-heat-n')?.textContent?.trim() ?? '',
      })),
    );
    return Object.fromEntries(cells.map(({ id, mean, n }) => [id.replace(/^heat-block-/, ''), { mean, n: n === '' ? 0 : Number(n.replace(/^n\s*/, '')) }]));
  }
}
