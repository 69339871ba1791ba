import { expect, type Locator, type Page } from '@playwright/test';

/** Import: queue files through the (hidden) file input, import them, read the result and the row errors. */
export class ImportPage {
  readonly screen: Locator;
  readonly fileInput: Locator;
  readonly queuedFiles: Locator;
  readonly importButton: Locator;
  readonly result: Locator;
  readonly rejectedCount: Locator;
  readonly rowErrors: Locator;
  readonly rowErrorRows: Locator;
  readonly fileReports: Locator;
  readonly mergeSummary: Locator;
  readonly reviewStaged: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('import-screen');
    this.fileInput = page.getByTestId('file-input');
    this.queuedFiles = page.getByTestId('queued-file');
    this.importButton = page.getByTestId('import-button');
    this.result = page.getByTestId('import-result');
    this.rejectedCount = page.getByTestId('rejected-count');
    this.rowErrors = page.getByTestId('row-errors');
    this.rowErrorRows = page.getByTestId('row-error');
    this.fileReports = page.getByTestId('file-report');
    this.mergeSummary = page.getByTestId('merge-summary');
    this.reviewStaged = page.getByTestId('review-staged');
  }

  /** Queues the files as a trader picking them in the browser's file dialog would. */
  async queue(paths: readonly string[]): Promise<void> {
    await this.fileInput.setInputFiles([...paths]);
    await expect(this.queuedFiles).toHaveCount(paths.length);
  }

  async importQueued(fileCount: number): Promise<void> {
    await expect(this.importButton).toHaveText(`Import ${fileCount} ${fileCount === 1 ? 'file' : 'files'}`);
    await this.importButton.click();
    await expect(this.result).toBeVisible();
    await expect(this.queuedFiles).toHaveCount(0);
  }

  /** The row errors as the table shows them: "file:line:", field, reason. */
  async rowErrorTexts(): Promise<{ where: string; field: string; reason: string }[]> {
    return this.rowErrorRows.evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '');
        return { where: cells[0] ?? '', field: cells[1] ?? '', reason: cells[2] ?? '' };
      }),
    );
  }

  /** Per file: name → records read and rows rejected, from the result's file table. */
  async fileReportRows(): Promise<Record<string, { kind: string; records: number; rejected: number }>> {
    const rows = await this.fileReports.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
    return Object.fromEntries(
      rows.map(([name = '', kind = '', , records = '', rejected = '']) => [name, { kind, records: Number(records.replace(/,/g, '')), rejected: Number(rejected.replace(/,/g, '')) }]),
    );
  }
}
