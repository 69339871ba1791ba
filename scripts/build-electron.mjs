#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild. The main process is one CommonJS file
// with `electron` left external; the preload must be a single CommonJS file because a sandboxed preload
// can only `require` a handful of Electron modules, never its own files.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  external: ['electron'],
  logLevel: 'info',
  absWorkingDir: root,
};

await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist-electron/preload.cjs' });
