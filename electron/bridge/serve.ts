import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../services/backend.ts';
import { defaultDataDir } from '../journal/dataDir.ts';
import { createLogger } from '../logger.ts';
import { BROWSER_SETTINGS_FILE, createJsonSettingsStore } from '../services/settingsService.ts';
import { startBridge } from './server.ts';

export const SERVE_USAGE = `Usage: qthink serve [--data-dir DIR] [--port N]

Runs QThink Journal in your browser: serves the built app and its API on 127.0.0.1 only, with a random
access token for this run, and prints the URL to open (token included). Stop it with Ctrl+C.

  --data-dir DIR   journal data directory (default: the journal the desktop app and the CLI share, ${defaultDataDir()})
  --port N         port to listen on (default: a free one)
`;

export type ServeArgs = { dataDir: string; port: number; help: boolean };

/** Parses the serve command's arguments; a problem comes back as a message for the trader. */
export function parseServeArgs(args: readonly string[]): ServeArgs | { error: string } {
  const out: ServeArgs = { dataDir: defaultDataDir(), port: 0, help: false };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      index += 1;
      return args[index];
    };
    if (name === '--help' || name === '-h') out.help = true;
    else if (name === '--data-dir') {
      const dir = value();
      if (!dir) return { error: '--data-dir needs a directory' };
      out.dataDir = resolve(dir);
    } else if (name === '--port') {
      const text = value() ?? '';
      const port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535) return { error: `--port needs a number from 0 to 65535, not "${text}"` };
      out.port = port;
    } else return { error: `unknown option "${arg}"` };
  }
  return out;
}

/** `qthink serve`: runs until SIGINT or SIGTERM; the exit code is 0 after a clean stop. */
export async function runServe(args: string[]): Promise<number> {
  const parsed = parseServeArgs(args);
  if ('error' in parsed) {
    process.stderr.write(`qthink serve: ${parsed.error}\n\n${SERVE_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(SERVE_USAGE);
    return 0;
  }
  const appRoot = fileURLToPath(new URL('../../', import.meta.url));
  const staticDir = join(appRoot, 'dist', 'renderer');
  const logger = createLogger('serve');
  const backend = await createBackend({
    appRoot,
    dataDir: parsed.dataDir,
    mode: 'browser',
    settings: createJsonSettingsStore(join(parsed.dataDir, BROWSER_SETTINGS_FILE)),
    logger,
  });
  let bridge;
  try {
    bridge = await startBridge({ dispatcher: backend.dispatcher, logger: createLogger('bridge'), port: parsed.port, staticDir });
  } catch (error) {
    process.stderr.write(`qthink serve: could not listen on 127.0.0.1:${parsed.port}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write('qthink serve: the app is not built yet; run `npm run build:renderer` (or use `npm run web`).\n');
  }
  process.stdout.write(
    [
      'QThink Journal is running in browser mode.',
      `  Data directory: ${parsed.dataDir}`,
      `  Open: ${bridge.url}`,
      'Only this computer can connect, and only with the token in that URL. Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  await backend.close();
  process.stdout.write('QThink Journal stopped.\n');
  return 0;
}
