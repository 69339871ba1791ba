import { z } from 'zod';
import type { JournalEntry, RegretDimension } from '../domain/journal.ts';
import { cohensH, fisherExactGreater, holmAdjusted, mannWhitneyFromRanks, type MannWhitney } from './rankTests.ts';
import { AGENT_REGRET, BLOCK_REGRETS, TIMING_FORMULA_BLOCK, triggerStatisticsOf, type Histogram, type MeasureCounts, type RateCounts, type TriggerStatistics } from './triggerStatistics.ts';
import { representativeSignals } from './reinforcement.ts';

export { benjaminiHochberg, cohensH, fisherExactGreater, holmAdjusted, lnGamma, mannWhitneyGreater, normalUpperTail, type MannWhitney } from './rankTests.ts';

/**
 * Seed step 7, memory triggers: patterns worth committing to an assistant's memory. Each is a one-sided
 * test that a group of trades differs from **the rest of the same journal**, with its counts, an effect size
 * and a p-value. It fires only when the group and the rest each have at least MINIMUM_SAMPLE trades, its
 * p-value adjusted by Holm over every pattern tested on the journal is below SIGNIFICANCE_LEVEL, and the effect
 * is at least MINIMUM_EFFECT_SIZE.
 *  - win/loss shares: Fisher's exact test of the group against the rest, effect = Cohen's h between the two
 *    shares; scratches (pnl = 0) are left out of the counts. Against the rest, not against a coin flip: at a
 *    35 % win rate every archetype loses more often than not, and none of them is a pattern;
 *  - "higher in this group than the rest": Mann–Whitney U, normal approximation with tie and continuity
 *    corrections, effect = rank-biserial correlation 2U/(n₁n₂) − 1.
 * Holm keeps the chance that a journal without any pattern fires anything at all below SIGNIFICANCE_LEVEL,
 * however many patterns are tried and however they overlap; the effect-size floor keeps large journals from
 * firing on differences too small to act on.
 */
export const MINIMUM_SAMPLE = 5;
export const SIGNIFICANCE_LEVEL = 0.05;
export const MINIMUM_EFFECT_SIZE = 0.2;

/**
 * BLOCK_REGRETS: the regret dimensions a time block is tested on, and why only these: a block is a time of
 * day, and a score whose formula reads the clock differs between blocks on any journal, random trades
 * included. That is the formula's doing, not the trader's. decay_regret is theta against the time left to the
 * close, pin_regret weighs the session's elapsed share and the room to the close, late_exit_regret's expiry
 * crush counts the last hour, and trap_entry_regret judges levels that exist only at some hours (the opening
 * range is complete from 09:45): all four are left out. entry_regret and exit_regret read only the trade's
 * own bars.
 *
 * TIMING_FORMULA_BLOCK: timing_regret's chop part is set by the clock: every entry in [10:30, 12:30) ET (the
 * chop_mid block) scores at least TIMING_CHOP_BLOCK_TRENDING, and no entry outside it gets any. Outside that
 * block timing is only the tape and the mesh the trader entered on, so timing is compared between the other
 * blocks, chop_mid left out.
 */
export { BLOCK_REGRETS, TIMING_FORMULA_BLOCK } from './triggerStatistics.ts';

export const MEMORY_TRIGGER_KINDS = ['archetype_losses', 'archetype_wins', 'regret_time_block', 'agent_alpha', 'agent_decay'] as const;

export const memoryTriggerSchema = z.object({
  kind: z.enum(MEMORY_TRIGGER_KINDS),
  /** The archetype, time block or agent the pattern is about. */
  subject: z.string(),
  statement: z.string(),
  evidence: z.object({
    /** What was tested: 'loss_rate', 'win_rate', 'decay_regret', or a regret dimension. */
    measure: z.string(),
    n: z.number().int().nonnegative(),
    wins: z.number().int().nonnegative().optional(),
    losses: z.number().int().nonnegative().optional(),
    /** Mean of the measure in the group (mean pnl for rate tests). */
    mean: z.number(),
    baseline_n: z.number().int().nonnegative().optional(),
    /** What the group was compared with: the same share (rate tests) or the mean score of the rest of the journal (0.5, a coin flip, in lines written before). */
    baseline: z.number(),
    effect_size: z.number(),
    effect_measure: z.enum(['cohens_h', 'rank_biserial']),
    p_value: z.number().min(0).max(1),
    /** The p-value adjusted over every pattern tested on the journal (`adjustment`): the figure the cut uses. */
    p_adjusted: z.number().min(0).max(1).optional(),
    /** How the p-values were adjusted; absent in lines written before, which used Benjamini–Hochberg. */
    adjustment: z.enum(['holm', 'benjamini_hochberg']).optional(),
    /** How many patterns met the minimum sample and were tested (the family the adjustment is over). */
    family_size: z.number().int().positive().optional(),
    test: z.string(),
    minimum_sample: z.number().int().positive(),
    trade_ids: z.array(z.string()),
  }),
});
export type MemoryTrigger = z.infer<typeof memoryTriggerSchema>;
type Evidence = MemoryTrigger['evidence'];

