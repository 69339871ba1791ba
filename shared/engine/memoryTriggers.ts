import { z } from 'zod';
import { REGRET_DIMENSIONS, TIME_BLOCKS } from '../domain/journal.ts';
import type { JournalEntry } from '../domain/journal.ts';
import { mannWhitneyByTieGroups, mannWhitneyGreater, tieGroups, type TieGroups } from './rankTests.ts';
import { representativeSignals } from './reinforcement.ts';

export { mannWhitneyGreater, normalUpperTail, type MannWhitney } from './rankTests.ts';

/**
 * Seed step 7, memory triggers: patterns worth committing to an assistant's memory. Each is a one-sided
 * test of a named pattern with its counts, an effect size and a p-value; it fires only when the group
 * has at least MINIMUM_SAMPLE trades (and, for a comparison, so does the rest), its p-value adjusted by
 * Benjamini–Hochberg over every pattern tested on the journal is below SIGNIFICANCE_LEVEL, and the effect is
 * at least MINIMUM_EFFECT_SIZE. The adjustment keeps a journal of noise from firing (dozens of patterns are
 * tried); the effect-size floor keeps large journals from firing on trivial differences.
 *  - win/loss rates: exact binomial test against a coin flip (0.5), effect = Cohen's h;
 *    scratches (pnl = 0) are left out of the counts;
 *  - "higher in this group than the rest": Mann–Whitney U, normal approximation with tie and continuity
 *    corrections, effect = rank-biserial correlation 2U/(n₁n₂) − 1.
 */
export const MINIMUM_SAMPLE = 5;
export const SIGNIFICANCE_LEVEL = 0.05;
export const MINIMUM_EFFECT_SIZE = 0.2;
export const COIN_FLIP = 0.5;

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
    /** The rate or mean it was compared with. */
    baseline: z.number(),
    effect_size: z.number(),
    effect_measure: z.enum(['cohens_h', 'rank_biserial']),
    p_value: z.number().min(0).max(1),
    /** Benjamini–Hochberg adjusted p-value over every pattern tested on the journal: the figure the cut uses. */
    p_adjusted: z.number().min(0).max(1).optional(),
    /** How many patterns met the minimum sample and were tested (the family the adjustment is over). */
    family_size: z.number().int().positive().optional(),
    test: z.string(),
    minimum_sample: z.number().int().positive(),
    trade_ids: z.array(z.string()),
  }),
});
export type MemoryTrigger = z.infer<typeof memoryTriggerSchema>;
type Evidence = MemoryTrigger['evidence'];

// ---- statistics -------------------------------------------------------------------------------------

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const shifted = x - 1;
  let series = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i += 1) series += (LANCZOS[i] ?? 0) / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed exactly term by term in log space. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const lnChooseBase = lnGamma(n + 1);
  let total = 0;
  for (let i = k; i <= n; i += 1) {
    const lnTerm = lnChooseBase - lnGamma(i + 1) - lnGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log(1 - p);
    const term = Math.exp(lnTerm);
    total += term;
    if (i > n * p && term < total * 1e-17) break;
  }
  return Math.min(1, total);
}

/** Cohen's h between two proportions: 2·asin√p₁ − 2·asin√p₂. */
export function cohensH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

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
type RegretDimension = (typeof REGRET_DIMENSIONS)[number];

/** One-sided binomial test that `count` (wins or losses) of the decided trades exceeds a coin flip. */
function rateTest(entries: readonly JournalEntry[], side: 'wins' | 'losses'): Tested | null {
  const decided = entries.filter((entry) => entry.pnl !== 0);
  const n = decided.length;
  if (n < MINIMUM_SAMPLE) return null;
  const wins = decided.filter((entry) => entry.pnl > 0).length;
  const losses = n - wins;
  const count = side === 'wins' ? wins : losses;
  const p = binomialUpperTail(count, n, COIN_FLIP);
  const h = cohensH(count / n, COIN_FLIP);
  return {
    p,
    effectHolds: h >= MINIMUM_EFFECT_SIZE,
    members: () => decided,
    evidence: {
      measure: side === 'wins' ? 'win_rate' : 'loss_rate',
      n,
      wins,
      losses,
      mean: round(mean(decided.map((entry) => entry.pnl)), 2),
      baseline: COIN_FLIP,
      effect_size: round(h, 4),
      effect_measure: 'cohens_h',
      p_value: significant(p),
      test: `exact binomial, one-sided, ${side} vs ${COIN_FLIP}`,
      minimum_sample: MINIMUM_SAMPLE,
      trade_ids: [],
    },
  };
}

/**
 * The journal under test. Each regret dimension is read once into a column, and sorted once into tie groups
 * shared by all of its tests (five time blocks, every agent), on first use.
 */
