#!/usr/bin/env node
// `npm start` needs Electron's binary. `npm ci` does not download it (package.json allowScripts keeps
// electron's install script from running, so installs work offline); this fetches it on first start.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  console.error('Electron is not installed: run `npm ci` first.');
  process.exit(1);
}

const pathFile = join(electronDir, 'path.txt');
if (existsSync(pathFile)) process.exit(0);

console.log('Downloading the Electron binary (once, about 100 MB)…');
const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', cwd: electronDir });
if (result.status !== 0 || !existsSync(pathFile)) {
  console.error(
    [
      '',
      'Could not download the Electron binary.',
      '  - Check the network connection (or set ELECTRON_MIRROR to a reachable mirror), then run `npm start` again;',
      '  - or run it by hand: node node_modules/electron/install.js',
      '  - meanwhile the browser mode works without Electron: npm run web',
    ].join('\n'),
  );
  process.exit(1);
}
console.log('Electron is ready.');
