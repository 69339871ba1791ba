import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';

export type ExportFormat = 'csv' | 'json' | 'md' | 'html';
export type DownloadedFile = { readonly filename: string; readonly path: string; readonly content: string };

/** Journal: KPIs, calendar, the committed trades table, the exports. */
export class JournalPage {
  readonly screen: Locator;
  readonly kpis: Locator;
  readonly tradesTable: Locator;
  readonly tradeRows: Locator;
  readonly tradeCount: Locator;
  readonly exportStatus: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('journal-screen');
    this.kpis = page.getByTestId('journal-kpis');
    this.tradesTable = page.getByTestId('journal-trades-table');
    this.tradeRows = page.getByTestId('journal-trade-row');
    this.tradeCount = page.getByTestId('journal-trade-count');
    this.exportStatus = page.getByTestId('export-status');
  }

  async ready(): Promise<void> {
    await expect(this.kpis).toBeVisible();
    await expect(this.tradesTable).toBeVisible();
  }

  tradeRow(id: string): Locator {
    return this.page.locator(`[data-testid="journal-trade-row"][data-trade-id="${id}"]`);
  }

  /** Clicks an export button and returns the file the browser downloaded. */
  async export(format: ExportFormat): Promise<DownloadedFile> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`export-${format}`).click();
    const file = await download;
    const path = await file.path();
    await expect(this.page.getByTestId('export-download')).toHaveText(file.suggestedFilename());
    return { filename: file.suggestedFilename(), path, content: await readFile(path, 'utf8') };
  }
}
