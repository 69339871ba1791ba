import { z } from 'zod';
import { TIME_BLOCKS } from '../domain/journal.ts';
import type { JournalEntry, RegretDimension, TimeBlock } from '../domain/journal.ts';
import { cohensH, fisherExactGreater, holmAdjusted, mannWhitneyByTieGroups, mannWhitneyGreater, tieGroups, type TieGroups } from './rankTests.ts';
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
 * The regret dimensions a time block is tested on, and why only these: a block is a time of day, and a score
 * whose formula reads the clock differs between blocks on any journal, random trades included. That is the
 * formula's doing, not the trader's. decay_regret is theta against the time left to the close, pin_regret
 * weighs the session's elapsed share and the room to the close, late_exit_regret's expiry crush counts the last
 * hour, and trap_entry_regret judges levels that exist only at some hours (the opening range is complete from
 * 09:45): all four are left out. entry_regret and exit_regret read only the trade's own bars.
 */
export const BLOCK_REGRETS: readonly RegretDimension[] = ['entry_regret', 'exit_regret', 'timing_regret'];
/**
 * timing_regret's chop part is set by the clock: every entry in [10:30, 12:30) ET (the chop_mid block) scores
 * at least TIMING_CHOP_BLOCK_TRENDING, and no entry outside it gets any. Outside that block timing is only the
 * tape and the mesh the trader entered on, so timing is compared between the other blocks, chop_mid left out.
 */
export const TIMING_FORMULA_BLOCK: TimeBlock = 'chop_mid';

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
const sortedIds = (entries: readonly JournalEntry[]): string[] => entries.map((entry) => entry.id).sort();

/**
 * A pattern tested on the journal: its evidence, and whether its effect is large and in the stated direction.
 * `members` lists the trades behind it; their sorted ids fill `trade_ids` only when the pattern fires.
 */
type Tested = {
  readonly evidence: Evidence;
  readonly effectHolds: boolean;
  /** The unrounded p-value, for the adjustment. */
  readonly p: number;
  readonly members: () => readonly JournalEntry[];
};
type Candidate = Tested & { readonly kind: MemoryTrigger['kind']; readonly subject: string; readonly statement: (p: string) => string };

/** A rate test with the counts its statement quotes. */
type RateTested = Tested & { readonly count: number; readonly restCount: number; readonly restN: number };

/** Decided trades (pnl ≠ 0) and how many of them won. */
type Shares = { readonly decided: number; readonly wins: number };
function sharesOf(entries: readonly JournalEntry[]): Shares {
  let decided = 0;
  let wins = 0;
  for (const entry of entries) {
    if (entry.pnl === 0) continue;
    decided += 1;
    if (entry.pnl > 0) wins += 1;
  }
  return { decided, wins };
}

/**
 * One-sided Fisher exact test that wins (or losses) make up more of the group's decided trades than of the
 * rest's, the rest being every other trade of the journal (`journal` holds the whole journal's shares). Both
 * need MINIMUM_SAMPLE decided trades.
 */
