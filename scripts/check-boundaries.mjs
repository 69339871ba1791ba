#!/usr/bin/env node
// Enforces the dependency direction renderer → shared ← electron by tooling, not by memory:
// shared/ imports only itself and pure libraries; the renderer never imports electron/ or Node;
// electron/journal/ never imports electron itself (it must run under plain Node for the CLI).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SHARED_ALLOWED_PACKAGES = new Set(['zod', 'luxon', 'papaparse', 'vitest', 'fast-check']);
const importPattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (/\.(ts|tsx|mts)$/.test(name)) yield full;
  }
}

function packageName(spec) {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0];
}

const problems = [];
function check(file, rule) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(importPattern)) {
    const spec = match[1] ?? match[2] ?? match[3];
    const line = text.slice(0, match.index).split('\n').length;
    const reason = rule(spec, file);
    if (reason) problems.push(`${relative(root, file)}:${line}: import '${spec}': ${reason}`);
  }
}

const inside = (file, spec, folder) => resolve(dirname(file), spec).startsWith(join(root, folder) + sep);

for (const file of walk(join(root, 'shared'))) {
  check(file, (spec) => {
    if (spec.startsWith('.')) return inside(file, spec, 'shared') ? null : 'shared/ may only import shared/';
    if (spec.startsWith('node:')) return 'shared/ is pure: no Node APIs';
    return SHARED_ALLOWED_PACKAGES.has(packageName(spec)) ? null : `shared/ may not import the package '${packageName(spec)}'`;
  });
}
for (const file of walk(join(root, 'renderer'))) {
  check(file, (spec) => {
    if (spec.startsWith('.')) return inside(file, spec, 'electron') ? 'the renderer never imports electron/' : null;
    if (spec.startsWith('node:') || spec === 'electron' || spec === 'fs' || spec === 'path') return 'the renderer never imports Node or Electron';
    return null;
  });
}
for (const file of walk(join(root, 'electron'))) {
  const rel = relative(root, file);
  if (!rel.startsWith(join('electron', 'main')) && !rel.startsWith(join('electron', 'preload'))) {
    check(file, (spec) => (spec === 'electron' || spec.startsWith('electron/') ? 'only electron/main and electron/preload import electron' : null));
  }
  check(file, (spec) => (spec.startsWith('.') && inside(file, spec, 'renderer') ? 'electron/ never imports the renderer' : null));
}

if (problems.length > 0) {
  console.error(`Import boundary violations (${problems.length}):\n` + problems.join('\n'));
  process.exit(1);
}
console.log('import boundaries: ok');
