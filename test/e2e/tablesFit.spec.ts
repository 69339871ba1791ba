import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, serveApp, type ServedApp } from './serve.ts';

/**
 * Tables that fit: on the real six-year tastytrade export (spreads, many underlyings, multi-day holds, four- and
 * five-figure P&Ls), at 1280×720 and 1440×900, no cell of the Review and Journal tables has its text cut
 * (each cell's text width is measured against its box: scrollWidth ≤ clientWidth).
 */

const REAL_EXPORT = join(ROOT, 'test', 'fixtures', 'real', 'brokers', 'tastytrade', 'history-2018-2024.csv');

function qthink(...args: string[]): void {
  execFileSync(process.execPath, [join(ROOT, 'bin', 'qthink.mjs'), ...args], { cwd: ROOT, stdio: 'ignore' });
}

/** The text of every cell (`cellSelector` inside `rowSelector` rows) whose content is wider than its box. */
async function cutCells(page: Page, rowSelector: string, cellSelector: string): Promise<string[]> {
  return page.evaluate(
    ([rows, cells]) => {
      const cut: string[] = [];
      for (const row of document.querySelectorAll(rows)) {
        for (const cell of row.querySelectorAll<HTMLElement>(cells)) {
          if (cell.scrollWidth > cell.clientWidth + 1) cut.push(`${cell.textContent ?? ''} (${cell.scrollWidth} > ${cell.clientWidth})`);
        }
      }
      return cut;
    },
    [rowSelector, cellSelector] as const,
  );
}

let staged: ServedApp;
let committed: ServedApp;

test.beforeAll(async () => {
  const file = REAL_EXPORT;
  const stagedDir = mkdtempSync(join(tmpdir(), 'qthink-fit-staged-'));
  const committedDir = mkdtempSync(join(tmpdir(), 'qthink-fit-committed-'));
  qthink('import', '--trades', file, '--data-dir', stagedDir);
  qthink('process', '--trades', file, '--data-dir', committedDir);
  staged = await serveApp({ dataDir: stagedDir });
  committed = await serveApp({ dataDir: committedDir });
});

test.afterAll(async () => {
  await staged?.stop();
  await committed?.stop();
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`at ${viewport.width}×${viewport.height} no Review or Journal cell is cut`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto(staged.url);
    await page.getByRole('button', { name: /^Review/ }).or(page.getByRole('link', { name: /Review/ })).first().click();
    await expect(page.getByTestId('review-row').first()).toBeVisible();
    expect(await cutCells(page, '[data-testid="review-row"]', '[role="gridcell"]')).toEqual([]);
    // The label column stays in view without scrolling sideways.
    const label = page.getByTestId('row-label').first();
    const table = page.getByTestId('review-table');
    const [labelBox, tableBox] = [await label.boundingBox(), await table.boundingBox()];
    expect(labelBox && tableBox && labelBox.x + labelBox.width <= tableBox.x + tableBox.width).toBe(true);

    await page.goto(committed.url);
    await page.getByRole('button', { name: /^Journal/ }).or(page.getByRole('link', { name: /Journal/ })).first().click();
    await expect(page.getByTestId('journal-trade-row').first()).toBeVisible();
    expect(await cutCells(page, '[data-testid="journal-trade-row"]', '[role="cell"]')).toEqual([]);
    expect(await cutCells(page, '[data-testid="performance-table"] tr', 'td, th')).toEqual([]);
  });
}