type Journal = {
  readonly entries: readonly JournalEntry[];
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

function archetypeCandidates(entries: readonly JournalEntry[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [archetype, group] of groupBy(entries, (entry) => entry.setup_archetype)) {
    for (const side of ['losses', 'wins'] as const) {
      const test = rateTest(group, side);
      if (test === null) continue;
      const { evidence } = test;
      const count = side === 'wins' ? (evidence.wins ?? 0) : (evidence.losses ?? 0);
      candidates.push({
        ...test,
        kind: side === 'wins' ? 'archetype_wins' : 'archetype_losses',
        subject: archetype,
        statement: (p) => `${archetype} ${side === 'wins' ? 'won' : 'lost'} ${count} of ${evidence.n} trades (${pct(count / evidence.n)}, against ${pct(COIN_FLIP)} for a coin flip; mean pnl ${evidence.mean}; binomial ${p}).`,
      });
    }
  }
  return candidates;
}

function timeBlockCandidates(journal: Journal): Candidate[] {
  const candidates: Candidate[] = [];
  for (const block of TIME_BLOCKS) {
    const group: number[] = [];
    const rest: number[] = [];
    journal.entries.forEach((entry, index) => (entry.time_block === block ? group : rest).push(index));
    for (const dimension of REGRET_DIMENSIONS) {
      const test = higherTest(journal, group, rest, dimension);
      if (test === null) continue;
      const { evidence } = test;
      candidates.push({
        ...test,
        kind: 'regret_time_block',
        subject: block,
        statement: (p) => `${dimension} averages ${evidence.mean.toFixed(2)} for entries in ${block} against ${evidence.baseline.toFixed(2)} in the other blocks (n = ${evidence.n} vs ${evidence.baseline_n ?? 0}; Mann–Whitney ${p}).`,
      });
    }
  }
  return candidates;
}

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
    const alpha = rateTest(aligned, 'wins');
    if (alpha !== null) {
      const { evidence } = alpha;
      candidates.push({
        ...alpha,
        kind: 'agent_alpha',
        subject: agent,
        statement: (p) => `Agent ${agent} was aligned with ${evidence.wins ?? 0} winning trades of ${evidence.n} (${pct((evidence.wins ?? 0) / evidence.n)}; mean pnl ${evidence.mean}; binomial ${p}).`,
      });
    }
    const losing = rateTest(aligned, 'losses');
    if (losing !== null) {
      const { evidence } = losing;
      candidates.push({
        ...losing,
        kind: 'agent_decay',
        subject: agent,
        statement: (p) => `Agent ${agent} was aligned with ${evidence.losses ?? 0} losing trades of ${evidence.n} (${pct((evidence.losses ?? 0) / evidence.n)}; mean pnl ${evidence.mean}; binomial ${p}).`,
      });
    }
    const alignedIds = new Set(aligned.map((entry) => entry.id));
    const others: number[] = [];
    entries.forEach((entry, index) => {
      if (!alignedIds.has(entry.id)) others.push(index);
    });
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

/**
 * Benjamini–Hochberg adjusted p-values (q-values) of a family of tests, in the family's order:
 * q₍ᵢ₎ = min over j ≥ i of m · p₍ⱼ₎ / j on the ascending p-values, capped at 1.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const item = order[rank - 1];
    if (item === undefined) continue;
    running = Math.min(running, (m * item.p) / rank);
    adjusted[item.index] = Math.min(1, running);
  }
  return adjusted;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every trigger that fires, ordered by kind (as listed), subject, then measure; independent of input order.
 * Every pattern with the minimum sample is tested, and the p-values of that whole family are adjusted by
 * Benjamini–Hochberg before the SIGNIFICANCE_LEVEL cut: a journal of pure noise tries dozens of patterns, and
 * without the adjustment a few would pass by chance in almost every journal.
 */
export function findMemoryTriggers(entries: readonly JournalEntry[]): MemoryTrigger[] {
  const journal: Journal = { entries, columns: new Map() };
  const candidates = [...archetypeCandidates(entries), ...timeBlockCandidates(journal), ...agentCandidates(journal)];
  const adjusted = benjaminiHochberg(candidates.map((candidate) => candidate.p));
  const family = candidates.length;
  const triggers: MemoryTrigger[] = [];
  candidates.forEach((candidate, index) => {
    const q = adjusted[index] ?? 1;
    if (!(q < SIGNIFICANCE_LEVEL && candidate.effectHolds)) return;
    const evidence: Evidence = { ...candidate.evidence, trade_ids: sortedIds(candidate.members()), p_adjusted: significant(q), family_size: family };
    const p = `${fmtP(candidate.evidence.p_value)}, ${fmtP(q).replace('p', 'adjusted p')} over ${family} pattern${family === 1 ? '' : 's'} tested`;
    triggers.push({ kind: candidate.kind, subject: candidate.subject, statement: candidate.statement(p), evidence });
  });
  return triggers.sort(
    (a, b) =>
      MEMORY_TRIGGER_KINDS.indexOf(a.kind) - MEMORY_TRIGGER_KINDS.indexOf(b.kind) ||
      byText(a.subject, b.subject) ||
      byText(a.evidence.measure, b.evidence.measure),
  );
}
