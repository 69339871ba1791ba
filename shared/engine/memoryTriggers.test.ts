import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { JournalEntry, RegretScores, SetupArchetype, TimeBlock } from '../domain/journal.ts';
import type { Polarity } from '../domain/trade.ts';
import {
  benjaminiHochberg,
  binomialUpperTail,
  cohensH,
  findMemoryTriggers,
  mannWhitneyGreater,
  memoryTriggerSchema,
  MINIMUM_SAMPLE,
  normalUpperTail,
} from './memoryTriggers.ts';
import { entry, zeroRegrets } from './testEntries.ts';

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

describe('statistics behind the memory triggers', () => {
  it('exact binomial upper tail', () => {
    expect(binomialUpperTail(5, 5, 0.5)).toBeCloseTo(1 / 32, 12);
    expect(binomialUpperTail(4, 5, 0.5)).toBeCloseTo(6 / 32, 12);
    expect(binomialUpperTail(0, 5, 0.5)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.5)).toBe(0);
    expect(binomialUpperTail(500, 1000, 0.5)).toBeCloseTo(0.51261, 4);
  });

  it('normal tail and Cohen’s h', () => {
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(cohensH(1, 0.5)).toBeCloseTo(Math.PI / 2, 12);
  });

  it('Mann–Whitney U, one-sided, with rank-biserial effect', () => {
    const result = mannWhitneyGreater([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
    expect(result.u).toBe(25);
    expect(result.rankBiserial).toBe(1);
    expect(result.pGreater).toBeCloseTo(normalUpperTail(12 / Math.sqrt((25 / 12) * 11)), 10);
    expect(mannWhitneyGreater([1, 1, 1], [1, 1, 1]).pGreater).toBe(1);
  });
});

describe('memory triggers (seed step 7)', () => {
  it('archetype_losses: an archetype with repeat losses, with counts, effect size and a binomial p-value', () => {
    const entries = [...times(6, () => trade(-80, { archetype: 'pin_fade' })), ...times(3, () => trade(50, { archetype: 'momentum_break' }))];
    const triggers = findMemoryTriggers(entries);
    expect(triggers).toHaveLength(1);
    const [trigger] = triggers;
    expect(trigger?.kind).toBe('archetype_losses');
    expect(trigger?.subject).toBe('pin_fade');
    // two patterns reach the minimum sample (pin_fade losses, pin_fade wins): adjusted p = 2 · 1/64 = 0.031
    expect(trigger?.evidence).toMatchObject({ n: 6, wins: 0, losses: 6, p_value: 0.01563, p_adjusted: 0.03125, family_size: 2, effect_measure: 'cohens_h', minimum_sample: MINIMUM_SAMPLE });
    expect(trigger?.statement).toBe('pin_fade lost 6 of 6 trades (100 %, against 50 % for a coin flip; mean pnl -80; binomial p = 0.016, adjusted p = 0.031 over 2 patterns tested).');
  });

  it('archetype_wins: an archetype with repeat wins', () => {
    // 9 of 10: P(X ≥ 9) = 11/1024 = 0.0107, adjusted over the 2 patterns tested 0.021 < 0.05.
    // 7 of 8 would be 9/256 = 0.035, adjusted 0.070: not enough once the family is counted.
    const entries = times(10, (index) => trade(index === 0 ? -10 : 120, { archetype: 'momentum_break' }));
    const [trigger] = findMemoryTriggers(entries);
    expect(trigger?.kind).toBe('archetype_wins');
    expect(trigger?.evidence.wins).toBe(9);
    expect(trigger?.evidence.p_value).toBeCloseTo(11 / 1024, 4);
    expect(trigger?.evidence.p_adjusted).toBeCloseTo(22 / 1024, 4);
    expect(findMemoryTriggers(entries.slice(0, 8))).toEqual([]);
  });

  it('nothing triggers below MINIMUM_SAMPLE, however one-sided', () => {
    expect(MINIMUM_SAMPLE).toBe(5);
    const entries = times(MINIMUM_SAMPLE - 1, () => trade(-100, { archetype: 'gamma_flip', agent: 'gamma', block: 'chop_mid', scores: { decay_regret: 1 } }));
    expect(findMemoryTriggers(entries)).toEqual([]);
  });

  it('nothing triggers without significance: 4 losses of 5 (p = 0.19)', () => {
    const entries = times(5, (index) => trade(index === 0 ? 10 : -10, { archetype: 'fade_reversal' }));
    expect(findMemoryTriggers(entries)).toEqual([]);
  });

  it('regret_time_block: a regret dimension consistently higher in one time block than the rest', () => {
    const entries = [
      ...times(6, (index) => trade(index % 2 === 0 ? 10 : -10, { block: 'chop_mid', scores: { timing_regret: 0.8 + index * 0.02 } })),
      ...times(6, (index) => trade(index % 2 === 0 ? 10 : -10, { block: 'early_open', scores: { timing_regret: 0.1 + index * 0.03 } })),
    ];
    const triggers = findMemoryTriggers(entries);
    expect(triggers.map((trigger) => [trigger.kind, trigger.subject, trigger.evidence.measure])).toEqual([['regret_time_block', 'chop_mid', 'timing_regret']]);
    expect(triggers[0]?.evidence).toMatchObject({ n: 6, baseline_n: 6, effect_size: 1, effect_measure: 'rank_biserial' });
    expect(triggers[0]?.statement).toMatch(/^timing_regret averages 0\.85 for entries in chop_mid against 0\.1[78] in the other blocks \(n = 6 vs 6; Mann–Whitney p = 0\.00\d, adjusted p = 0\.0\d\d over \d+ patterns tested\)\.$/);
  });

  it('agent_alpha: an agent repeatedly aligned with profitable trades', () => {
    const entries = [...times(8, () => trade(100, { agent: 'flow' })), ...times(4, () => trade(-10, { agent: 'flow', polarity: 'bearish' }))];
    const triggers = findMemoryTriggers(entries);
    expect(triggers.map((trigger) => [trigger.kind, trigger.subject])).toEqual([['agent_alpha', 'flow']]);
    expect(triggers[0]?.evidence).toMatchObject({ n: 8, wins: 8, measure: 'win_rate' });
  });

  it('agent_decay: an agent repeatedly aligned with losses, or with high decay_regret', () => {
    const entries = [
      ...times(6, () => trade(-100, { agent: 'theta', scores: { decay_regret: 0.9 } })),
      ...times(6, (index) => trade(index % 2 ? 40 : -40, { scores: { decay_regret: 0.2 } })),
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
    expect(pin?.evidence).toMatchObject({ n: 32, wins: 2, losses: 30, measure: 'loss_rate', effect_measure: 'cohens_h' });
    // P(X ≥ 30 | 32, ½) = (1 + 32 + 496) / 2³²
    expect((pin?.evidence.p_value ?? 0) / (529 / 2 ** 32)).toBeCloseTo(1, 3);
    expect(pin?.evidence.p_adjusted ?? 1).toBeLessThan(0.001);
    expect(pin?.evidence.effect_size).toBeGreaterThan(1);
    expect(pin?.evidence.trade_ids).toEqual(planted.map((entry) => entry.id).sort());
    expect(pin?.statement).toMatch(/^pin_fade lost 30 of 32 trades \(94 %, against 50 % for a coin flip; mean pnl -80\.63; binomial p < 0\.001, adjusted p < 0\.001 over \d+ patterns tested\)\.$/);
  });

  it('random noise rarely fires: at most 3 of 40 random journals (30 to 300 trades) raise any trigger', () => {
    let firing = 0;
    for (let run = 0; run < 40; run += 1) {
      const random = lcg(1000 + run);
      const size = 30 + Math.floor(random() * 270);
      const archetypes = ['momentum_break', 'fade_reversal', 'gamma_flip', 'trap_avoidance', 'pin_fade', 'unclassified'] as const;
      const blocks = ['early_open', 'chop_mid', 'setup_mid', 'decay_close', 'outside_session'] as const;
      const journal = times(size, () =>
        trade(random() < 0.5 ? 50 : -50, {
          archetype: archetypes[Math.floor(random() * archetypes.length)] ?? 'unclassified',
          block: blocks[Math.floor(random() * blocks.length)] ?? 'early_open',
          agent: ['a', 'b', 'c'][Math.floor(random() * 3)] ?? 'a',
          polarity: random() < 0.5 ? 'bullish' : 'bearish',
          scores: randomScores(random),
        }),
      );
      if (findMemoryTriggers(journal).length > 0) firing += 1;
    }
    expect(firing).toBeLessThanOrEqual(3);
  });

  it('benjaminiHochberg: q₍ᵢ₎ = min over j ≥ i of m · p₍ⱼ₎ / j, in the input order, capped at 1', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.5])).toEqual([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5]);
    expect(benjaminiHochberg([0.9, 0.95])).toEqual([0.95, 0.95]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('every trigger parses with its schema and the order does not depend on input order', () => {
    const entries = [
      ...times(10, () => trade(-80, { archetype: 'pin_fade', agent: 'pin', block: 'decay_close', scores: { pin_regret: 0.9 } })),
      ...times(10, () => trade(90, { archetype: 'momentum_break', agent: 'flow', block: 'early_open', scores: { pin_regret: 0.1 } })),
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
});
