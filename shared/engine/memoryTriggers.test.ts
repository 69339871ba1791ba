import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { JournalEntry, RegretScores, SetupArchetype, TimeBlock } from '../domain/journal.ts';
import type { Polarity } from '../domain/trade.ts';
import {
  benjaminiHochberg,
  BLOCK_REGRETS,
  cohensH,
  findMemoryTriggers,
  fisherExactGreater,
  holmAdjusted,
  lnGamma,
  mannWhitneyGreater,
  memoryTriggerSchema,
  MINIMUM_EFFECT_SIZE,
  MINIMUM_SAMPLE,
  normalUpperTail,
  SIGNIFICANCE_LEVEL,
  TIMING_FORMULA_BLOCK,
} from './memoryTriggers.ts';
import { TIMING_CHOP_END_MINUTE, TIMING_CHOP_START_MINUTE } from './regret/timing.ts';
import { entry, zeroRegrets } from './testEntries.ts';
import { TIME_BLOCK_BOUNDS } from './timeBlock.ts';

let counter = 0;
/** A seeded generator so the noise tests are repeatable. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const randomScores = (random: () => number): Partial<RegretScores> => ({
  entry_regret: random(),
  exit_regret: random(),
  timing_regret: random(),
  decay_regret: random(),
  pin_regret: random(),
  trap_entry_regret: random(),
  late_exit_regret: random(),
});
function trade(pnl: number, options: { archetype?: SetupArchetype; block?: TimeBlock; scores?: Partial<RegretScores>; agent?: string; polarity?: Polarity } = {}): JournalEntry {
  counter += 1;
  const agents = options.agent ? [{ name: options.agent, polarity: options.polarity ?? 'bullish' }] : [];
  return entry(`m${String(counter).padStart(4, '0')}`, counter, pnl, 'bullish', agents, { ...zeroRegrets, ...options.scores }, {
    setup_archetype: options.archetype ?? 'unclassified',
    time_block: options.block ?? 'early_open',
  });
}
const times = <T>(n: number, make: (index: number) => T): T[] => Array.from({ length: n }, (_, index) => make(index));
/** `wins` winners and `n − wins` losers, made by `make(pnl)`. */
const split = (n: number, wins: number, make: (pnl: number, index: number) => JournalEntry): JournalEntry[] => times(n, (index) => make(index < wins ? 50 : -50, index));
const named = (triggers: readonly { kind: string; subject: string; evidence: { measure: string } }[]): string[] => triggers.map((trigger) => `${trigger.kind}:${trigger.subject}:${trigger.evidence.measure}`);

/** P(X ≥ x) for the hypergeometric X, term by term from the definition. */
function bruteFisher(x: number, n: number, successes: number, total: number): number {
  const choose = (a: number, b: number): number => (b < 0 || b > a ? 0 : Math.exp(lnGamma(a + 1) - lnGamma(b + 1) - lnGamma(a - b + 1)));
  let sum = 0;
  for (let k = Math.max(0, x); k <= n; k += 1) sum += (choose(successes, k) * choose(total - successes, n - k)) / choose(total, n);
  return Math.min(1, sum);
}

