import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { ROOT } from './serve.ts';

const hasElectronBinary = existsSync(join(ROOT, 'node_modules', 'electron', 'path.txt'));
const isBuilt = existsSync(join(ROOT, 'dist-electron', 'main.cjs')) && existsSync(join(ROOT, 'dist', 'renderer', 'index.html'));

const NO_BINARY = 'Electron binary not installed: run `node node_modules/electron/install.js` (downloads it once), then `npm run e2e`.';
// Said on the console too, so a CI log shows why these tests did not run.
if (!hasElectronBinary) console.warn(`[electron e2e skipped] ${NO_BINARY}`);
test.skip(!hasElectronBinary, NO_BINARY);

let app: ElectronApplication;
let dataDir: string;
let userData: string;

test.beforeAll(async () => {
  // Where the binary exists, a missing build fails the run rather than skipping it.
  if (!isBuilt) throw new Error('The app is not built: run `npm run build` (npm run e2e does it).');
  dataDir = await mkdtemp(join(tmpdir(), 'qthink-electron-data-'));
  userData = await mkdtemp(join(tmpdir(), 'qthink-electron-user-'));
  app = await electron.launch({
    args: [join(ROOT, 'dist-electron', 'main.cjs'), '--no-sandbox', `--data-dir=${dataDir}`, `--user-data=${userData}`, '--no-first-run-prompt'],
    cwd: ROOT,
  });
});

test.afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(userData, { recursive: true, force: true });
});

test('starts one window on the app:// page', async () => {
  const page = await app.firstWindow();
  await expect(page).toHaveTitle(/QThink Journal/);
  expect(page.url()).toMatch(/^app:\/\/qthink\//);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('the window runs with the secure web preferences (read back from the main process)', async () => {
  const preferences = await app.evaluate(({ BrowserWindow }) => {
    // getLastWebPreferences is Electron's own read-back of what the renderer runs with; it is missing
    // from electron.d.ts, hence the cast.
    type PreferencesReader = { getLastWebPreferences(): Record<string, unknown> | null };
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as PreferencesReader | undefined;
    const preferences = contents?.getLastWebPreferences();
    return {
      contextIsolation: preferences?.contextIsolation,
      sandbox: preferences?.sandbox,
      nodeIntegration: preferences?.nodeIntegration,
      webSecurity: preferences?.webSecurity,
    };
  });
  expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  const page = await app.firstWindow();
  expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual([
    'undefined',
    'undefined',
  ]);
  expect(await page.evaluate(() => Object.keys(window.qthink ?? {}))).toEqual(['invoke']);
});

test('one IPC round trip through the preload, and an unknown channel refused', async () => {
  const page = await app.firstWindow();
  const info = await page.evaluate(() => window.qthink?.invoke('app.info', {}));
  expect(info).toMatchObject({ ok: true, value: { mode: 'electron', data_dir: dataDir, native_dialogs: true } });
  const unknown = await page.evaluate(() => window.qthink?.invoke('fs.readFile' as never, {} as never));
  expect(unknown).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  const invalid = await page.evaluate(() => window.qthink?.invoke('staging.override', { id: 'T1', final_label: 'brilliant' as never }));
  expect(invalid).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
});

test('navigation away and new windows are denied', async () => {
  const page = await app.firstWindow();
  await page.evaluate(() => {
    window.open('http://example.invalid/');
    window.location.href = 'http://example.invalid/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/qthink\//);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