// ---- patterns ---------------------------------------------------------------------------------------

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const significant = (value: number): number => Number(value.toPrecision(4));
const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
const pct = (value: number): string => `${Math.round(value * 100)} %`;
const fmtP = (p: number): string => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
/** The trades behind a pattern, asked for only when it fires: their ids, sorted. */
export type PatternMembers = (pattern: PatternRef) => string[];
/** A pattern's group: an archetype, a time block or an agent, and what was measured on it. */
export type PatternRef = { readonly group: 'archetype' | 'block' | 'agent'; readonly subject: string; readonly measure: 'win_rate' | 'loss_rate' | RegretDimension };

/**
 * A pattern tested on the journal: its evidence, and whether its effect is large and in the stated direction.
 * `ref` names the trades behind it; their sorted ids fill `trade_ids` only when the pattern fires.
 */
type Tested = {
  readonly evidence: Evidence;
  readonly effectHolds: boolean;
  /** The unrounded p-value, for the adjustment. */
  readonly p: number;
  readonly ref: PatternRef;
};
type Candidate = Tested & { readonly kind: MemoryTrigger['kind']; readonly subject: string; readonly statement: (p: string) => string };

/** A rate test with the counts its statement quotes. */
type RateTested = Tested & { readonly count: number; readonly restCount: number; readonly restN: number };

/**
 * One-sided Fisher exact test that wins (or losses) make up more of the group's decided trades than of the
 * rest's, the rest being every other trade of the journal. Both need MINIMUM_SAMPLE decided trades.
 */
function rateTest(rate: RateCounts, journal: TriggerStatistics['shares'], side: 'wins' | 'losses', ref: Omit<PatternRef, 'measure'>): RateTested | null {
  const n = rate.decided;
  const restN = journal.decided - n;
  if (n < MINIMUM_SAMPLE || restN < MINIMUM_SAMPLE) return null;
  const wins = rate.wins;
  const losses = n - wins;
  const restWins = journal.wins - wins;
  const count = side === 'wins' ? wins : losses;
  const restCount = side === 'wins' ? restWins : restN - restWins;
  const p = fisherExactGreater(count, n, count + restCount, n + restN);
  const h = cohensH(count / n, restCount / restN);
  const measure = side === 'wins' ? 'win_rate' : 'loss_rate';
  return {
    p,
    count,
    restCount,
    restN,
    effectHolds: h >= MINIMUM_EFFECT_SIZE,
    ref: { ...ref, measure },
    evidence: {
      measure,
      n,
      wins,
      losses,
      mean: round(rate.pnlSum / n, 2),
      baseline_n: restN,
      baseline: round(restCount / restN, 4),
      effect_size: round(h, 4),
      effect_measure: 'cohens_h',
      p_value: significant(p),
      test: `Fisher exact, one-sided: ${side} in the group vs the rest of the journal`,
      minimum_sample: MINIMUM_SAMPLE,
      trade_ids: [],
    },
  };
}

const verb = (side: 'wins' | 'losses'): string => (side === 'wins' ? 'won' : 'lost');

/**
 * Mann–Whitney U of the group against the rest from histograms: the pooled trades of one value take
 * consecutive ranks, so each gets their average (the same sums, in the same order, as ranking the trades).
 */
function mannWhitneyOfHistograms(group: Histogram, pooled: Histogram, n1: number, n2: number): MannWhitney {
  const values = Float64Array.from(pooled.keys()).sort();
  let rankSum = 0;
  let tieTerm = 0;
  let start = 0;
  for (const value of values) {
    const count = pooled.get(value) ?? 0;
    if (count === 0) continue;
    const end = start + count - 1;
    const averageRank = (start + end) / 2 + 1;
    tieTerm += count ** 3 - count;
    rankSum += averageRank * (group.get(value) ?? 0);
    start = end + 1;
  }
  return mannWhitneyFromRanks(n1, n2, rankSum, tieTerm);
}

