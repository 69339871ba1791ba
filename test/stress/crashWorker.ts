/**
 * One command of the crash harness, run in its own process so that the fault seam's SIGKILL
 * (electron/journal/faultSeam.ts) is a real death: `cli ARGS…` runs the `qthink` command, `app-commit DIR`
 * commits the staged batch through the app's `staging.commit` channel (the services both Electron and
 * browser mode run).
 */
import { main } from '../../electron/cli/main.ts';
import { createLogger, setLogSink } from '../../electron/logger.ts';
import { createBackend } from '../../electron/services/backend.ts';

const [mode, ...rest] = process.argv.slice(2);
setLogSink(() => undefined);
if (mode === 'cli') {
  process.exitCode = await main(rest, { out: () => undefined, err: (text) => process.stderr.write(text), isTTY: false });
} else if (mode === 'app-commit') {
  const [dataDir, appRoot] = rest;
  if (dataDir === undefined || appRoot === undefined) throw new Error('app-commit DATA_DIR APP_ROOT');
  let settings = {};
  const backend = await createBackend({
    appRoot,
    dataDir,
    mode: 'browser',
    settings: { load: async () => settings, save: async (next) => void (settings = next) },
    logger: createLogger('crash-worker'),
  });
  const result = await backend.dispatcher('staging.commit', {});
  await backend.close();
  if (!result.ok) process.stderr.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.ok ? 0 : 3;
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
