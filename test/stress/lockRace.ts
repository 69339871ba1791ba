/**
 * The writer race: 2–8 separate processes try to become the writer of one data directory at the same
 * instant, on a stale lock (its process is gone) or on no lock at all. Exactly one may proceed; the others
 * must be told which process holds the journal and change nothing. Used by the race test in `npm test`
 * (small counts) and by `npm run test:stress` (full counts).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE } from '../../electron/journal/layout.ts';
import type { RaceCommand, RaceReport } from './lockRaceWorker.ts';

export type RaceScenario = 'stale_lock' | 'no_lock';
export type RaceMode = 'lock' | 'commit';

export type RaceOptions = {
  readonly trials: number;
  readonly scenario: RaceScenario;
  readonly mode: RaceMode;
  /** Racers per trial cycle through 2..maxWorkers. */
  readonly maxWorkers?: number;
  /** For `commit`: a data directory to copy into each trial (a journal with a staged batch). */
  readonly template?: string;
  /** For `commit`: checks the trial's data directory after the winner committed; returns a problem or null. */
  readonly verify?: (dir: string) => string | null;
};

export type RaceResult = {
  readonly trials: number;
  /** Trials in which exactly one racer proceeded and every other was refused naming it. */
  readonly exactlyOne: number;
  /** Trials in which two or more racers proceeded. */
  readonly several: number;
  readonly none: number;
  /** What went wrong, one line per bad trial. */
  readonly problems: readonly string[];
};

const WORKER = fileURLToPath(new URL('./lockRaceWorker.ts', import.meta.url));

type Racer = { readonly child: ChildProcess; readonly next: () => Promise<RaceReport> };

function startRacer(): Racer {
  const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const queue: RaceReport[] = [];
  const waiting: ((report: RaceReport) => void)[] = [];
  child.on('message', (report: RaceReport) => {
    const resolve = waiting.shift();
    if (resolve) resolve(report);
    else queue.push(report);
  });
  child.on('exit', (code) => {
    for (const resolve of waiting.splice(0)) resolve({ type: 'failed', message: `racer exited with ${String(code)}` });
  });
  const next = () => new Promise<RaceReport>((resolve) => {
    const queued = queue.shift();
    if (queued) resolve(queued);
    else waiting.push(resolve);
  });
  return { child, next };
}

const command = (racer: Racer, message: RaceCommand): void => {
  racer.child.send(message);
};

/** A pid that was just used by a process that has exited: what a crashed writer leaves in its lock. */
export function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(result.stdout);
}

export async function runLockRace(options: RaceOptions): Promise<RaceResult> {
  const maxWorkers = options.maxWorkers ?? 8;
  const racers = Array.from({ length: maxWorkers }, startRacer);
  const problems: string[] = [];
  let exactlyOne = 0;
  let several = 0;
  let none = 0;
  try {
    for (const racer of racers) {
      const ready = await racer.next();
      if (ready.type !== 'ready') throw new Error(`a racer did not start: ${JSON.stringify(ready)}`);
    }
    for (let trial = 0; trial < options.trials; trial += 1) {
      const count = 2 + (trial % (maxWorkers - 1));
      const dir = mkdtempSync(join(tmpdir(), 'qthink-race-'));
      try {
        if (options.template) cpSync(options.template, dir, { recursive: true });
        if (options.scenario === 'stale_lock') writeFileSync(join(dir, LOCK_FILE), `${deadPid()}\n`);
        const inTrial = racers.slice(0, count);
        const at = Date.now() + 40;
        for (const racer of inTrial) command(racer, { type: 'go', dir, at, mode: options.mode });
        const reports = await Promise.all(inTrial.map((racer) => racer.next()));
        const winners = inTrial.filter((_, index) => reports[index]?.type === 'acquired');
        const label = `trial ${trial + 1} (${count} racers, ${options.scenario})`;
        for (const report of reports) if (report.type === 'failed') problems.push(`${label}: a racer failed: ${report.message.split('\n')[0] ?? ''}`);
        if (winners.length === 1) {
          const winnerPid = winners[0]?.child.pid;
          const misnamed = reports.filter((report) => report.type === 'refused' && report.pid !== winnerPid);
          if (misnamed.length > 0) problems.push(`${label}: ${misnamed.length} refused racers named another process than the winner ${String(winnerPid)}`);
          else if (reports.every((report) => report.type !== 'failed')) exactlyOne += 1;
        } else if (winners.length > 1) {
          several += 1;
          problems.push(`${label}: ${winners.length} racers proceeded`);
        } else {
          none += 1;
          problems.push(`${label}: no racer proceeded`);
        }
        for (const winner of winners) command(winner, { type: 'finish' });
        await Promise.all(winners.map((winner) => winner.next()));
        const problem = options.verify?.(dir) ?? null;
        if (problem !== null) problems.push(`${label}: ${problem}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    for (const racer of racers) {
      if (racer.child.connected) command(racer, { type: 'exit' });
    }
  }
  return { trials: options.trials, exactlyOne, several, none, problems };
}
