/**
 * The measured steps. Each runs in its own child process (see child.ts) so its peak RSS is its own and one
 * step's garbage never slows the next. Data is generated (untimed) inside the step; only the call under
 * test sits between the two clock reads.
 */
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openJournal, type JournalStore } from '../../electron/journal/index.ts';
import { SYNC_LOG } from '../../electron/journal/layout.ts';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import type { DayContext } from '../../shared/domain/market.ts';
import type { TradeRecord } from '../../shared/domain/trade.ts';
import { assessBatch } from '../../shared/engine/assessBatch.ts';
import { findMemoryTriggers } from '../../shared/engine/memoryTriggers.ts';
import { replayReinforcement } from '../../shared/engine/reinforcement.ts';
import { importBars } from '../../shared/importers/bars.ts';
import { importBrokerFile } from '../../shared/importers/brokers/index.ts';
import type { ImportBundle } from '../../shared/importers/importBundle.ts';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import { TRADES_PER_DAY, barsCsv, contextsOf, generateDays, generateTradeInputs, generateTrades, seriesOf, type SyntheticDay } from './synthetic.ts';
import { tastytradeCsv } from './tastytrade.ts';

/** One timed call: its wall time, the work it did (`count` units) and what the process held afterwards. */
export type Measurement = {
  readonly step: string;
  /** The N of the step (rows, fills, trades, entries in the journal). */
  readonly size: number;
  readonly unit: string;
  readonly ms: number;
  /** What the throughput counts: usually `size` `unit`, but a 50-trade commit does 50 trades whatever N is. */
  readonly work: number;
  readonly workUnit: string;
  readonly heapUsedMb: number;
  readonly maxRssMb: number;
  readonly note: string;
  /** Set when the step gave a wrong result (not a slow one): the run then exits non-zero. */
  readonly problem?: string;
};

export type StepParams = {
  readonly bars?: number;
  readonly trades?: number;
  readonly fills?: number;
  readonly dir?: string;
  readonly extraCommits?: number;
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

type Timed<T> = { readonly value: T; readonly ms: number; readonly runs: number };

async function timed<T>(run: () => T | Promise<T>): Promise<Timed<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start, runs: 1 };
}

/** Below this, one run of a pure step is mostly JIT warm-up and GC luck: it is repeated. */
const REPEAT_BELOW_MS = 1000;
const MAX_RUNS = 5;

/**
 * For pure, repeatable calls: one run, and when that was short, more runs (up to MAX_RUNS or about
 * REPEAT_BELOW_MS of extra time) reported as their median, so the scaling ratio compares like with like.
 */
async function timedPure<T>(run: () => T): Promise<Timed<T>> {
  const first = await timed(run);
  const times = [first.ms];
  let spent = first.ms;
  while (times.length < MAX_RUNS && first.ms < REPEAT_BELOW_MS && spent < REPEAT_BELOW_MS * 2) {
    const again = await timed(run);
    times.push(again.ms);
    spent += again.ms;
  }
  return { value: first.value, ms: median(times), runs: times.length };
}

const runsNote = (result: Timed<unknown>): string => (result.runs > 1 ? `; median of ${result.runs} runs` : '');

function measurement(step: string, size: number, unit: string, ms: number, note = '', work?: { count: number; unit: string }, problem?: string): Measurement {
  const memory = process.memoryUsage();
  return {
    step,
    size,
    unit,
    ms,
    work: work?.count ?? size,
    workUnit: work?.unit ?? unit,
    heapUsedMb: memory.heapUsed / 2 ** 20,
    // resourceUsage().maxRSS is in kilobytes: the process's peak, i.e. this step plus its data set-up.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    note,
    ...(problem === undefined ? {} : { problem }),
  };
}

function need(value: number | undefined, name: string): number {
  if (value === undefined || !(value > 0)) throw new Error(`step parameter ${name} is missing`);
  return value;
}

function needDir(params: StepParams): string {
  if (params.dir === undefined) throw new Error('step parameter dir is missing');
  return params.dir;
}

const count = (value: number): string => value.toLocaleString('en-US');

async function barsImport(params: StepParams): Promise<Measurement[]> {
  const rows = need(params.bars, 'bars');
  const text = barsCsv(generateDays(rows));
  const result = await timedPure(() => importBars(text, 'bench-bars.csv'));
  const { value, ms } = result;
  const imported = value.series.reduce((sum, series) => sum + series.bars.length, 0);
  const note = `${count(imported)} bars, ${value.errors.length} errors, ${value.sessions.length} sessions, ${(text.length / 2 ** 20).toFixed(1)} MB CSV${runsNote(result)}`;
  const problem = imported !== rows || value.errors.length > 0 ? `expected ${count(rows)} bars and no errors` : undefined;
  return [measurement('bars import (importBars)', rows, 'rows', ms, note, undefined, problem)];
}

