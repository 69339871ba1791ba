import { TIME_BLOCKS, type JournalEntry, type RegretDimension, type TimeBlock } from '../domain/journal.ts';
import { representativeSignals } from './reinforcement.ts';

/**
 * What the memory-trigger tests read of a journal, folded one trade at a time in journal order: counts,
 * sums in journal order and, per measure, a histogram of the scores (value → trades). Every test of
 * memoryTriggers.ts is a function of these alone: Fisher's test needs counts, the Mann–Whitney test needs
 * only how many trades of the group and of the pool share each value (its tie groups), and the means add
 * the values in journal order as a pass over the trades does. So a commit folds its new trades into the
 * saved statistics and gets, bit for bit, the triggers a recomputation over the whole journal gives, in
 * time that does not grow with the journal (a histogram has one bin per distinct score: scores have two
 * decimals, so about a hundred).
 */
export type Histogram = Map<number, number>;

/** A running count and sum of the trades' values, in journal order. */
export type Moments = { count: number; sum: number };

/** Decided trades (pnl ≠ 0), how many of them won, and their pnl summed in journal order. */
export type RateCounts = { decided: number; wins: number; pnlSum: number };

/** One measure compared between a group and the rest: the group's moments and histogram, the rest's moments. */
export type MeasureCounts = { group: Moments; rest: Moments; histogram: Histogram };

/** The regret dimensions a time block is tested on (see memoryTriggers.ts for why only these). */
export const BLOCK_REGRETS: readonly RegretDimension[] = ['entry_regret', 'exit_regret', 'timing_regret'];
/** The block whose timing_regret the formula sets by the clock: left out of timing comparisons. */
export const TIMING_FORMULA_BLOCK: TimeBlock = 'chop_mid';
/** The measure an agent's trades are compared on. */
export const AGENT_REGRET: RegretDimension = 'decay_regret';

export type BlockCounts = { rate: RateCounts; measures: Record<string, MeasureCounts> };
export type AgentCounts = { rate: RateCounts; decay: MeasureCounts };

export type TriggerStatistics = {
  trades: number;
  shares: { decided: number; wins: number };
  /** Each measure's histogram over the whole journal: the pool of every block and agent comparison. */
  pooled: Record<string, Histogram>;
  /** timing_regret outside TIMING_FORMULA_BLOCK: the pool of the timing comparisons. */
  pooledTimingOutsideFormula: Histogram;
  /** decay_regret's running moments over the whole journal: where a new agent's "rest" starts. */
  decayAll: Moments;
  /** In order of first appearance, as a pass over the journal meets them. */
  archetypes: Map<string, RateCounts>;
  blocks: Map<TimeBlock, BlockCounts>;
  agents: Map<string, AgentCounts>;
};

const POOLED_MEASURES: readonly RegretDimension[] = [...BLOCK_REGRETS, AGENT_REGRET];

const emptyRate = (): RateCounts => ({ decided: 0, wins: 0, pnlSum: 0 });
const emptyMeasure = (): MeasureCounts => ({ group: { count: 0, sum: 0 }, rest: { count: 0, sum: 0 }, histogram: new Map() });

export function emptyTriggerStatistics(): TriggerStatistics {
  const blocks = new Map<TimeBlock, BlockCounts>();
  for (const block of TIME_BLOCKS) {
    const measures: Record<string, MeasureCounts> = {};
    for (const dimension of BLOCK_REGRETS) if (!(dimension === 'timing_regret' && block === TIMING_FORMULA_BLOCK)) measures[dimension] = emptyMeasure();
    blocks.set(block, { rate: emptyRate(), measures });
  }
  return {
    trades: 0,
    shares: { decided: 0, wins: 0 },
    pooled: Object.fromEntries(POOLED_MEASURES.map((dimension) => [dimension, new Map<number, number>()])),
    pooledTimingOutsideFormula: new Map(),
    decayAll: { count: 0, sum: 0 },
    archetypes: new Map(),
    blocks,
    agents: new Map(),
  };
}

/** What the fold reads of an entry. */
export type TriggerInput = Pick<JournalEntry, 'pnl' | 'setup_archetype' | 'time_block' | 'agents' | RegretDimension>;

function count(histogram: Histogram, value: number): void {
  // A Map keys −0 and 0 together, as the rank tests group them.
  histogram.set(value, (histogram.get(value) ?? 0) + 1);
}

function addRate(rate: RateCounts, pnl: number): void {
  if (pnl === 0) return;
  rate.decided += 1;
  if (pnl > 0) rate.wins += 1;
  rate.pnlSum += pnl;
}

function addMoment(moments: Moments, value: number): void {
  moments.count += 1;
  moments.sum += value;
}