function rateTest(group: readonly JournalEntry[], shares: Shares, journal: Shares, side: 'wins' | 'losses'): RateTested | null {
  const n = shares.decided;
  const restN = journal.decided - n;
  if (n < MINIMUM_SAMPLE || restN < MINIMUM_SAMPLE) return null;
  const wins = shares.wins;
  const losses = n - wins;
  const restWins = journal.wins - wins;
  const count = side === 'wins' ? wins : losses;
  const restCount = side === 'wins' ? restWins : restN - restWins;
  const p = fisherExactGreater(count, n, count + restCount, n + restN);
  const h = cohensH(count / n, restCount / restN);
  const decided = (): JournalEntry[] => group.filter((entry) => entry.pnl !== 0);
  return {
    p,
    count,
    restCount,
    restN,
    effectHolds: h >= MINIMUM_EFFECT_SIZE,
    members: decided,
    evidence: {
      measure: side === 'wins' ? 'win_rate' : 'loss_rate',
      n,
      wins,
      losses,
      mean: round(mean(decided().map((entry) => entry.pnl)), 2),
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
 * The journal under test. Each regret dimension is read once into a column, and sorted once into tie groups
 * shared by all of its tests (five time blocks, every agent), on first use.
 */
type Journal = {
  readonly entries: readonly JournalEntry[];
  readonly shares: Shares;
  readonly columns: Map<RegretDimension, { readonly values: readonly (number | null)[]; readonly ties: TieGroups | null }>;
};

function columnOf(journal: Journal, measure: RegretDimension): { readonly values: readonly (number | null)[]; readonly ties: TieGroups | null } {
  const known = journal.columns.get(measure);
  if (known !== undefined) return known;
  const values = journal.entries.map((entry) => entry[measure]);
  const column = { values, ties: tieGroups(values) };
  journal.columns.set(measure, column);
  return column;
}

/**
 * One-sided Mann–Whitney test that `measure` is higher in the group than in the rest (both given as indexes
 * into the journal). Means add the values in journal order, as the plain version did.
 */
function higherTest(journal: Journal, groupIndexes: readonly number[], restIndexes: readonly number[], measure: RegretDimension): Tested | null {
  const { values, ties } = columnOf(journal, measure);
  let groupCount = 0;
  let groupSum = 0;
  for (const index of groupIndexes) {
    const value = values[index];
    if (value === null) continue;
    groupCount += 1;
    groupSum += value ?? 0;
  }
  let restCount = 0;
  let restSum = 0;
  for (const index of restIndexes) {
    // An absent value (a partial line) is not null: it counts, and its sum is NaN, as in the plain version.
    const value = values[index] as number | null;
    if (value === null) continue;
    restCount += 1;
    restSum += value;
  }
  if (groupCount < MINIMUM_SAMPLE || restCount < MINIMUM_SAMPLE) return null;
  const scoredOf = (indexes: readonly number[]): number[] => indexes.filter((index) => values[index] !== null);
  const test =
    ties === null
      ? mannWhitneyGreater(
          scoredOf(groupIndexes).map((index) => values[index] ?? 0),
          scoredOf(restIndexes).map((index) => values[index] as number),
        )
      : mannWhitneyByTieGroups(ties, groupIndexes, restIndexes);
  const groupMean = groupSum / groupCount;
  const restMean = restSum / restCount;
  return {
    p: test.pGreater,
    effectHolds: test.rankBiserial >= MINIMUM_EFFECT_SIZE && groupMean > restMean,
    members: () => scoredOf(groupIndexes).map((index) => journal.entries[index] as JournalEntry),
    evidence: {
      measure,
      n: groupCount,
      mean: round(groupMean, 4),
      baseline_n: restCount,
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

function groupBy(entries: readonly JournalEntry[], key: (entry: JournalEntry) => string): Map<string, JournalEntry[]> {
  const groups = new Map<string, JournalEntry[]>();
  for (const entry of entries) {
    const name = key(entry);
    const list = groups.get(name);
    if (list) list.push(entry);
    else groups.set(name, [entry]);
  }
  return groups;
}

/** Both sides of a group against the rest of the journal (`journal`: the whole journal's shares). */
function rateCandidates(group: readonly JournalEntry[], journal: Shares, make: (side: 'wins' | 'losses', test: RateTested) => Omit<Candidate, keyof Tested>): Candidate[] {
  const out: Candidate[] = [];
  const shares = sharesOf(group);
  for (const side of ['losses', 'wins'] as const) {
    const test = rateTest(group, shares, journal, side);
    if (test !== null) out.push({ ...test, ...make(side, test) });
  }
  return out;
}

/** "(94 %, against 48 % of the other trades, n = 168; mean pnl -80.63; Fisher p < 0.001, …)." */
const rateTail = (test: RateTested, others: string, p: string): string =>
  `(${pct(test.count / test.evidence.n)}, against ${pct(test.restCount / test.restN)} of ${others}, n = ${test.restN}; mean pnl ${test.evidence.mean}; Fisher ${p}).`;

function archetypeCandidates(journal: Journal): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [archetype, group] of groupBy(journal.entries, (entry) => entry.setup_archetype)) {
    candidates.push(
      ...rateCandidates(group, journal.shares, (side, test) => ({
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
function timeBlockCandidates(journal: Journal): Candidate[] {
  const candidates: Candidate[] = [];
  for (const block of TIME_BLOCKS) {
    const group: number[] = [];
    const rest: number[] = [];
    journal.entries.forEach((entry, index) => (entry.time_block === block ? group : rest).push(index));
    candidates.push(
      ...rateCandidates(
        group.map((index) => journal.entries[index] as JournalEntry),
        journal.shares,
        (side, test) => ({
          kind: 'regret_time_block',
          subject: block,
          statement: (p) => `Entries in ${block} ${verb(side)} ${test.count} of ${test.evidence.n} trades ${rateTail(test, 'the entries in other blocks', p)}`,
        }),
      ),
    );
    for (const dimension of BLOCK_REGRETS) {
      const timing = dimension === 'timing_regret';
      if (timing && block === TIMING_FORMULA_BLOCK) continue;
      const others = timing ? rest.filter((index) => journal.entries[index]?.time_block !== TIMING_FORMULA_BLOCK) : rest;
      const test = higherTest(journal, group, others, dimension);
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
function agentCandidates(journal: Journal): Candidate[] {
  const { entries } = journal;
  const alignedBy = new Map<string, { entries: JournalEntry[]; indexes: number[] }>();
  entries.forEach((entry, index) => {
    for (const signal of representativeSignals(entry.agents)) {
      if (!signal.aligned) continue;
      const list = alignedBy.get(signal.name);
      if (list) {
        list.entries.push(entry);
        list.indexes.push(index);
      } else alignedBy.set(signal.name, { entries: [entry], indexes: [index] });
    }
  });
  const candidates: Candidate[] = [];
  for (const [agent, { entries: aligned, indexes: alignedIndexes }] of alignedBy) {
    const alignedIndexSet = new Set(alignedIndexes);
    const others: number[] = [];
    entries.forEach((_, index) => {
      if (!alignedIndexSet.has(index)) others.push(index);
    });
    candidates.push(
      ...rateCandidates(aligned, journal.shares, (side, test) => ({
        kind: side === 'wins' ? 'agent_alpha' : 'agent_decay',
        subject: agent,
        statement: (p) => `Agent ${agent} was aligned with ${test.evidence.n} trades and ${test.count} of them ${side === 'wins' ? 'won' : 'lost'} ${rateTail(test, 'the trades it was not aligned with', p)}`,
      })),
    );
    const decay = higherTest(journal, alignedIndexes, others, 'decay_regret');
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
 * Every trigger that fires, ordered by kind (as listed), subject, then measure; independent of input order.
 * Every pattern with the minimum sample is tested, and the p-values of that whole family are adjusted by Holm
 * before the SIGNIFICANCE_LEVEL cut: a journal tries some fifty patterns, and without the adjustment a few
 * would pass by chance in almost every journal.
 */
export function findMemoryTriggers(entries: readonly JournalEntry[]): MemoryTrigger[] {
  const journal: Journal = { entries, shares: sharesOf(entries), columns: new Map() };
  const candidates = [...archetypeCandidates(journal), ...timeBlockCandidates(journal), ...agentCandidates(journal)];
  const adjusted = holmAdjusted(candidates.map((candidate) => candidate.p));
  const family = candidates.length;
  const triggers: MemoryTrigger[] = [];
  candidates.forEach((candidate, index) => {
    const q = adjusted[index] ?? 1;
    if (!(q < SIGNIFICANCE_LEVEL && candidate.effectHolds)) return;
    const evidence: Evidence = { ...candidate.evidence, trade_ids: sortedIds(candidate.members()), p_adjusted: significant(q), adjustment: 'holm', family_size: family };
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
