#!/usr/bin/env node
// The `qthink` command: runs the TypeScript CLI through tsx's loader, so it works right after `npm ci`
// without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