/** Folds one trade in; trades must come in the order their means are to be summed (journal order). */
export function addToTriggerStatistics(stats: TriggerStatistics, entry: TriggerInput): void {
  stats.trades += 1;
  if (entry.pnl !== 0) {
    stats.shares.decided += 1;
    if (entry.pnl > 0) stats.shares.wins += 1;
  }
  let archetype = stats.archetypes.get(entry.setup_archetype);
  if (archetype === undefined) stats.archetypes.set(entry.setup_archetype, (archetype = emptyRate()));
  addRate(archetype, entry.pnl);

  for (const dimension of POOLED_MEASURES) {
    const value = entry[dimension];
    if (value !== null) count(stats.pooled[dimension] as Histogram, value);
  }
  const timing = entry.timing_regret;
  if (timing !== null && entry.time_block !== TIMING_FORMULA_BLOCK) count(stats.pooledTimingOutsideFormula, timing);

  // An entry without a time of day is in no block and not in the other blocks either.
  if (entry.time_block !== null) for (const [block, counts] of stats.blocks) {
    const inBlock = entry.time_block === block;
    if (inBlock) addRate(counts.rate, entry.pnl);
    for (const [dimension, measure] of Object.entries(counts.measures)) {
      const value = entry[dimension as RegretDimension];
      if (value === null) continue;
      if (inBlock) {
        addMoment(measure.group, value);
        count(measure.histogram, value);
      } else if (!(dimension === 'timing_regret' && entry.time_block === TIMING_FORMULA_BLOCK)) addMoment(measure.rest, value);
    }
  }

  const decay = entry[AGENT_REGRET];
  const aligned = new Set<string>();
  for (const signal of representativeSignals(entry.agents)) {
    if (!signal.aligned) continue;
    aligned.add(signal.name);
    if (!stats.agents.has(signal.name)) {
      // Every trade before this one was not aligned with the new agent: its rest so far is the whole journal's.
      stats.agents.set(signal.name, { rate: emptyRate(), decay: { group: { count: 0, sum: 0 }, rest: { ...stats.decayAll }, histogram: new Map() } });
    }
  }
  for (const [name, counts] of stats.agents) {
    if (aligned.has(name)) {
      addRate(counts.rate, entry.pnl);
      if (decay !== null) {
        addMoment(counts.decay.group, decay);
        count(counts.decay.histogram, decay);
      }
    } else if (decay !== null) addMoment(counts.decay.rest, decay);
  }
  if (decay !== null) addMoment(stats.decayAll, decay);
}

export function triggerStatisticsOf(entries: Iterable<TriggerInput>): TriggerStatistics {
  const stats = emptyTriggerStatistics();
  for (const entry of entries) addToTriggerStatistics(stats, entry);
  return stats;
}

/** The statistics as plain JSON values (maps as [key, value] pairs, in their order), for the derivation state. */
export type TriggerStatisticsSnapshot = {
  readonly trades: number;
  readonly shares: { readonly decided: number; readonly wins: number };
  readonly pooled: [string, [number, number][]][];
  readonly pooledTimingOutsideFormula: [number, number][];
  readonly decayAll: Moments;
  readonly archetypes: [string, RateCounts][];
  readonly blocks: [TimeBlock, { rate: RateCounts; measures: [string, SnapshotMeasure][] }][];
  readonly agents: [string, { rate: RateCounts; decay: SnapshotMeasure }][];
};
type SnapshotMeasure = { group: Moments; rest: Moments; histogram: [number, number][] };

const histogramPairs = (histogram: Histogram): [number, number][] => [...histogram];
const measureSnapshot = (measure: MeasureCounts): SnapshotMeasure => ({ group: { ...measure.group }, rest: { ...measure.rest }, histogram: histogramPairs(measure.histogram) });
const measureRestore = (measure: SnapshotMeasure): MeasureCounts => ({ group: { ...measure.group }, rest: { ...measure.rest }, histogram: new Map(measure.histogram) });

export function triggerStatisticsSnapshot(stats: TriggerStatistics): TriggerStatisticsSnapshot {
  return {
    trades: stats.trades,
    shares: { ...stats.shares },
    pooled: Object.entries(stats.pooled).map(([name, histogram]) => [name, histogramPairs(histogram)]),
    pooledTimingOutsideFormula: histogramPairs(stats.pooledTimingOutsideFormula),
    decayAll: { ...stats.decayAll },
    archetypes: [...stats.archetypes].map(([name, rate]) => [name, { ...rate }]),
    blocks: [...stats.blocks].map(([block, counts]) => [block, { rate: { ...counts.rate }, measures: Object.entries(counts.measures).map(([name, measure]) => [name, measureSnapshot(measure)]) }]),
    agents: [...stats.agents].map(([name, counts]) => [name, { rate: { ...counts.rate }, decay: measureSnapshot(counts.decay) }]),
  };
}

export function restoreTriggerStatistics(snapshot: TriggerStatisticsSnapshot): TriggerStatistics {
  return {
    trades: snapshot.trades,
    shares: { ...snapshot.shares },
    pooled: Object.fromEntries(snapshot.pooled.map(([name, pairs]) => [name, new Map(pairs)])),
    pooledTimingOutsideFormula: new Map(snapshot.pooledTimingOutsideFormula),
    decayAll: { ...snapshot.decayAll },
    archetypes: new Map(snapshot.archetypes.map(([name, rate]) => [name, { ...rate }])),
    blocks: new Map(snapshot.blocks.map(([block, counts]) => [block, { rate: { ...counts.rate }, measures: Object.fromEntries(counts.measures.map(([name, measure]) => [name, measureRestore(measure)])) }])),
    agents: new Map(snapshot.agents.map(([name, counts]) => [name, { rate: { ...counts.rate }, decay: measureRestore(counts.decay) }])),
  };
}

/** A structural check of a snapshot read back from disk. */
export function isTriggerStatisticsSnapshot(value: unknown): value is TriggerStatisticsSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const snapshot = value as Partial<TriggerStatisticsSnapshot>;
  return (
    typeof snapshot.trades === 'number' &&
    typeof snapshot.shares?.decided === 'number' &&
    Array.isArray(snapshot.pooled) &&
    Array.isArray(snapshot.pooledTimingOutsideFormula) &&
    typeof snapshot.decayAll?.count === 'number' &&
    Array.isArray(snapshot.archetypes) &&
    Array.isArray(snapshot.blocks) &&
    snapshot.blocks.length === TIME_BLOCKS.length &&
    Array.isArray(snapshot.agents)
  );
}