/** Enough days of bars for `trades` trades at TRADES_PER_DAY a day, plus a few spare days after them. */
function daysForTrades(trades: number, spareDays = 0): SyntheticDay[] {
  return generateDays((Math.ceil(trades / TRADES_PER_DAY) + spareDays) * 390);
}

async function brokerImport(params: StepParams): Promise<Measurement[]> {
  const fills = need(params.fills, 'fills');
  // One contract per trade (its own strike that day): round trips are then unambiguous, so N trades
  // must come back as exactly N round trips.
  const inputs = generateTradeInputs(daysForTrades(fills / 2), fills / 2).map((trade, index) => ({ ...trade, strike: 300 + (index % TRADES_PER_DAY) }));
  const text = tastytradeCsv(inputs);
  const result = await timedPure(() => importBrokerFile(text, 'bench-tastytrade.csv'));
  const { value, ms } = result;
  const note = `${value.format ?? 'undetected'}: ${count(value.fills.length)} fills → ${count(value.trades.length)} round trips, ${value.errors.length} errors, ${value.unmatched.length} unmatched${runsNote(result)}`;
  const problem = value.trades.length !== fills / 2 || value.errors.length > 0 ? `expected ${count(fills / 2)} round trips and no errors` : undefined;
  return [measurement('broker import (importBrokerFile)', fills, 'fills', ms, note, undefined, problem)];
}

async function engine(params: StepParams): Promise<Measurement[]> {
  const trades = need(params.trades, 'trades');
  const days = generateDays(need(params.bars, 'bars'));
  const input = { trades: generateTrades(days, trades), bars: seriesOf(days), contexts: contextsOf(days) };
  const result = await timedPure(() => assessBatch(input));
  const { value, ms } = result;
  const barCount = input.bars[0]?.bars.length ?? 0;
  const perTrade = (ms * 1000) / Math.max(1, value.length);
  return [measurement('engine (assessBatch)', trades, 'trades', ms, `against ${count(barCount)} bars; ${perTrade.toFixed(0)} µs a trade${runsNote(result)}`)];
}

/** The same trades against ten times the bar history: binary search makes the per-trade cost flat. */
async function engineBars(params: StepParams): Promise<Measurement[]> {
  const trades = need(params.trades, 'trades');
  const bars = need(params.bars, 'bars');
  const days = generateDays(bars);
  const input = { trades: generateTrades(days, trades), bars: seriesOf(days), contexts: contextsOf(days) };
  const result = await timedPure(() => assessBatch(input));
  const perTrade = (result.ms * 1000) / Math.max(1, result.value.length);
  const note = `${count(trades)} trades; ${perTrade.toFixed(0)} µs a trade${runsNote(result)}`;
  return [measurement('engine vs bar history (assessBatch)', bars, 'bars', result.ms, note, { count: trades, unit: 'trades' })];
}

function bundleOf(trades: TradeRecord[], days: readonly SyntheticDay[], contexts: DayContext[]): ImportBundle {
  return { trades, bars: seriesOf(days), contexts, signals: [], errors: [], warnings: [], files: [] };
}

