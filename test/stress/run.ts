/**
 * `npm run test:stress`: the reliability checks at full count, each printed beside its target. Exit 1 when
 * any misses. `--quick` runs moderate counts (what `.ci/run` uses); `--trials N` sets the race trials.
 */
import { rmSync } from 'node:fs';
import { runCliRace } from './cliRace.ts';
import { runCrashHarness } from './crashHarness.ts';
import { runLockRace, type RaceScenario } from './lockRace.ts';
import { raceTemplate, sameJournal } from './raceJournal.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const trialsArg = argv.indexOf('--trials');
const trials = trialsArg >= 0 ? Number(argv[trialsArg + 1]) : quick ? 30 : 100;
const cliTrials = quick ? 6 : 24;
/** Kills per command: every write step once, then random steps and moments up to this many (quick: every step once). */
const crashRuns = quick ? 0 : 200;

type Row = { readonly check: string; readonly target: string; readonly figure: string; readonly ok: boolean; readonly problems: readonly string[] };
const rows: Row[] = [];

const started = Date.now();
const { template, expected } = await raceTemplate();
try {
  for (const scenario of ['stale_lock', 'no_lock'] as const satisfies readonly RaceScenario[]) {
    const locks = await runLockRace({ trials, scenario, mode: 'lock' });
    rows.push({ check: `lock race, ${scenario}, 2–8 processes`, target: `${trials}/${trials} exactly one`, figure: `${locks.exactlyOne}/${trials} (several: ${locks.several}, none: ${locks.none})`, ok: locks.exactlyOne === trials, problems: locks.problems });
    const commits = await runLockRace({ trials, scenario, mode: 'commit', template, verify: (dir) => sameJournal(dir, expected) });
    rows.push({ check: `commit race, ${scenario}, 2–8 processes`, target: `${trials}/${trials} exactly one, journal = one writer's`, figure: `${commits.exactlyOne}/${trials}`, ok: commits.exactlyOne === trials && commits.problems.length === 0, problems: commits.problems });
    const cli = await runCliRace({ trials: cliTrials, scenario, template, expected });
    rows.push({ check: `qthink commit race, ${scenario}, 2–4 processes`, target: `${cliTrials}/${cliTrials} journal = one writer's, others refused`, figure: `${cli.good}/${cliTrials} (${cli.refusals} refused)`, ok: cli.good === cliTrials, problems: cli.problems });
  }
} finally {
  rmSync(template, { recursive: true, force: true });
}

for (const crash of await runCrashHarness({ runs: crashRuns })) {
  const outcome = crash.command === 'process' ? `${crash.outcomes[0] ?? 0} before, ${crash.outcomes[1] ?? 0} after, ${crash.outcomes[2] ?? 0} staged` : `${crash.outcomes[0] ?? 0} before, ${crash.outcomes[1] ?? 0} after`;
  rows.push({
    check: `SIGKILL during ${crash.command} (${crash.steps} write steps)`,
    target: `${crash.runs}/${crash.runs} before or after, rebuild --check clean`,
    figure: `${crash.good}/${crash.runs} (${outcome}; ${crash.killed} killed)`,
    ok: crash.good === crash.runs,
    problems: crash.problems,
  });
}

const width = (pick: (row: Row) => string, title: string) => Math.max(title.length, ...rows.map((row) => pick(row).length));
const [wc, wt, wf] = [width((r) => r.check, 'check'), width((r) => r.target, 'target'), width((r) => r.figure, 'figure')];
console.log(`${'check'.padEnd(wc)}  ${'target'.padEnd(wt)}  ${'figure'.padEnd(wf)}  ok`);
for (const row of rows) {
  console.log(`${row.check.padEnd(wc)}  ${row.target.padEnd(wt)}  ${row.figure.padEnd(wf)}  ${row.ok ? 'yes' : 'NO'}`);
  for (const problem of row.problems.slice(0, 5)) console.log(`    ${problem}`);
}
console.log(`\n${rows.filter((row) => row.ok).length}/${rows.length} checks met in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
