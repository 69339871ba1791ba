/**
 * The crash harness: real processes (the `qthink` commands and the app's commit channel) killed with
 * SIGKILL at each step that changes a file (the fault seam, electron/journal/faultSeam.ts), at random steps
 * with a half-written last write, and at random moments (a timer). After each kill the journal is opened
 * as the next command would open it (which finishes or rolls back the interrupted commit) and must be
 * exactly as before the command or as after it, the staged batch intact when the commit did not happen,
 * and `rebuild --check` must find every derived file byte-identical.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FAULT_AT_WRITE, FAULT_COUNT_FILE, FAULT_TORN } from '../../electron/journal/faultSeam.ts';
import { openJournal } from '../../electron/journal/store.ts';
import { setLogSink } from '../../electron/logger.ts';
import { jsonl, stageTrades, tradesExitingFrom } from '../journal/helpers.ts';
import { journalFiles } from './raceJournal.ts';

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const CRASH_COMMANDS = ['commit-append', 'commit-merge', 'process', 'rebuild', 'app-commit'] as const;
export type CrashCommand = (typeof CRASH_COMMANDS)[number];

/** The journal files and the staged batch (its trade ids and overrides; its clock time left out). */
type Snapshot = { readonly journal: Record<string, string | null>; readonly staged: string };

function snapshot(dir: string): Snapshot {
  const path = join(dir, 'staging', 'batch.json');
  let staged = 'none';
  if (existsSync(path)) {
    const batch = JSON.parse(readFileSync(path, 'utf8')) as { trades?: { id: string }[]; overrides?: unknown };
    staged = JSON.stringify({ trades: (batch.trades ?? []).map((trade) => trade.id), overrides: batch.overrides ?? {} });
  }
  return { journal: journalFiles(dir), staged };
}

const sameSnapshot = (a: Snapshot, b: Snapshot): boolean => a.staged === b.staged && JSON.stringify(a.journal) === JSON.stringify(b.journal);
const sameJournalOnly = (a: Snapshot, b: Snapshot): boolean => JSON.stringify(a.journal) === JSON.stringify(b.journal);

type Scenario = {
  readonly template: string;
  readonly args: (dir: string) => string[];
  /** The states a killed run may leave (after the next open): before, after, and what else the command may legitimately stop at. */
  readonly accepted: readonly Snapshot[];
  /** A rebuild's outcome is judged on the journal alone: it changes no trade and no staged batch. */
  readonly journalOnly: boolean;
};

/** Bundles the worker once (esbuild), so each killed run starts in about a tenth of a second. */
async function bundleWorker(dir: string): Promise<string> {
  const outfile = join(dir, 'crash-worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./crashWorker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    banner: { js: "import { createRequire as __qthinkRequire } from 'node:module'; const require = __qthinkRequire(import.meta.url);" },
  });
  return outfile;
}

type Run = { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly err: string; readonly ms: number };

function runWorker(worker: string, args: readonly string[], env: Record<string, string>, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, err, ms: performance.now() - started });
    });
  });
}

function copyOf(template: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qthink-crash-'));
  cpSync(template, dir, { recursive: true });
  return dir;
}

async function committed(dir: string, batches: readonly (readonly [string, number])[], staged?: readonly [string, number]): Promise<void> {
  const store = await openJournal(dir);
  for (const [prefix, exit] of batches) {
    await stageTrades(store, tradesExitingFrom(prefix, 6, exit), `${prefix}.jsonl`);
    await store.commit();
  }
  if (staged) await stageTrades(store, tradesExitingFrom(staged[0], 6, staged[1]), `${staged[0]}.jsonl`);
  await store.close();
}

