import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import {
  FINAL_LABELS,
  REGRET_DIMENSIONS,
  SETUP_ARCHETYPES,
  journalEntrySchema,
  type FinalLabel,
  type JournalEntry,
  type SetupArchetype,
} from '../../shared/domain/journal.ts';
import { importJournalCsv, importJournalJson } from '../../shared/importers/journalExport.ts';
import { CSV_ENTRY_COLUMNS, JSON_EXPORT_FORMAT } from '../../shared/journal/export.ts';
import { humanize } from '../../renderer/format.ts';
import { AgentsPage } from './pages/AgentsPage.ts';
import { AppShell } from './pages/AppShell.ts';
import { HeatmapPage } from './pages/HeatmapPage.ts';
import { ImportPage } from './pages/ImportPage.ts';
import { JournalPage } from './pages/JournalPage.ts';
import { RegretPage } from './pages/RegretPage.ts';
import { ReviewPage } from './pages/ReviewPage.ts';
import { ROOT, serveApp, type ServedApp } from './serve.ts';

/**
 * The trader's evening in browser mode, end to end: import the example day plus a file with bad rows, review
 * with the keyboard (one archetype and one label overridden), commit, check sync_log.jsonl on disk, look at
 * every analysis screen, export and import the export back. One screenshot per screen goes to
 * test-results/screens/; with UPDATE_README_SCREENSHOT=1 the review one also goes to docs/screenshots/.
 */

const EXAMPLE = join(ROOT, 'examples', 'example-day');
const EXAMPLE_FILES = ['trades.jsonl', 'bars.csv', 'context.json', 'signals.jsonl'].map((name) => join(EXAMPLE, name));
/** Synthetic, written by this project: 3 good trades and 4 bad rows (see test/fixtures/e2e/README.md). */
const BAD_TRADES = join(ROOT, 'test', 'fixtures', 'e2e', 'bad-trades.jsonl');
const EXAMPLE_TRADES = 15;
const GOOD_BAD_FILE_TRADES = 3;
const STAGED = EXAMPLE_TRADES + GOOD_BAD_FILE_TRADES;
/** The trade the trader overrides: the breakout that holds, mid-morning on the example day. */
const OVERRIDDEN_ID = 'SPY-20250611-03';
const README_SCREENSHOT = join(ROOT, 'docs', 'screenshots', 'review.png');

test.use({ colorScheme: 'dark', acceptDownloads: true });
test.describe.configure({ mode: 'serial' });

let served: ServedApp;

test.beforeAll(async () => {
  // A missing build fails the run rather than skipping it: a skipped flow test proves nothing.
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) throw new Error('The renderer is not built: run `npm run build:renderer` (npm run e2e does it).');
  served = await serveApp();
});

test.afterAll(async () => {
  await served?.stop();
});

/** The value whose humanized form the screen shows (the row cells carry it in their title). */
function fromHumanized<T extends string>(values: readonly T[], shown: string): T {
  const value = values.find((candidate) => humanize(candidate) === shown);
  if (!value) throw new Error(`"${shown}" is none of ${values.join(', ')}`);
  return value;
}

/** A different value than `current`, as its 1-based digit on the keyboard. */
function otherDigit<T extends string>(values: readonly T[], current: T): { digit: number; value: T } {
  const index = (values.indexOf(current) + 1) % values.length;
  return { digit: index + 1, value: values[index] as T };
}