/** One-sided Mann–Whitney test that `measure` is higher in the group than in the rest; means in journal order. */
function higherTest(counts: MeasureCounts, pooled: Histogram, ref: PatternRef & { readonly measure: RegretDimension }): Tested | null {
  const { group, rest } = counts;
  if (group.count < MINIMUM_SAMPLE || rest.count < MINIMUM_SAMPLE) return null;
  const test = mannWhitneyOfHistograms(counts.histogram, pooled, group.count, rest.count);
  const groupMean = group.sum / group.count;
  const restMean = rest.sum / rest.count;
  return {
    p: test.pGreater,
    effectHolds: test.rankBiserial >= MINIMUM_EFFECT_SIZE && groupMean > restMean,
    ref,
    evidence: {
      measure: ref.measure,
      n: group.count,
      mean: round(groupMean, 4),
      baseline_n: rest.count,
      baseline: round(restMean, 4),
      effect_size: round(test.rankBiserial, 4),
      effect_measure: 'rank_biserial',
      p_value: significant(test.pGreater),
      test: 'Mann–Whitney U, one-sided (higher), normal approximation',
      minimum_sample: MINIMUM_SAMPLE,
      trade_ids: [],
    },
  };
}

/** Both sides of a group against the rest of the journal. */
function rateCandidates(rate: RateCounts, journal: TriggerStatistics['shares'], ref: Omit<PatternRef, 'measure'>, make: (side: 'wins' | 'losses', test: RateTested) => Omit<Candidate, keyof Tested>): Candidate[] {
  const out: Candidate[] = [];
  for (const side of ['losses', 'wins'] as const) {
    const test = rateTest(rate, journal, side, ref);
    if (test !== null) out.push({ ...test, ...make(side, test) });
  }
  return out;
}

/** "(94 %, against 48 % of the other trades, n = 168; mean pnl -80.63; Fisher p < 0.001, …)." */
const rateTail = (test: RateTested, others: string, p: string): string =>
  `(${pct(test.count / test.evidence.n)}, against ${pct(test.restCount / test.restN)} of ${others}, n = ${test.restN}; mean pnl ${test.evidence.mean}; Fisher ${p}).`;

function archetypeCandidates(stats: TriggerStatistics): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [archetype, rate] of stats.archetypes) {
    candidates.push(
      ...rateCandidates(rate, stats.shares, { group: 'archetype', subject: archetype }, (side, test) => ({
        kind: side === 'wins' ? 'archetype_wins' : 'archetype_losses',
        subject: archetype,
        statement: (p) => `${archetype} ${verb(side)} ${test.count} of ${test.evidence.n} trades ${rateTail(test, 'the other trades', p)}`,
      })),
    );
  }
  return candidates;
}

/**
 * Each time block against the other blocks: its loss and win shares (the seed's blocks "for regret and success
 * pattern detection"), and the BLOCK_REGRETS scores, timing_regret without TIMING_FORMULA_BLOCK.
 */
function timeBlockCandidates(stats: TriggerStatistics): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [block, counts] of stats.blocks) {
    const ref = { group: 'block', subject: block } as const;
    candidates.push(
      ...rateCandidates(counts.rate, stats.shares, ref, (side, test) => ({
        kind: 'regret_time_block',
        subject: block,
        statement: (p) => `Entries in ${block} ${verb(side)} ${test.count} of ${test.evidence.n} trades ${rateTail(test, 'the entries in other blocks', p)}`,
      })),
    );
    for (const dimension of BLOCK_REGRETS) {
      const measure = counts.measures[dimension];
      if (measure === undefined) continue;
      const timing = dimension === 'timing_regret';
      const pooled = timing ? stats.pooledTimingOutsideFormula : (stats.pooled[dimension] ?? new Map<number, number>());
      const test = higherTest(measure, pooled, { ...ref, measure: dimension });
      if (test === null) continue;
      const { evidence } = test;
      const where = timing ? `the other blocks but ${TIMING_FORMULA_BLOCK} (whose timing the formula sets by the clock)` : 'the other blocks';
      candidates.push({
        ...test,
        kind: 'regret_time_block',
        subject: block,
        statement: (p) => `${dimension} averages ${evidence.mean.toFixed(2)} for entries in ${block} against ${evidence.baseline.toFixed(2)} in ${where} (n = ${evidence.n} vs ${evidence.baseline_n ?? 0}; Mann–Whitney ${p}).`,
      });
    }
  }
  return candidates;
}

