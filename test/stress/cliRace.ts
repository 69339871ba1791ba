/**
 * The writer race through the real command line: N `qthink commit` processes started together on one data
 * directory (stale lock or none). Start-up jitter means they do not always overlap; what must hold every
 * time is that each either committed or was refused naming the holder, and the journal is exactly a single
 * writer's result.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE } from '../../electron/journal/layout.ts';
import { deadPid, type RaceScenario } from './lockRace.ts';
import { sameJournal } from './raceJournal.ts';

const QTHINK = fileURLToPath(new URL('../../bin/qthink.mjs', import.meta.url));

export type CliRaceResult = { readonly trials: number; readonly good: number; readonly refusals: number; readonly problems: readonly string[] };

function runQthink(args: readonly string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [QTHINK, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, err }));
  });
}

export async function runCliRace(options: {
  readonly trials: number;
  readonly scenario: RaceScenario;
  readonly template: string;
  readonly expected: Record<string, string | null>;
  readonly maxWorkers?: number;
}): Promise<CliRaceResult> {
  const maxWorkers = options.maxWorkers ?? 4;
  const problems: string[] = [];
  let good = 0;
  let refusals = 0;
  for (let trial = 0; trial < options.trials; trial += 1) {
    const count = 2 + (trial % (maxWorkers - 1));
    const dir = mkdtempSync(join(tmpdir(), 'qthink-cli-race-'));
    try {
      cpSync(options.template, dir, { recursive: true });
      if (options.scenario === 'stale_lock') writeFileSync(join(dir, LOCK_FILE), `${deadPid()}\n`);
      const results = await Promise.all(Array.from({ length: count }, () => runQthink(['commit', '--data-dir', dir])));
      const label = `trial ${trial + 1} (${count} commits, ${options.scenario})`;
      const bad = results.filter((result) => !(result.code === 0 || (result.code === 2 && /is in use by process \d+/.test(result.err))));
      refusals += results.filter((result) => result.code === 2).length;
      const problem = sameJournal(dir, options.expected);
      if (bad.length > 0) problems.push(`${label}: ${bad.map((result) => `exit ${String(result.code)}: ${result.err.trim().split('\n')[0] ?? ''}`).join('; ')}`);
      if (problem !== null) problems.push(`${label}: ${problem}`);
      if (bad.length === 0 && problem === null) good += 1;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { trials: options.trials, good, refusals, problems };
}