/** What a clean run of the scenario's command leaves, after the next open. */
async function cleanOutcome(worker: string, template: string, args: (dir: string) => string[]): Promise<{ after: Snapshot; steps: number; ms: number }> {
  const dir = copyOf(template);
  const countFile = join(dir, '..', `${dir.split(/[\\/]/).pop() ?? 'x'}.steps`);
  try {
    const run = await runWorker(worker, args(dir), { [FAULT_COUNT_FILE]: countFile });
    if (run.code !== 0) throw new Error(`a clean run of ${args(dir).join(' ')} failed (exit ${String(run.code)}): ${run.err}`);
    const store = await openJournal(dir);
    await store.close();
    return { after: snapshot(dir), steps: Number(readFileSync(countFile, 'utf8')), ms: run.ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(countFile, { force: true });
  }
}

async function prepare(command: CrashCommand, worker: string, root: string): Promise<Scenario & { steps: number; ms: number }> {
  const template = join(root, command);
  let args: (dir: string) => string[];
  if (command === 'commit-append' || command === 'app-commit') {
    await committed(template, [['A', 600]], ['B', 780]);
    args = command === 'app-commit' ? (dir) => ['app-commit', dir, APP_ROOT] : (dir) => ['cli', 'commit', '--data-dir', dir];
  } else if (command === 'commit-merge') {
    await committed(template, [['A', 600], ['B', 780]], ['C', 661]);
    args = (dir) => ['cli', 'commit', '--data-dir', dir];
  } else if (command === 'process') {
    await committed(template, [['A', 600]]);
    writeFileSync(join(template, 'day-b.jsonl'), jsonl(tradesExitingFrom('B', 6, 780)));
    args = (dir) => ['cli', 'process', '--data-dir', dir, '--trades', join(dir, 'day-b.jsonl')];
  } else {
    await committed(template, [['A', 600], ['B', 780]]);
    // Two derived files damaged: the rebuild (or the open before it) rewrites them.
    truncateSync(join(template, 'qthink_journal_summary.json'), 10);
    rmSync(join(template, 'reinforcement_profile.json'));
    args = (dir) => ['cli', 'rebuild', '--data-dir', dir];
  }
  const before = snapshot(template);
  const clean = await cleanOutcome(worker, template, args);
  const accepted = [before, clean.after];
  if (command === 'process') {
    // Killed after the import was staged and before the commit: the journal as before, the day staged.
    const staged = copyOf(template);
    const store = await openJournal(staged);
    await stageTrades(store, tradesExitingFrom('B', 6, 780), 'day-b.jsonl');
    await store.close();
    accepted.push(snapshot(staged));
    rmSync(staged, { recursive: true, force: true });
  }
  return { template, args, accepted, journalOnly: command === 'rebuild', steps: clean.steps, ms: clean.ms };
}

export type CrashResult = {
  readonly command: CrashCommand;
  readonly runs: number;
  readonly killed: number;
  readonly good: number;
  /** Of the good runs: left as before the command, as after it, and (process) with the day staged. */
  readonly outcomes: readonly number[];
  readonly steps: number;
  readonly problems: readonly string[];
};

/**
 * Kills at every step (or, with `sampleSteps`, at that many evenly spaced steps), then at random steps (half
 * of them tearing the write) and random moments, up to `runs` a command.
 */
export async function runCrashHarness(options: { readonly commands?: readonly CrashCommand[]; readonly runs: number; readonly sampleSteps?: number; readonly seed?: number }): Promise<CrashResult[]> {
  // Every verified open says what it finished or rolled back: thousands of notices the harness counts instead.
  const restoreSink = setLogSink(() => undefined);
  const root = mkdtempSync(join(tmpdir(), 'qthink-crash-templates-'));
  const results: CrashResult[] = [];
  let seed = options.seed ?? 20261205;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  try {
    const worker = await bundleWorker(root);
    for (const command of options.commands ?? CRASH_COMMANDS) {
      const scenario = await prepare(command, worker, root);
      const problems: string[] = [];
      let good = 0;
      let killed = 0;
      const outcomes = scenario.accepted.map(() => 0);
      const sampled = Math.min(scenario.steps, options.sampleSteps ?? scenario.steps);
      const stepAt = (index: number): number => (sampled === scenario.steps ? index + 1 : 1 + Math.floor((index * scenario.steps) / sampled));
      const total = Math.max(options.runs, sampled);
      for (let run = 0; run < total; run += 1) {
        const eachStep = run < sampled;
        const step = eachStep ? stepAt(run) : 1 + Math.floor(random() * scenario.steps);
        const timed = !eachStep && random() < 0.5;
        const env: Record<string, string> = timed ? {} : { [FAULT_AT_WRITE]: String(step), ...(random() < 0.5 ? { [FAULT_TORN]: '1' } : {}) };
        const label = timed ? `${command}, killed after a random moment` : `${command}, killed at write step ${step}/${scenario.steps}${env[FAULT_TORN] ? ' (torn)' : ''}`;
        const dir = copyOf(scenario.template);
        try {
          const result = await runWorker(worker, scenario.args(dir), env, timed ? random() * scenario.ms * 1.2 : undefined);
          if (result.signal === 'SIGKILL') killed += 1;
          else if (result.code !== 0) {
            problems.push(`${label}: exit ${String(result.code)} without being killed: ${result.err.trim().split('\n')[0] ?? ''}`);
            continue;
          }
          const outcome = await verify(dir, scenario);
          if (typeof outcome === 'number') {
            good += 1;
            outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          } else problems.push(`${label}: ${outcome}`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      results.push({ command, runs: total, killed, good, outcomes, steps: scenario.steps, problems });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
    setLogSink(restoreSink);
  }
  return results;
}

/** Which accepted state the killed run left (with a clean rebuild check); else what is wrong. */
async function verify(dir: string, scenario: Scenario): Promise<number | string> {
  let store;
  try {
    store = await openJournal(dir);
  } catch (error) {
    return `the next open failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    const check = await store.rebuild({ check: true });
    if (!check.identical) return `rebuild --check found differences in ${check.differences.join(', ')}`;
  } finally {
    await store.close();
  }
  const found = snapshot(dir);
  const same = scenario.journalOnly ? sameJournalOnly : sameSnapshot;
  const index = scenario.accepted.findIndex((state) => same(found, state));
  if (index >= 0) return index;
  const differ = Object.keys(found.journal).filter((name) => !scenario.accepted.some((state) => state.journal[name] === found.journal[name]));
  return `the journal is neither before nor after (${differ.length > 0 ? `files: ${differ.join(', ')}` : 'staged batch'})`;
}