describe('statistics behind the memory triggers', () => {
  it('fisherExactGreater: the exact hypergeometric tail (the lady tasting tea: 4 of 4 is 1/70, 3 or more 17/70)', () => {
    expect(fisherExactGreater(4, 4, 4, 8)).toBeCloseTo(1 / 70, 12);
    expect(fisherExactGreater(3, 4, 4, 8)).toBeCloseTo(17 / 70, 12);
    expect(fisherExactGreater(0, 4, 4, 8)).toBe(1);
    expect(fisherExactGreater(5, 4, 4, 8)).toBe(0);
    // 6 of 6 losses in a group when 6 of the journal's 12 trades lost: 1 / C(12, 6)
    expect(fisherExactGreater(6, 6, 6, 12)).toBeCloseTo(1 / 924, 12);
  });

  it('fisherExactGreater equals the sum of its terms on either side of the mode', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), fc.nat(), fc.nat(), (total, a, b, c) => {
        const n = a % (total + 1);
        const successes = b % (total + 1);
        const x = c % (n + 2);
        expect(fisherExactGreater(x, n, successes, total)).toBeCloseTo(bruteFisher(x, n, successes, total), 10);
      }),
      { numRuns: 300 },
    );
    // A large journal: far tails stay positive and finite, the bulk stays a probability.
    expect(fisherExactGreater(700, 1000, 1000, 4000)).toBeGreaterThan(0);
    expect(fisherExactGreater(700, 1000, 1000, 4000)).toBeLessThan(1e-100);
    expect(fisherExactGreater(240, 1000, 1000, 4000)).toBeGreaterThan(0.75);
  });

  it('holmAdjusted: p̃₍ᵢ₎ = max over j ≤ i of (m − j + 1) · p₍ⱼ₎, in the input order, capped at 1', () => {
    const adjusted = holmAdjusted([0.01, 0.04, 0.03, 0.5]);
    [0.04, 0.09, 0.09, 0.5].forEach((value, index) => expect(adjusted[index]).toBeCloseTo(value, 12));
    expect(holmAdjusted([0.9, 0.95])).toEqual([1, 1]);
    expect(holmAdjusted([])).toEqual([]);
  });

  it('benjaminiHochberg (kept for comparison): q₍ᵢ₎ = min over j ≥ i of m · p₍ⱼ₎ / j', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.5])).toEqual([0.04, (0.04 * 4) / 3, (0.04 * 4) / 3, 0.5]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('normal tail, Cohen’s h, Mann–Whitney U with rank-biserial effect', () => {
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(cohensH(1, 0.5)).toBeCloseTo(Math.PI / 2, 12);
    const result = mannWhitneyGreater([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
    expect(result.u).toBe(25);
    expect(result.rankBiserial).toBe(1);
    expect(result.pGreater).toBeCloseTo(normalUpperTail(12 / Math.sqrt((25 / 12) * 11)), 10);
    expect(mannWhitneyGreater([1, 1, 1], [1, 1, 1]).pGreater).toBe(1);
  });
});

describe('memory triggers (seed step 7)', () => {
  it('archetype_losses: an archetype that loses more often than the rest of the journal, with counts, effect size and Fisher p', () => {
    const entries = [...times(6, () => trade(-80, { archetype: 'pin_fade' })), ...times(6, () => trade(50, { archetype: 'momentum_break' }))];
    const triggers = findMemoryTriggers(entries);
    // four patterns are tested (each archetype, both ways); Holm: 4 · 1/924 for the two smallest
    expect(named(triggers)).toEqual(['archetype_losses:pin_fade:loss_rate', 'archetype_wins:momentum_break:win_rate']);
    expect(triggers[0]?.evidence).toMatchObject({ n: 6, wins: 0, losses: 6, baseline_n: 6, baseline: 0, p_value: 0.001082, p_adjusted: 0.004329, adjustment: 'holm', family_size: 4, effect_measure: 'cohens_h', minimum_sample: MINIMUM_SAMPLE });
    expect(triggers[0]?.evidence.effect_size).toBeCloseTo(Math.PI, 3);
    expect(triggers[0]?.statement).toBe(
      'pin_fade lost 6 of 6 trades (100 %, against 0 % of the other trades, n = 6; mean pnl -80; Fisher p = 0.001, Holm-adjusted p = 0.004 over 4 patterns tested).',
    );
  });

  it('each group is tested against the rest of the same journal, not against 50 %: at a 35 % win rate no archetype is "losing"', () => {
    // Four archetypes, 60 trades each, each winning 21 (35 %). Against a coin flip every one "loses"
    // (39 of 60: binomial p = 0.014); against the rest of the journal none differs.
    const archetypes = ['pin_fade', 'momentum_break', 'fade_reversal', 'gamma_flip'] as const;
    const entries = archetypes.flatMap((archetype) => split(60, 21, (pnl) => trade(pnl, { archetype })));
    expect(findMemoryTriggers(entries)).toEqual([]);
    // The same at 65 %: no archetype "wins".
    const winning = archetypes.flatMap((archetype) => split(60, 39, (pnl) => trade(pnl, { archetype })));
    expect(findMemoryTriggers(winning)).toEqual([]);
  });

  it('archetype_wins: an archetype that wins more often than the rest, found inside a losing journal', () => {
    // 18 of 24 gamma_flip wins (75 %) against 30 of 96 (31 %) elsewhere: a 40 % journal.
    const entries = [...split(24, 18, (pnl) => trade(pnl, { archetype: 'gamma_flip' })), ...split(96, 30, (pnl) => trade(pnl, { archetype: 'momentum_break' }))];
    const triggers = findMemoryTriggers(entries);
    expect(named(triggers)).toEqual(['archetype_losses:momentum_break:loss_rate', 'archetype_wins:gamma_flip:win_rate']);
    const wins = triggers[1]?.evidence;
    expect(wins).toMatchObject({ n: 24, wins: 18, baseline_n: 96, baseline: 0.3125 });
    expect(wins?.p_value).toBeCloseTo(fisherExactGreater(18, 24, 48, 120), 6);
    expect(wins?.effect_size).toBeCloseTo(cohensH(0.75, 0.3125), 4);
  });

  it('nothing triggers below MINIMUM_SAMPLE, in the group or in the rest, however one-sided', () => {
    expect(MINIMUM_SAMPLE).toBe(5);
    const small = [...times(MINIMUM_SAMPLE - 1, () => trade(-100, { archetype: 'gamma_flip', agent: 'gamma', block: 'chop_mid', scores: { exit_regret: 1 } })), ...times(20, () => trade(100, { block: 'setup_mid' }))];
    expect(findMemoryTriggers(small).filter((trigger) => trigger.subject === 'gamma_flip' || trigger.subject === 'chop_mid' || trigger.subject === 'gamma')).toEqual([]);
    // The rest too small: 20 losses against 4 wins elsewhere are not compared.
    const noRest = [...times(20, () => trade(-100, { archetype: 'gamma_flip', block: 'chop_mid' })), ...times(MINIMUM_SAMPLE - 1, () => trade(100, { archetype: 'pin_fade', block: 'chop_mid' }))];
    expect(findMemoryTriggers(noRest)).toEqual([]);
  });

  it('nothing triggers without significance after the adjustment: 4 losses of 5 against 2 of 5', () => {
    const entries = [...split(5, 1, (pnl) => trade(pnl, { archetype: 'fade_reversal' })), ...split(5, 3, (pnl) => trade(pnl, { archetype: 'pin_fade' }))];
    expect(findMemoryTriggers(entries)).toEqual([]);
  });

  it('the effect-size floor: a large journal does not fire on a small difference however significant', () => {
    // 2,000 trades winning 54 % against 2,000 winning 46 %: Fisher p ≈ 2·10⁻⁷, but h = 0.16 < 0.2.
    const entries = [...split(2000, 1080, (pnl) => trade(pnl, { archetype: 'gamma_flip' })), ...split(2000, 920, (pnl) => trade(pnl, { archetype: 'pin_fade' }))];
    expect(fisherExactGreater(1080, 2000, 2000, 4000)).toBeLessThan(1e-6);
    expect(cohensH(0.54, 0.46)).toBeLessThan(MINIMUM_EFFECT_SIZE);
    expect(findMemoryTriggers(entries)).toEqual([]);
  });

  it('the family-wise error: every p-value is Holm-adjusted over all patterns tested before the cut', () => {
    // 12 of 12 losses against 3 of 12: raw p = 1.7·10⁻⁴. 14 patterns are tested (2 archetypes and 2 blocks both
    // ways, each block's entry, exit and timing regret), so the smallest p is adjusted to 14 · p.
    const entries = [...split(12, 0, (pnl) => trade(pnl, { archetype: 'pin_fade', block: 'setup_mid' })), ...split(12, 9, (pnl) => trade(pnl, { archetype: 'momentum_break', block: 'decay_close' }))];
    const triggers = findMemoryTriggers(entries);
    const pin = triggers.find((trigger) => trigger.kind === 'archetype_losses');
    expect(pin?.evidence.p_value).toBeCloseTo(fisherExactGreater(12, 12, 15, 24), 6);
    expect(pin?.evidence.family_size).toBe(14);
    expect(pin?.evidence.p_adjusted).toBeCloseTo(14 * fisherExactGreater(12, 12, 15, 24), 5);
    for (const trigger of triggers) expect(trigger.evidence.p_adjusted ?? 1).toBeLessThan(SIGNIFICANCE_LEVEL);
    // 10 of 12 against 4 of 12 (raw p = 0.018) does not survive the same family: 14 · 0.018 > 0.05.
    const weaker = [...split(12, 2, (pnl) => trade(pnl, { archetype: 'pin_fade', block: 'setup_mid' })), ...split(12, 8, (pnl) => trade(pnl, { archetype: 'momentum_break', block: 'decay_close' }))];
    expect(fisherExactGreater(10, 12, 14, 24)).toBeLessThan(SIGNIFICANCE_LEVEL);
    expect(findMemoryTriggers(weaker)).toEqual([]);
  });

  it('regret_time_block (loss_rate): a time block that loses more often than the other blocks', () => {
    const entries = [
      ...split(16, 1, (pnl, index) => trade(pnl, { block: 'chop_mid', archetype: (['pin_fade', 'gamma_flip'] as const)[index % 2] })),
      ...split(16, 9, (pnl, index) => trade(pnl, { block: 'early_open', archetype: (['pin_fade', 'gamma_flip'] as const)[index % 2] })),
      ...split(16, 9, (pnl, index) => trade(pnl, { block: 'setup_mid', archetype: (['pin_fade', 'gamma_flip'] as const)[index % 2] })),
    ];
    const triggers = findMemoryTriggers(entries);
    expect(named(triggers)).toEqual(['regret_time_block:chop_mid:loss_rate']);
    expect(triggers[0]?.evidence).toMatchObject({ n: 16, wins: 1, losses: 15, baseline_n: 32, baseline: 0.4375, measure: 'loss_rate' });
    expect(triggers[0]?.evidence.p_value).toBeCloseTo(fisherExactGreater(15, 16, 29, 48), 6);
    expect(triggers[0]?.statement).toMatch(/^Entries in chop_mid lost 15 of 16 trades \(94 %, against 44 % of the entries in other blocks, n = 32; mean pnl -43\.75; Fisher p < 0\.001, Holm-adjusted p = 0\.0\d\d over \d+ patterns tested\)\.$/);
  });

  it('regret_time_block leaves out what the formula puts in a block: chop_mid’s timing_regret, and the regrets that read the clock', () => {
    expect(BLOCK_REGRETS).toEqual(['entry_regret', 'exit_regret', 'timing_regret']);
    // timing's chop part is on every entry in chop_mid and none elsewhere; decay, pin, late exit and trap by the clock.
    const entries = [
      ...times(12, (index) => trade(index % 2 ? 40 : -40, { block: 'chop_mid', scores: { timing_regret: 0.9, decay_regret: 0.1, pin_regret: 0.1 } })),
      ...times(12, (index) => trade(index % 2 ? 40 : -40, { block: 'decay_close', scores: { timing_regret: 0.2, decay_regret: 0.9, pin_regret: 0.9, late_exit_regret: 0.9, trap_entry_regret: 0.9 } })),
      ...times(12, (index) => trade(index % 2 ? 40 : -40, { block: 'early_open', scores: { timing_regret: 0.2, decay_regret: 0.1, pin_regret: 0.1 } })),
    ];
    expect(findMemoryTriggers(entries)).toEqual([]);
  });

  it('TIMING_FORMULA_BLOCK is exactly the window of timing_regret’s chop part', () => {
    const bounds = TIME_BLOCK_BOUNDS.find((bound) => bound.block === TIMING_FORMULA_BLOCK);
    expect(bounds).toMatchObject({ startMinute: TIMING_CHOP_START_MINUTE, endMinute: TIMING_CHOP_END_MINUTE });
  });

  it('regret_time_block (timing_regret): timing higher in one block than in the other blocks but chop_mid', () => {
    const entries = [
      ...times(8, (index) => trade(index % 2 ? 40 : -40, { block: 'chop_mid', scores: { timing_regret: 0.95 } })),
      ...times(8, (index) => trade(index % 2 ? 40 : -40, { block: 'decay_close', scores: { timing_regret: 0.8 + index * 0.01 } })),
      ...times(8, (index) => trade(index % 2 ? 40 : -40, { block: 'early_open', scores: { timing_regret: 0.1 + index * 0.01 } })),
    ];
    const triggers = findMemoryTriggers(entries);
    expect(named(triggers)).toEqual(['regret_time_block:decay_close:timing_regret']);
    // compared with early_open only (n = 8), chop_mid's 0.95 left out
    expect(triggers[0]?.evidence).toMatchObject({ n: 8, baseline_n: 8, baseline: 0.135, effect_size: 1, effect_measure: 'rank_biserial' });
    expect(triggers[0]?.statement).toMatch(/^timing_regret averages 0\.8[34] for entries in decay_close against 0\.14 in the other blocks but chop_mid \(whose timing the formula sets by the clock\) \(n = 8 vs 8; Mann–Whitney p < 0\.001, Holm-adjusted p = 0\.0\d\d over \d+ patterns tested\)\.$/);
  });

  it('regret_time_block (exit_regret): a regret the trader makes higher in one block than the rest', () => {
    const entries = [
      ...times(10, (index) => trade(index % 2 ? 40 : -40, { block: 'setup_mid', scores: { exit_regret: 0.7 + index * 0.02 } })),
      ...times(10, (index) => trade(index % 2 ? 40 : -40, { block: 'early_open', scores: { exit_regret: 0.1 + index * 0.02 } })),
    ];
    expect(named(findMemoryTriggers(entries))).toEqual(['regret_time_block:setup_mid:exit_regret']);
  });

  it('agent_alpha: the trades an agent was aligned with win more often than the trades it was not', () => {
    // flow aligned: 10 of 12 won; against it: 3 of 12 won. Hit rate (aligned & win or conflicted & loss) 19/24.
    const entries = [...split(12, 10, (pnl) => trade(pnl, { agent: 'flow' })), ...split(12, 3, (pnl) => trade(pnl, { agent: 'flow', polarity: 'bearish' }))];
    const triggers = findMemoryTriggers(entries);
    expect(named(triggers)).toEqual(['agent_alpha:flow:win_rate']);
    expect(triggers[0]?.evidence).toMatchObject({ n: 12, wins: 10, baseline_n: 12, baseline: 0.25 });
    expect(triggers[0]?.evidence.p_value).toBeCloseTo(fisherExactGreater(10, 12, 13, 24), 6);
    expect(triggers[0]?.statement).toMatch(/^Agent flow was aligned with 12 trades and 10 of them won \(83 %, against 25 % of the trades it was not aligned with, n = 12; mean pnl 33\.33; Fisher p = 0\.00\d, Holm-adjusted p = 0\.0\d\d over \d+ patterns tested\)\.$/);
  });

  it('a coin-flip agent in a losing journal is neither alpha nor decay: its trades lose as often as the others', () => {
    // 35 % journal; the agent is aligned with half the trades and they win 35 % like the rest.
    const entries = [...split(40, 14, (pnl) => trade(pnl, { agent: 'coin' })), ...split(40, 14, (pnl) => trade(pnl, { agent: 'coin', polarity: 'bearish' }))];
    expect(findMemoryTriggers(entries)).toEqual([]);
  });

  it('agent_decay: an agent whose trades lose more often than the rest, or carry more decay_regret', () => {
    const entries = [
      ...times(8, () => trade(-100, { agent: 'theta', scores: { decay_regret: 0.9 } })),
      ...times(8, (index) => trade(index % 4 ? 40 : -40, { scores: { decay_regret: 0.2 } })),
    ];
    const decay = findMemoryTriggers(entries).filter((trigger) => trigger.kind === 'agent_decay');
    expect(decay.map((trigger) => [trigger.subject, trigger.evidence.measure])).toEqual([
      ['theta', 'decay_regret'],
      ['theta', 'loss_rate'],
    ]);
  });

  it('a planted strong pattern fires with its evidence: 30 pin_fade losses out of 32 among 200 mixed trades', () => {
    const random = lcg(7);
    const noise = times(168, () => trade(random() < 0.5 ? 40 : -40, { archetype: (['momentum_break', 'fade_reversal', 'gamma_flip'] as const)[Math.floor(random() * 3)], block: (['early_open', 'chop_mid', 'setup_mid'] as const)[Math.floor(random() * 3)], scores: randomScores(random) }));
    const planted = times(32, (index) => trade(index < 30 ? -90 : 60, { archetype: 'pin_fade', block: 'decay_close', scores: randomScores(random) }));
    const triggers = findMemoryTriggers([...noise, ...planted]);
    const pin = triggers.find((trigger) => trigger.kind === 'archetype_losses' && trigger.subject === 'pin_fade');
    expect(pin).toBeDefined();
    const restLosses = noise.filter((item) => item.pnl < 0).length;
    expect(pin?.evidence).toMatchObject({ n: 32, wins: 2, losses: 30, baseline_n: 168, measure: 'loss_rate', effect_measure: 'cohens_h' });
    expect((pin?.evidence.p_value ?? 0) / fisherExactGreater(30, 32, 30 + restLosses, 200)).toBeCloseTo(1, 3);
    expect(pin?.evidence.p_adjusted ?? 1).toBeLessThan(0.001);
    expect(pin?.evidence.effect_size).toBeGreaterThan(0.8);
    expect(pin?.evidence.trade_ids).toEqual(planted.map((item) => item.id).sort());
    // the same 32 trades are the decay_close block: found there too
    expect(triggers.some((trigger) => trigger.kind === 'regret_time_block' && trigger.subject === 'decay_close' && trigger.evidence.measure === 'loss_rate')).toBe(true);
  });

  it('random noise rarely fires: at most 2 of 40 random journals (30 to 300 trades) raise any trigger', () => {
    let firing = 0;
    for (let run = 0; run < 40; run += 1) {
      const random = lcg(1000 + run);
      const size = 30 + Math.floor(random() * 270);
      const winRate = 0.35 + random() * 0.3;
      const archetypes = ['momentum_break', 'fade_reversal', 'gamma_flip', 'trap_avoidance', 'pin_fade', 'unclassified'] as const;
      const blocks = ['early_open', 'chop_mid', 'setup_mid', 'decay_close', 'outside_session'] as const;
      const journal = times(size, () =>
        trade(random() < winRate ? 50 : -50, {
          archetype: archetypes[Math.floor(random() * archetypes.length)] ?? 'unclassified',
          block: blocks[Math.floor(random() * blocks.length)] ?? 'early_open',
          agent: ['a', 'b', 'c'][Math.floor(random() * 3)] ?? 'a',
          polarity: random() < 0.5 ? 'bullish' : 'bearish',
          scores: randomScores(random),
        }),
      );
      if (findMemoryTriggers(journal).length > 0) firing += 1;
    }
    expect(firing).toBeLessThanOrEqual(2);
  });

  it('every trigger parses with its schema and the order does not depend on input order', () => {
    const entries = [
      ...times(10, () => trade(-80, { archetype: 'pin_fade', agent: 'pin', block: 'decay_close', scores: { exit_regret: 0.9 } })),
      ...times(10, () => trade(90, { archetype: 'momentum_break', agent: 'flow', block: 'early_open', scores: { exit_regret: 0.1 } })),
    ];
    const expected = findMemoryTriggers(entries);
    expect(expected.length).toBeGreaterThan(3);
    for (const trigger of expected) memoryTriggerSchema.parse(trigger);
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), (shuffled) => {
        expect(findMemoryTriggers(shuffled)).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it('a trigger written before (baseline 0.5, Benjamini–Hochberg, no adjustment field) still parses', () => {
    const before = {
      kind: 'archetype_losses',
      subject: 'pin_fade',
      statement: 'pin_fade lost 6 of 6 trades.',
      evidence: { measure: 'loss_rate', n: 6, wins: 0, losses: 6, mean: -80, baseline: 0.5, effect_size: 1.5708, effect_measure: 'cohens_h', p_value: 0.01563, p_adjusted: 0.03125, family_size: 2, test: 'exact binomial', minimum_sample: 5, trade_ids: ['a'] },
    };
    expect(memoryTriggerSchema.parse(before).evidence.adjustment).toBeUndefined();
  });
});
