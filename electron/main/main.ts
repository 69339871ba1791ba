import { app, BrowserWindow, dialog, protocol, session } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN, APP_SCHEME } from '../../shared/ipc/electronChannels.ts';
import { createBackend } from '../services/backend.ts';
import { defaultDataDir } from '../journal/dataDir.ts';
import { createLogger } from '../logger.ts';
import { hardenSession, hardenWebContents } from './hardening.ts';
import { registerIpc } from './ipc.ts';
import { createNativeDialogs } from './dialogs.ts';
import { registerAppProtocol } from './appProtocol.ts';
import { createElectronSettings } from './settingsStore.ts';
import { restoreBounds, trackBounds } from './windowState.ts';

/**
 * The Electron shell: one locked-down window on the app:// scheme, the contract's IPC handlers, native
 * dialogs and electron-store. Everything the app does lives in electron/services, shared with browser mode.
 */
const logger = createLogger('main');
const PRODUCT_NAME = 'QThink Journal';

app.setName(PRODUCT_NAME);
const userDataArg = switchValue('--user-data');
app.setPath('userData', userDataArg ?? join(app.getPath('appData'), PRODUCT_NAME));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // The app is one page: no navigation or redirect away, no pop-ups, no <webview>; links out only to the allow-list.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
  app.whenReady().then(start, (error: unknown) => {
    logger.error('start-up failed', error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, logger);
  // dist-electron/main.cjs sits one folder below the app's root, in a checkout and inside the packaged asar.
  const appRoot = join(__dirname, '..');
  registerAppProtocol(join(appRoot, 'dist', 'renderer'));

  const settingsStore = createElectronSettings();
  const saved = await settingsStore.load();
  const dataDir = switchValue('--data-dir') ?? saved.data_dir ?? defaultDataDir(); // the same journal the CLI and browser mode open by default
  const dialogs = createNativeDialogs(() => mainWindow);
  const backend = await createBackend({
    appRoot,
    dataDir,
    mode: 'electron',
    version: app.getVersion(),
    settings: settingsStore,
    dialogs,
    logger,
  });
  registerIpc(backend.dispatcher, createLogger('ipc'));

  mainWindow = new BrowserWindow({
    ...restoreBounds(),
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#0d1117',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  trackBounds(mainWindow);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  mainWindow.once('ready-to-show', () => {
    mainWindow?.show();
    if (!process.argv.includes('--no-first-run-prompt')) void offerExampleDay(backend.dispatcher);
  });
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

/** First run: nothing committed or staged yet, so offer the bundled example day to look around with. */
async function offerExampleDay(dispatcher: Awaited<ReturnType<typeof createBackend>>['dispatcher']): Promise<void> {
  const info = await dispatcher('app.info', {});
  if (!info.ok || !(info.value as { first_run: boolean }).first_run || !mainWindow) return;
  const { response } = await dialog.showMessageBox(mainWindow, {
    type: 'question',
    buttons: ['Load the example day', 'Start with my own trades'],
    defaultId: 0,
    cancelId: 1,
    title: 'Welcome to QThink Journal',
    message: 'Load the example day to see how review works?',
    detail: 'It stages about 15 synthetic SPY 0DTE trades for review. Nothing is committed until you press Commit.',
  });
  if (response !== 0) return;
  const loaded = await dispatcher('example.load', {});
  if (!loaded.ok) {
    await dialog.showMessageBox(mainWindow, { type: 'warning', message: 'The example day could not be loaded.', detail: loaded.error.message });
    return;
  }
  // The renderer reads the staged batch on load; a reload shows the example without any extra channel.
  mainWindow.webContents.reload();
}

function switchValue(name: string): string | undefined {
  const prefix = `${name}=`;
  const found = process.argv.find((arg) => arg.startsWith(prefix));
  return found ? found.slice(prefix.length) : undefined;
}
