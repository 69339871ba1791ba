#!/usr/bin/env node
// The `qthink` command. It runs the bundle `npm ci` builds (dist/cli/qthink.mjs, scripts/build-cli.mjs) when
// that bundle is at least as new as every source file of the command, and otherwise the TypeScript sources
// through tsx, so an edited source is never shadowed by a stale bundle. QTHINK_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'qthink.mjs');

/** The newest modification time of the command's sources (electron/ and shared/, tests and renderer aside). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['electron', 'shared']) if (existsSync(join(root, dir))) walk(join(root, dir));
  return newest;
}

const fresh = process.env.QTHINK_FROM_SOURCE !== '1' && existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource();
let main;
if (fresh) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../electron/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