/**
 * Each agent: the trades its representative signal was aligned with against all the others. An agent that
 * calls the money's way more often than chance wins more of the trades it agreed with than of the rest (its
 * hit rate, aligned and won or conflicted and lost, beats what its alignment rate and the journal's win rate
 * give by chance); one that calls it the wrong way loses more of them. Also: higher decay_regret on its trades.
 */
function agentCandidates(stats: TriggerStatistics): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [agent, counts] of stats.agents) {
    const ref = { group: 'agent', subject: agent } as const;
    candidates.push(
      ...rateCandidates(counts.rate, stats.shares, ref, (side, test) => ({
        kind: side === 'wins' ? 'agent_alpha' : 'agent_decay',
        subject: agent,
        statement: (p) => `Agent ${agent} was aligned with ${test.evidence.n} trades and ${test.count} of them ${side === 'wins' ? 'won' : 'lost'} ${rateTail(test, 'the trades it was not aligned with', p)}`,
      })),
    );
    const decay = higherTest(counts.decay, stats.pooled[AGENT_REGRET] ?? new Map<number, number>(), { ...ref, measure: AGENT_REGRET });
    if (decay !== null) {
      const { evidence } = decay;
      candidates.push({
        ...decay,
        kind: 'agent_decay',
        subject: agent,
        statement: (p) => `Trades agent ${agent} was aligned with average decay_regret ${evidence.mean.toFixed(2)} against ${evidence.baseline.toFixed(2)} for the others (n = ${evidence.n} vs ${evidence.baseline_n ?? 0}; Mann–Whitney ${p}).`,
      });
    }
  }
  return candidates;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every trigger that fires, ordered by kind (as listed), subject, then measure. Every pattern with the minimum
 * sample is tested, and the p-values of that whole family are adjusted by Holm before the SIGNIFICANCE_LEVEL
 * cut: a journal tries some fifty patterns, and without the adjustment a few would pass by chance in almost
 * every journal. `members` gives the trades behind a pattern that fires.
 */
export function triggersFromStatistics(stats: TriggerStatistics, members: PatternMembers): MemoryTrigger[] {
  const candidates = [...archetypeCandidates(stats), ...timeBlockCandidates(stats), ...agentCandidates(stats)];
  const adjusted = holmAdjusted(candidates.map((candidate) => candidate.p));
  const family = candidates.length;
  const triggers: MemoryTrigger[] = [];
  candidates.forEach((candidate, index) => {
    const q = adjusted[index] ?? 1;
    if (!(q < SIGNIFICANCE_LEVEL && candidate.effectHolds)) return;
    const evidence: Evidence = { ...candidate.evidence, trade_ids: members(candidate.ref), p_adjusted: significant(q), adjustment: 'holm', family_size: family };
    const p = `${fmtP(candidate.evidence.p_value)}, ${fmtP(q).replace('p', 'Holm-adjusted p')} over ${family} pattern${family === 1 ? '' : 's'} tested`;
    triggers.push({ kind: candidate.kind, subject: candidate.subject, statement: candidate.statement(p), evidence });
  });
  return triggers.sort(
    (a, b) =>
      MEMORY_TRIGGER_KINDS.indexOf(a.kind) - MEMORY_TRIGGER_KINDS.indexOf(b.kind) ||
      byText(a.subject, b.subject) ||
      byText(a.evidence.measure, b.evidence.measure),
  );
}

/** Whether a trade belongs to a pattern's trades: in its group, and decided (rates) or scored (a regret). */
export function isPatternMember(ref: PatternRef, trade: Pick<JournalEntry, 'pnl' | 'setup_archetype' | 'time_block' | RegretDimension>, alignedAgents: ReadonlySet<string>): boolean {
  const inGroup = ref.group === 'archetype' ? trade.setup_archetype === ref.subject : ref.group === 'block' ? trade.time_block === ref.subject : alignedAgents.has(ref.subject);
  if (!inGroup) return false;
  return ref.measure === 'win_rate' || ref.measure === 'loss_rate' ? trade.pnl !== 0 : trade[ref.measure] !== null;
}

/** Every trigger that fires on a list of entries (fed in that order); see triggersFromStatistics. */
export function findMemoryTriggers(entries: readonly JournalEntry[]): MemoryTrigger[] {
  const members: PatternMembers = (ref) =>
    entries
      .filter((entry) => isPatternMember(ref, entry, new Set(representativeSignals(entry.agents).filter((signal) => signal.aligned).map((signal) => signal.name))))
      .map((entry) => entry.id)
      .sort();
  return triggersFromStatistics(triggerStatisticsOf(entries), members);
}
