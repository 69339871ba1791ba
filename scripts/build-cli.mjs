#!/usr/bin/env node
// Bundles the `qthink` command into one ES module (dist/cli/qthink.mjs), so it starts in a fraction of the
// time tsx needs to resolve and compile its ~250 modules. Run by `npm ci` (prepare) and `npm run build`.
// dist/cli/ keeps the sources' two levels to the project root, so paths like '../../examples' still resolve
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  absWorkingDir: root,
  entryPoints: ['electron/cli/main.ts'],
  outdir: 'dist/cli',
  entryNames: 'qthink',
  // One chunk per command: a command's modules (and the packages they import) load only when it runs.
  splitting: true,
  // Chunks sit beside the entry: modules that find the project root from import.meta.url ('../../') stay right.
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Packages load from node_modules as they are; only the project's own TypeScript is bundled.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