async function readSyncLog(dataDir: string): Promise<JournalEntry[]> {
  const text = await readFile(join(dataDir, 'sync_log.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => journalEntrySchema.parse(JSON.parse(line)));
}

test('browser mode: import with bad rows, keyboard review, commit, analysis screens, export and re-import', async ({ page }) => {
  const shell = new AppShell(page);
  const importPage = new ImportPage(page);
  const review = new ReviewPage(page);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`);
  });

  let original: { archetype: SetupArchetype; label: FinalLabel } = { archetype: 'unclassified', label: 'good_trade' };
  let chosen: { archetype: SetupArchetype; label: FinalLabel } = original;
  let log: JournalEntry[] = [];

  await test.step('open the URL serve printed', async () => {
    await shell.open(served.url);
    await expect(page.getByTestId('data-dir')).toHaveText(served.dataDir);
    await expect(page.getByTestId('first-run-banner')).toBeVisible();
  });

  await test.step('import the example day and a file with bad rows', async () => {
    await page.getByTestId('banner-dismiss').click();
    await importPage.queue([...EXAMPLE_FILES, BAD_TRADES]);
    await importPage.importQueued(EXAMPLE_FILES.length + 1);

    await expect(importPage.rejectedCount).toHaveText('4');
    await expect(importPage.rowErrors).toContainText('4 rejected rows');
    const errors = await importPage.rowErrorTexts();
    expect(errors.map((error) => error.where)).toEqual(['bad-trades.jsonl:3:', 'bad-trades.jsonl:4:', 'bad-trades.jsonl:5:', 'bad-trades.jsonl:6:']);
    expect(errors[0]?.reason).toMatch(/JSON/);
    expect(errors.slice(1).map((error) => error.field)).toEqual(['strike:', 'right:', 'qty:']);

    const files = await importPage.fileReportRows();
    expect(files['bad-trades.jsonl']).toMatchObject({ kind: 'trades', records: GOOD_BAD_FILE_TRADES, rejected: 4 });
    expect(files['trades.jsonl']).toMatchObject({ kind: 'trades', records: EXAMPLE_TRADES, rejected: 0 });
    await expect(importPage.mergeSummary).toContainText(`${STAGED} new`);
    await expect(importPage.reviewStaged).toHaveText(`Review ${STAGED} staged trades →`);
    await expect(shell.reviewBadge).toHaveText(String(STAGED));
    await shell.screenshot('import');
  });

  await test.step('review: override one archetype and one label by keyboard', async () => {
    await importPage.reviewStaged.click();
    await expect(review.screen).toBeVisible();
    await expect(review.rows.first()).toBeVisible();
    for (const id of ['E2E-20250611-A', 'E2E-20250611-B', 'E2E-20250611-C']) await expect(review.row(id)).toHaveCount(1);
    await expect(review.row('E2E-20250611-NEG-QTY')).toHaveCount(0);

    await review.select(OVERRIDDEN_ID);
    await shell.releaseFocus();
    const before = await review.rowState(OVERRIDDEN_ID);
    expect(before.source).toBe('engine');
    original = { archetype: fromHumanized(SETUP_ARCHETYPES, before.archetype), label: fromHumanized(FINAL_LABELS, before.label) };
    const archetype = otherDigit(SETUP_ARCHETYPES, original.archetype);
    const label = otherDigit(FINAL_LABELS, original.label);
    chosen = { archetype: archetype.value, label: label.value };

    await review.setArchetypeByKey(archetype.digit);
    await expect(review.row(OVERRIDDEN_ID).getByTestId('row-source')).toHaveText('manual');
    await review.setLabelByKey(label.digit);
    await expect(review.archetypeSelect).toHaveValue(chosen.archetype);
    await expect(review.labelSelect).toHaveValue(chosen.label);
    await expect(page.getByTestId('archetype-overridden')).toBeVisible();
    await expect(page.getByTestId('label-overridden')).toBeVisible();
    expect(await review.rowState(OVERRIDDEN_ID)).toEqual({ archetype: humanize(chosen.archetype), label: humanize(chosen.label), source: 'manual' });
    await expect(review.overriddenCount).toHaveText('1');
    // The override came back from the main process (the row no longer shows "…" while saving).
    await expect(page.getByTestId('archetype-proposal')).toContainText(humanize(original.archetype));

    // The candlestick chart draws on a canvas (lightweight-charts).
    await expect(page.getByTestId('candle-chart').locator('canvas').first()).toBeVisible();
    await shell.clearToasts();
    await shell.screenshot('review', { fullPage: false });
    if (process.env['UPDATE_README_SCREENSHOT'] === '1') {
      await mkdir(join(ROOT, 'docs', 'screenshots'), { recursive: true });
      await copyFile(join(ROOT, 'test-results', 'screens', 'review.png'), README_SCREENSHOT);
      expect((await stat(README_SCREENSHOT)).size).toBeLessThan(300 * 1024);
    }
  });

  await test.step('commit with Ctrl+Enter and Enter', async () => {
    await page.keyboard.press('Control+Enter');
    await expect(review.commitDialog).toBeVisible();
    await expect(page.getByTestId('commit-preview')).toBeVisible();
    await shell.screenshot('review-commit', { fullPage: false });
    await page.keyboard.press('Escape');
    await expect(review.commitDialog).toBeHidden();
    await shell.releaseFocus();
    await review.commitByKeyboard(STAGED);
    await expect(shell.toasts.filter({ hasText: `Committed ${STAGED} trades` })).toBeVisible();
    await expect(shell.reviewBadge).toHaveCount(0);
  });

  await test.step('sync_log.jsonl holds the override as manual, every other line as engine', async () => {
    log = await readSyncLog(served.dataDir);
    expect(log).toHaveLength(STAGED);
    expect(new Set(log.map((entry) => entry.id)).size).toBe(STAGED);
    const overridden = log.find((entry) => entry.id === OVERRIDDEN_ID);
    expect(overridden).toMatchObject({
      label_source: 'manual',
      setup_archetype: chosen.archetype,
      final_label: chosen.label,
      engine_proposal: { setup_archetype: original.archetype, final_label: original.label },
    });
    const others = log.filter((entry) => entry.id !== OVERRIDDEN_ID);
    expect(others.every((entry) => entry.label_source === 'engine' && entry.engine_proposal === undefined)).toBe(true);
  });

  await test.step('regret screen renders its charts', async () => {
    const regret = new RegretPage(page);
    await shell.go('regret');
    await regret.expectCharts();
    await expect(regret.kpis).toContainText(String(STAGED));
    await shell.clearToasts();
    await shell.screenshot('regret');
  });

  await test.step('heatmap cells hold the committed counts', async () => {
    const heatmap = new HeatmapPage(page);
    await shell.go('heatmap');
    await heatmap.ready();
    const cells = await heatmap.blockCells();
    for (const dimension of REGRET_DIMENSIONS) {
      const scored = log.filter((entry) => entry[dimension] !== null);
      const blocks = new Set(scored.map((entry) => entry.time_block));
      for (const block of blocks) {
        const inCell = scored.filter((entry) => entry.time_block === block);
        const mean = inCell.reduce((sum, entry) => sum + (entry[dimension] ?? 0), 0) / inCell.length;
        expect(cells[`${block}-${dimension}`], `${block} × ${dimension}`).toEqual({ n: inCell.length, mean: mean.toFixed(2) });
      }
    }
    const total = Object.values(cells).reduce((sum, cell) => sum + cell.n, 0);
    expect(total).toBe(log.reduce((sum, entry) => sum + REGRET_DIMENSIONS.filter((dimension) => entry[dimension] !== null).length, 0));
    await shell.clearToasts();
    await shell.screenshot('heatmap');
  });

  await test.step('agents moved off their starting weight', async () => {
    const agents = new AgentsPage(page);
    await shell.go('agents');
    await agents.ready();
    const names = [...new Set(log.flatMap((entry) => entry.agents.map((agent) => agent.name)))].sort();
    expect((await agents.agents()).sort()).toEqual(names);
    for (const name of names) {
      const row = await agents.rowText(name);
      expect(row.weight, `${name} weight`).not.toBe(1);
      expect(row.trades, `${name} trades`).toBe(log.filter((entry) => entry.agents.some((agent) => agent.name === name)).length);
    }
    await shell.clearToasts();
    await shell.screenshot('agents');
  });

  await test.step('journal lists the committed trades', async () => {
    const journal = new JournalPage(page);
    await shell.go('journal');
    await journal.ready();
    await expect(journal.tradeCount).toContainText(`${STAGED} of ${STAGED}`);
    await expect(journal.tradeRows).toHaveCount(STAGED);
    await expect(journal.tradeRow(OVERRIDDEN_ID)).toContainText(humanize(chosen.label));
    await expect(journal.tradeRow(OVERRIDDEN_ID).getByLabel('overridden')).toHaveCount(2);
    await shell.clearToasts();
    await shell.screenshot('journal');
  });

  await test.step('export CSV and JSON: the content is the journal, and both read back as the same trades', async () => {
    const journal = new JournalPage(page);
    const byId = new Map(log.map((entry) => [entry.id, entry]));

    const csv = await journal.export('csv');
    expect(csv.filename).toMatch(/\.csv$/);
    const parsed = Papa.parse<Record<string, string>>(csv.content.trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields?.slice(0, CSV_ENTRY_COLUMNS.length)).toEqual([...CSV_ENTRY_COLUMNS]);
    expect(parsed.meta.fields).toEqual(expect.arrayContaining(['trade.id', 'trade.entry_time', 'trade.strike', 'trade.agents']));
    expect(parsed.data).toHaveLength(STAGED);
    const csvRow = parsed.data.find((row) => row['id'] === OVERRIDDEN_ID);
    expect(csvRow).toMatchObject({ setup_archetype: chosen.archetype, final_label: chosen.label, label_source: 'manual' });
    expect(Number(csvRow?.['pnl'])).toBe(byId.get(OVERRIDDEN_ID)?.pnl);
    const csvBack = importJournalCsv(csv.content, csv.filename);
    expect(csvBack.errors).toEqual([]);
    for (const trade of csvBack.records) expect(trade).toEqual(byId.get(trade.id)?.trade);

    const json = await journal.export('json');
    expect(json.filename).toMatch(/\.json$/);
    const document = JSON.parse(json.content) as { format: string; entries: JournalEntry[] };
    expect(document.format).toBe(JSON_EXPORT_FORMAT);
    expect(document.entries).toHaveLength(STAGED);
    for (const entry of document.entries) expect(entry).toEqual(byId.get(entry.id));
    const jsonBack = importJournalJson(document, json.filename);
    expect(jsonBack.errors).toEqual([]);
    expect(jsonBack.records.map((trade) => trade.id).sort()).toEqual([...byId.keys()].sort());

    // And through the app: every trade in the export is recognised as already in the journal, nothing else.
    await shell.go('import');
    await importPage.fileInput.setInputFiles({ name: json.filename, mimeType: 'application/json', buffer: Buffer.from(json.content) });
    await importPage.importQueued(1);
    await expect(importPage.rejectedCount).toHaveText('0');
    await expect(importPage.mergeSummary).toHaveText(`merged: 0 new, 0 updated, ${STAGED} already committed`);
    expect(await readSyncLog(served.dataDir)).toEqual(log);
  });

  expect(pageErrors).toEqual([]);
});
