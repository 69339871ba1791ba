import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { JournalEntry, RegretScores, SetupArchetype, TimeBlock } from '../domain/journal.ts';
import type { Polarity } from '../domain/trade.ts';
import {
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
    expect(trigger?.evidence).toMatchObject({ n: 6, wins: 0, losses: 6, p_value: 0.01563, effect_measure: 'cohens_h', minimum_sample: MINIMUM_SAMPLE });
    expect(trigger?.statement).toBe('pin_fade lost 6 of 6 trades (100 %, against 50 % for a coin flip; mean pnl -80; binomial p = 0.016).');
  });

  it('archetype_wins: an archetype with repeat wins', () => {
    // 7 of 8: P(X ≥ 7) = 9/256 = 0.035 < 0.05; 6 of 7 would be 8/128 = 0.0625 and does not fire.
    const entries = times(8, (index) => trade(index === 0 ? -10 : 120, { archetype: 'momentum_break' }));
    const [trigger] = findMemoryTriggers(entries);
    expect(trigger?.kind).toBe('archetype_wins');
    expect(trigger?.evidence.wins).toBe(7);
    expect(trigger?.evidence.p_value).toBeCloseTo(9 / 256, 4);
    expect(findMemoryTriggers(entries.slice(0, 7))).toEqual([]);
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
    expect(triggers[0]?.statement).toMatch(/^timing_regret averages 0\.85 for entries in chop_mid against 0\.1[78] in the other blocks \(n = 6 vs 6; Mann–Whitney p = 0\.00\d\)\.$/);
  });

  it('agent_alpha: an agent repeatedly aligned with profitable trades', () => {
    const entries = [...times(6, () => trade(100, { agent: 'flow' })), ...times(4, (index) => trade(index % 2 ? 10 : -10, { agent: 'flow', polarity: 'bearish' }))];
    const triggers = findMemoryTriggers(entries);
    expect(triggers.map((trigger) => [trigger.kind, trigger.subject])).toEqual([['agent_alpha', 'flow']]);
    expect(triggers[0]?.evidence).toMatchObject({ n: 6, wins: 6, measure: 'win_rate' });
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

  it('every trigger parses with its schema and the order does not depend on input order', () => {
    const entries = [
      ...times(6, () => trade(-80, { archetype: 'pin_fade', agent: 'pin', block: 'decay_close', scores: { pin_regret: 0.9 } })),
      ...times(6, () => trade(90, { archetype: 'momentum_break', agent: 'flow', block: 'early_open', scores: { pin_regret: 0.1 } })),
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
