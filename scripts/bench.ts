/**
 * `npm run bench [-- --quick] [-- --json] [-- --only bars,broker,engine,journal] [-- --profile DIR]`
 * (with --json, `npm run -s bench -- --json` keeps npm's own banner off stdout).
 *
 * Measures the importers, the engine and the journal store on SYNTHETIC data sized like five years of one
 * trader (500,000 one-minute bars, 60,000 trades, a 100,000-fill broker export), each step in its own
 * process, at N/10 and N. Prints figures, never asserts on absolute times; the exit code is 1 only when a
 * step failed or took more than FLAG_RATIO times as long on ten times the data (worse than n log n).
 * See docs/performance.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildReply } from './bench/child.ts';
import { STEP_GROUPS, planTasks, sizesFor, type StepGroup, type Task } from './bench/plan.ts';
import { FLAG_RATIO, duration, measurementsTable, scalingRows, scalingTable, type Row } from './bench/report.ts';
import { BENCH_SEED } from './bench/synthetic.ts';

const CHILD = fileURLToPath(new URL('./bench/child.ts', import.meta.url));

type Options = { quick: boolean; json: boolean; groups: Set<StepGroup>; profileDir: string | null };

const USAGE = `usage: npm run bench -- [--quick] [--json] [--only ${STEP_GROUPS.join(',')}] [--profile DIR]
  --quick        1/10 of the sizes (a smoke test of the script)
  --json         machine-readable output on stdout
  --only LIST    run only these groups of steps
  --profile DIR  write V8 CPU profiles of every step to DIR/<step>-<small|large>/ (the largest
                 file is the main thread; summarize it with: npx tsx scripts/bench/profileSummary.ts FILE)`;

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { quick: false, json: false, groups: new Set(STEP_GROUPS), profileDir: null };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--only' || arg === '--profile') {
      const value = argv[(index += 1)];
      if (value === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      if (arg === '--profile') options.profileDir = value;
      else {
        const wanted = value.split(',').map((name) => name.trim());
        const unknown = wanted.filter((name) => !(STEP_GROUPS as readonly string[]).includes(name));
        if (unknown.length > 0) throw new Error(`unknown step group ${unknown.join(', ')}\n${USAGE}`);
        options.groups = new Set(wanted as StepGroup[]);
      }
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return options;
}

let running: ChildProcess | null = null;

const round2 = (value: number): number => Math.round(value * 100) / 100;

function runTask(task: Task, options: Options): Promise<ChildReply> {
  // One folder per step: the loader's worker thread writes its own profile beside the main thread's.
  const profile = options.profileDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(options.profileDir, `${task.step}-${task.scale}`)}`];
  return new Promise((resolve) => {
    // process.execArgv carries tsx's loader, so the child runs the TypeScript the same way.
    const child = fork(CHILD, [task.step, JSON.stringify(task.params)], { execArgv: [...process.execArgv, '--expose-gc', ...profile], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    running = child;
    // The step's own output goes to stderr so that --json leaves stdout to the result.
    child.stdout?.pipe(process.stderr);
    child.stderr?.pipe(process.stderr);
    let reply: ChildReply | null = null;
    child.on('message', (message) => {
      reply = message as ChildReply;
    });
    child.on('exit', (code, signal) => {
      running = null;
      resolve(reply ?? { ok: false, error: `the step's process ended (${signal ?? `exit code ${code}`}) without a result` });
    });
  });
}

type Machine = { date: string; nproc: number; cpu: string; memoryGb: number; node: string; platform: string; loadAverageAtStart: number };

function machine(): Machine {
  return {
    date: new Date().toISOString().slice(0, 10),
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    // Other work on the machine slows every step: the 1-minute load average says how busy it was.
    loadAverageAtStart: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const sizes = sizesFor(options.quick);
  const tempRoot = await mkdtemp(join(tmpdir(), 'qthink-bench-'));
  // Ctrl-C: stop the running step, run no further step, and let the finally below remove the temp dir.
  let interrupted = false;
  const interrupt = (): void => {
    interrupted = true;
    running?.kill('SIGKILL');
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const log = (text: string): void => {
    process.stderr.write(`${text}\n`);
  };
  const info = machine();
  log(`QThink benchmark on SYNTHETIC data (seed ${BENCH_SEED}; no real market or trader data)${options.quick ? ', --quick: 1/10 sizes' : ''}`);
  log(`${info.date} · ${info.nproc} CPUs (${info.cpu}) · ${info.memoryGb} GB · node ${info.node} · temp ${tempRoot}`);
  const rows: Row[] = [];
  const failures: { step: string; scale: string; error: string }[] = [];
  const started = Date.now();
  try {
    for (const task of planTasks(sizes, tempRoot, options.groups)) {
      if (interrupted) break;
      const label = `${task.step} (${task.scale === 'small' ? 'N/10' : 'N'}) ${JSON.stringify(task.params).replace(tempRoot, '…')}`;
      log(`… ${label}`);
      const reply = await runTask(task, options);
      if (interrupted) break;
      if (reply.ok) {
        rows.push(...reply.rows.map((row) => ({ ...row, scale: task.scale })));
        for (const row of reply.rows) if (row.problem !== undefined) failures.push({ step: task.step, scale: task.scale, error: row.problem });
      } else {
        failures.push({ step: task.step, scale: task.scale, error: reply.error });
        log(`  FAILED: ${reply.error}`);
      }
    }
  } finally {
    await rm(tempRoot, { recursive: true, force: true });
  }
  if (interrupted) {
    log('interrupted: temp files removed');
    return 130;
  }
  const loadAverageAtEnd = Number((loadavg()[0] ?? 0).toFixed(2));
  const scaling = scalingRows(rows);
  const flagged = scaling.filter((row) => row.flagged);
  if (options.json) {
    const measurements = rows.map((row) => ({ ...row, ms: round2(row.ms), heapUsedMb: round2(row.heapUsedMb), maxRssMb: round2(row.maxRssMb) }));
    const scalingOut = scaling.map((row) => ({ ...row, smallMs: round2(row.smallMs), largeMs: round2(row.largeMs), ratio: round2(row.ratio) }));
    const result = { synthetic: true, seed: BENCH_SEED, quick: options.quick, sizes, machine: { ...info, loadAverageAtEnd }, flagRatio: FLAG_RATIO, measurements, scaling: scalingOut, failures, flagged: flagged.map((row) => row.step) };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const out = (text: string): void => {
      process.stdout.write(`${text}\n`);
    };
    out(`\nQThink Journal benchmark: SYNTHETIC data (seeded, seed ${BENCH_SEED}); figures only, no assertions on time`);
    out(`${info.date} · nproc ${info.nproc} · ${info.cpu} · ${info.memoryGb} GB · node ${info.node} · ${info.platform}${options.quick ? ' · --quick (1/10 sizes)' : ''}`);
    out(`load average (1 min) ${info.loadAverageAtStart} at start, ${loadAverageAtEnd} at end: figures from a busy machine run slower\n`);
    out(measurementsTable(rows));
    out(`\nScaling check: time at 10·N over time at N; more than ${FLAG_RATIO}× is flagged (worse than n log n)\n`);
    out(scalingTable(scaling));
    out(`\ntotal ${duration(Date.now() - started)}; ${failures.length} failed step(s); ${flagged.length} flagged`);
  }
  for (const row of flagged) log(`FLAGGED: ${row.step} took ${row.ratio.toFixed(1)}× as long on ${(row.largeSize / row.smallSize).toFixed(0)}× the data`);
  for (const failure of failures) log(`FAILED: ${failure.step} (${failure.scale}): ${failure.error.split('\n')[0] ?? ''}`);
  return failures.length > 0 || flagged.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