async function withJournal<T>(dir: string, run: (store: JournalStore) => Promise<T>): Promise<T> {
  const store = await openJournal(dir);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** (a) One import of every trade and one commit of all of them into an empty journal. */
async function journalBuild(params: StepParams): Promise<Measurement[]> {
  const trades = need(params.trades, 'trades');
  const dir = needDir(params);
  const days = daysForTrades(trades).slice(0, Math.ceil(trades / TRADES_PER_DAY));
  const bundle = bundleOf(generateTrades(days, trades), days, contextsOf(days));
  return withJournal(dir, async (store) => {
    const staged = await timed(() => store.stage(bundle));
    const stagedNote = `${count(staged.value.entries.length)} proposals; bars of ${count(days.length)} days saved`;
    const stagedRow = measurement('journal stage (import + assess)', trades, 'trades', staged.ms, stagedNote);
    const committed = await timed(() => store.commit());
    const logBytes = (await stat(join(dir, SYNC_LOG))).size;
    const commitNote = `${count(committed.value.added)} added, ${count(committed.value.total)} in journal; sync_log.jsonl ${(logBytes / 2 ** 20).toFixed(0)} MB`;
    const problem = committed.value.added !== trades ? `expected ${count(trades)} trades added` : undefined;
    const commitRow = measurement('journal commit, one batch (a)', trades, 'trades', committed.ms, commitNote, undefined, problem);
    return [stagedRow, commitRow];
  });
}

async function journalOpen(params: StepParams): Promise<Measurement[]> {
  const dir = needDir(params);
  const opened = await timed(() => openJournal(dir));
  const committed = opened.value.committedCount();
  await opened.value.close();
  return [measurement('journal open (read ids)', committed, 'entries', opened.ms, 'lock, recovery check, stale check, committed ids')];
}

/** (b) Daily batches of TRADES_PER_DAY on top of a journal of `trades` entries: the median of a few days. */
async function journalAdd(params: StepParams): Promise<Measurement[]> {
  const trades = need(params.trades, 'trades');
  const extra = params.extraCommits ?? 3;
  const dir = needDir(params);
  const firstDay = Math.ceil(trades / TRADES_PER_DAY);
  const days = daysForTrades(trades, extra + 1).slice(firstDay, firstDay + extra);
  if (days.length < extra) throw new Error('not enough synthetic days after the journal for the extra commits');
  const stageTimes: number[] = [];
  const commitTimes: number[] = [];
  let total = 0;
  await withJournal(dir, async (store) => {
    for (const day of days) {
      const batch = bundleOf(generateTrades([day], TRADES_PER_DAY), [day], contextsOf([day]));
      stageTimes.push((await timed(() => store.stage(batch))).ms);
      const committed = await timed(() => store.commit());
      commitTimes.push(committed.ms);
      total = committed.value.total;
    }
  });
  const batch = { count: TRADES_PER_DAY, unit: 'trades' };
  const note = (times: number[]): string => `median of ${times.length} daily batches (${times.map((ms) => ms.toFixed(0)).join(', ')} ms); journal of ${count(trades)} → ${count(total)}`;
  return [
    measurement(`journal stage ${TRADES_PER_DAY} more`, trades, 'entries', median(stageTimes), note(stageTimes), batch),
    measurement(`journal commit ${TRADES_PER_DAY} more (b)`, trades, 'entries', median(commitTimes), note(commitTimes), batch),
  ];
}

/**
 * (c) rebuild and rebuild --check, streaming sync_log.jsonl. Before the plain rebuild every derived file is
 * emptied (the stamp still matches, so open does not repair them), so it really rewrites all of them; the
 * check then runs on the repaired journal and must find every file byte-identical.
 */
async function journalRebuild(params: StepParams, check: boolean): Promise<Measurement[]> {
  const dir = needDir(params);
  if (!check) for (const name of DERIVED_FILES) await writeFile(join(dir, ...name.split('/')), '');
  return withJournal(dir, async (store) => {
    const size = store.committedCount();
    const rebuilt = await timed(() => store.rebuild({ check }));
    const differences = rebuilt.value.differences.length;
    const note = check
      ? rebuilt.value.identical ? 'all derived files byte-identical' : `DIFFERENT: ${rebuilt.value.differences.join(', ')}`
      : `${differences} of ${rebuilt.value.files.length} derived files rewritten`;
    // Right after a rebuild, the check must find nothing to change (a changed engine constant between the
    // two runs also shows here: mesh_config.json lists the constants in force).
    const problem = check && !rebuilt.value.identical ? 'rebuild --check found differences right after a rebuild' : undefined;
    return [measurement(check ? 'rebuild --check (c)' : 'rebuild (c)', size, 'entries', rebuilt.ms, note, undefined, problem)];
  });
}

/** (d) Reinforcement replay and memory triggers over every committed entry (loaded untimed). */
async function journalReplay(params: StepParams): Promise<Measurement[]> {
  const dir = needDir(params);
  const loaded = await timed(() => withJournal(dir, (store) => store.listCommitted()));
  const entries: JournalEntry[] = loaded.value;
  const listRow = measurement('listCommitted (stream + parse)', entries.length, 'entries', loaded.ms, 'open, read and zod-parse sync_log.jsonl');
  const replay = await timedPure(() => replayReinforcement(entries));
  const replayRow = measurement('replayReinforcement (d)', entries.length, 'entries', replay.ms, `${count(replay.value.log.length)} mesh log lines${runsNote(replay)}`);
  const triggers = await timedPure(() => findMemoryTriggers(entries));
  const triggersRow = measurement('findMemoryTriggers (d)', entries.length, 'entries', triggers.ms, `${triggers.value.length} triggers${runsNote(triggers)}`);
  return [listRow, replayRow, triggersRow];
}

export const STEPS = {
  'bars-import': barsImport,
  'broker-import': brokerImport,
  engine,
  'engine-bars': engineBars,
  'journal-build': journalBuild,
  'journal-open': journalOpen,
  'journal-add': journalAdd,
  'journal-rebuild': (params: StepParams) => journalRebuild(params, false),
  'journal-check': (params: StepParams) => journalRebuild(params, true),
  'journal-replay': journalReplay,
} satisfies Record<string, (params: StepParams) => Promise<Measurement[]>>;

export type StepName = keyof typeof STEPS;

export function isStepName(name: string): name is StepName {
  return Object.hasOwn(STEPS, name);
}
