import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openJournal } from '../../electron/journal/store.ts';
import { exampleBundle } from '../journal/helpers.ts';
import { AppShell } from './pages/AppShell.ts';
import { JournalHealthBanner } from './pages/JournalHealthBanner.ts';
import { JournalPage } from './pages/JournalPage.ts';
import { ROOT, serveApp, type ServedApp } from './serve.ts';

/**
 * Browser mode over a damaged journal (issue 17, item 2): the example day committed, then line 7 of
 * sync_log.jsonl damaged ("pnl" a string). The app opens, every screen shows the banner with the file and
 * line, Repair… asks first, moves the line to backups/, and the Journal screen shows the other trades.
 * A 1280×720 screenshot of the banner goes to test-results/screens/ (docs/screenshots/ with
 * UPDATE_README_SCREENSHOT=1).
 */

const DAMAGED_LINE = 7;
const SCREENSHOT = join(ROOT, 'docs', 'screenshots', 'damaged-journal.png');

test.use({ colorScheme: 'dark', viewport: { width: 1280, height: 720 } });

let served: ServedApp;
let dataDir: string;
let trades: number;

test.beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) throw new Error('The renderer is not built: run `npm run build:renderer` (npm run e2e does it).');
  dataDir = await mkdtemp(join(tmpdir(), 'qthink-e2e-damaged-'));
  const store = await openJournal(dataDir);
  await store.stage(exampleBundle());
  trades = (await store.commit()).total;
  await store.close();
  const path = join(dataDir, 'sync_log.jsonl');
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines[DAMAGED_LINE - 1] = JSON.stringify({ ...(JSON.parse(lines[DAMAGED_LINE - 1] ?? '') as object), pnl: 'xx' });
  await writeFile(path, lines.join('\n'));
  served = await serveApp({ dataDir });
});

test.afterAll(async () => {
  await served?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a damaged journal: the banner names file and line on every screen, Repair moves the line to backups/ and the journal shows', async ({ page }) => {
  const shell = new AppShell(page);
  const health = new JournalHealthBanner(page);
  await shell.open(served.url);

  await expect(health.title).toHaveText(`sync_log.jsonl line ${DAMAGED_LINE} cannot be read`);
  await expect(health.message).toContainText(`sync_log.jsonl:${DAMAGED_LINE}: pnl:`);
  await expect(page.getByTestId('first-run-banner')).toBeHidden();
  for (const screen of ['review', 'regret', 'heatmap', 'agents', 'journal'] as const) {
    await shell.go(screen);
    await expect(health.banner).toBeVisible();
  }
  // The screen behind it says the same io error, not "Something went wrong… restart".
  await expect(page.getByTestId('error-state').first()).toContainText(`sync_log.jsonl:${DAMAGED_LINE}`);
  await expect(page.getByText('Something went wrong')).toHaveCount(0);

  await shell.go('import');
  await shell.clearToasts();
  await shell.screenshot('damaged-journal', { fullPage: false });
  if (process.env['UPDATE_README_SCREENSHOT'] === '1') {
    await mkdir(join(ROOT, 'docs', 'screenshots'), { recursive: true });
    await copyFile(join(ROOT, 'test-results', 'screens', 'damaged-journal.png'), SCREENSHOT);
    expect((await stat(SCREENSHOT)).size).toBeLessThan(300 * 1024);
  }

  await shell.go('journal');
  await health.askToRepair();
  await shell.screenshot('damaged-journal-confirm', { fullPage: false });
  await health.confirmRepair();
  await expect(page.getByTestId('repair-kept')).toHaveText(String(trades - 1));
  await expect(page.getByTestId('repair-moved')).toContainText(`line ${DAMAGED_LINE}`);
  await expect(page.getByTestId('repair-moved-to')).toHaveText(/^backups\/sync_log\.damaged-lines\..*\.jsonl$/);
  await shell.screenshot('damaged-journal-repaired', { fullPage: false });
  await health.close();
  await expect(health.banner).toBeHidden();

  const journal = new JournalPage(page);
  await journal.ready();
  await expect(journal.tradeCount).toContainText(String(trades - 1));
  // On disk: the damaged line in backups/ with its number, the log without it.
  const backups = await readdir(join(dataDir, 'backups'));
  const movedFile = backups.find((name) => name.startsWith('sync_log.damaged-lines.'));
  expect(movedFile).toBeDefined();
  const moved = JSON.parse(await readFile(join(dataDir, 'backups', movedFile ?? ''), 'utf8')) as { line: number; text: string };
  expect(moved).toMatchObject({ line: DAMAGED_LINE, text: expect.stringContaining('"pnl":"xx"') });
  expect((await readFile(join(dataDir, 'sync_log.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(trades - 1);
});
