import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REGRET_DIMENSIONS, TIME_BLOCKS, type JournalEntry, type RegretScores, type SetupArchetype } from '../domain/journal.ts';
import type { Polarity } from '../domain/trade.ts';
import { findMemoryTriggers, mannWhitneyGreater } from './memoryTriggers.ts';
import { findMemoryTriggers as referenceTriggers, mannWhitneyGreater as referenceMannWhitney } from './memoryTriggers.reference.ts';
import { mannWhitneyByTieGroups, tieGroups } from './rankTests.ts';
import { entry, type AgentSpec } from './testEntries.ts';

const ARCHETYPES: readonly SetupArchetype[] = ['pin_fade', 'momentum_break', 'unclassified'];
const AGENTS = ['flow', 'gamma', 'tape', 'vwap'] as const;

/** Levels on a 0.1 grid (many ties, as real regret scores have), −0 among them, and null for "not scored". */
const level = (base: number, noise: number): number | null => (noise < 0 ? null : noise === 9 ? -0 : Math.min(1, Math.round((base + noise * 0.1) * 10) / 10));

type Row = { id: number; pnl: number; archetype: number; block: number; noise: number[]; agents: { agent: number; bullish: boolean; exit: boolean; score: number }[]; bullish: boolean };

/**
 * A journal with structure for the triggers to find: each time block has its own regret level per dimension
 * and each archetype its own win bias, plus noise, duplicate ids and unscored trades.
 */
const journalArbitrary = fc
  .record({
    blockLevels: fc.array(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 7, maxLength: 7 }), { minLength: 5, maxLength: 5 }),
    winBias: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }),
    rows: fc.array(
      fc.record({
        id: fc.integer({ min: 0, max: 400 }),
        pnl: fc.integer({ min: -4, max: 4 }),
        archetype: fc.integer({ min: 0, max: 2 }),
        block: fc.integer({ min: 0, max: 4 }),
        noise: fc.array(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2 }), weight: 8 }, { arbitrary: fc.constantFrom(-1, 9), weight: 1 }), { minLength: 7, maxLength: 7 }),
        agents: fc.array(fc.record({ agent: fc.integer({ min: 0, max: 3 }), bullish: fc.boolean(), exit: fc.boolean(), score: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 }),
        bullish: fc.boolean(),
      }),
      { minLength: 30, maxLength: 260, size: 'max' },
    ),
  })
  .map(({ blockLevels, winBias, rows }) => rows.map((row: Row, minute) => toEntry(row, minute, blockLevels, winBias)));

function toEntry(row: Row, minute: number, blockLevels: number[][], winBias: number[]): JournalEntry {
  const scores = Object.fromEntries(
    REGRET_DIMENSIONS.map((dimension, d) => [dimension, level((blockLevels[row.block]?.[d] ?? 0) / 10, row.noise[d] ?? 0)]),
  ) as RegretScores;
  const direction: Polarity = row.bullish ? 'bullish' : 'bearish';
  const agents: AgentSpec[] = row.agents.map((spec) => ({ name: AGENTS[spec.agent] ?? 'flow', polarity: spec.bullish ? 'bullish' : 'bearish', phase: spec.exit ? 'exit' : 'entry', score: spec.score }));
  const pnl = row.pnl + (winBias[row.archetype] ?? 0);
  return entry(`t${String(row.id).padStart(4, '0')}`, minute, pnl, direction, agents, scores, {
    setup_archetype: ARCHETYPES[row.archetype] ?? 'unclassified',
    time_block: TIME_BLOCKS[row.block] ?? 'early_open',
  });
}

/** A seeded journal of the size where the shared ranking matters, with strong and weak patterns. */
function largeJournal(size: number): JournalEntry[] {
  let state = 20240917;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const blockLevels = TIME_BLOCKS.map(() => REGRET_DIMENSIONS.map(() => Math.floor(random() * 8)));
  return Array.from({ length: size }, (_, minute) => {
    const bullish = random() < 0.5;
    const pnl = Math.floor(random() * 9) - 4;
    const noise = REGRET_DIMENSIONS.map(() => Math.floor(random() * 11) - 1);
    // flow tends to side with winners, gamma with losers, tape with trades that bled to decay; vwap is noise.
    const alignedWith = [pnl > 0 ? random() < 0.8 : random() < 0.3, pnl < 0 ? random() < 0.8 : random() < 0.3, (noise[3] ?? 0) > 5 ? random() < 0.9 : random() < 0.2, random() < 0.5];
    const row: Row = {
      id: Math.floor(random() * size * 2),
      pnl,
      archetype: Math.floor(random() * 3),
      block: Math.floor(random() * 5),
      noise,
      agents: alignedWith.map((aligned, agent) => ({ agent, bullish: aligned === bullish, exit: random() < 0.3, score: 1 })),
      bullish,
    };
    return toEntry(row, minute, blockLevels, [-2, 2, 0]);
  });
}

const sameOutput = (entries: readonly JournalEntry[]): void => {
  const current = findMemoryTriggers(entries);
  const reference = referenceTriggers(entries);
  expect(current).toStrictEqual(reference);
  // Derived files are JSON: the key order must not move either.
  expect(JSON.stringify(current)).toBe(JSON.stringify(reference));
};

describe('findMemoryTriggers with shared rankings gives the previous implementation’s output', () => {
  it('deep-equal and byte-equal on generated journals, in any order', () => {
    fc.assert(
      fc.property(journalArbitrary, fc.integer({ min: 0, max: 1000 }), (entries, rotation) => {
        sameOutput(entries);
        const turn = entries.length === 0 ? 0 : rotation % entries.length;
        sameOutput([...entries.slice(turn), ...entries.slice(0, turn)]);
      }),
      { numRuns: 150 },
    );
  });

  it('deep-equal on a seeded journal of 5,000 trades, with triggers of every test kind firing', () => {
    const entries = largeJournal(5000);
    sameOutput(entries);
    const kinds = new Set(findMemoryTriggers(entries).map((trigger) => trigger.kind));
    expect([...kinds].sort()).toEqual(['agent_alpha', 'agent_decay', 'archetype_losses', 'archetype_wins', 'regret_time_block']);
  });

  it('falls back to the plain test when a value is not a finite number (hand-edited or partial lines), with the same output', () => {
    const entries = largeJournal(400).map((line, index) => (index % 37 === 0 ? ({ ...line, timing_regret: undefined } as unknown as JournalEntry) : line));
    expect(tieGroups(entries.map((line) => line.timing_regret))).toBeNull();
    sameOutput(entries);
  });
});

describe('Mann–Whitney from shared tie groups', () => {
  it('equals mannWhitneyGreater on the pooled values for any split of any multiset of scores', () => {
    const value = fc.oneof(fc.constantFrom(0, -0, 0.5, 1, null), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.constantFrom('group', 'rest', 'neither')), { maxLength: 120 }), (items) => {
        const values = items.map(([score]) => score);
        const ties = tieGroups(values);
        if (ties === null) throw new Error('finite scores always have tie groups');
        const group = items.flatMap(([, side], index) => (side === 'group' ? [index] : []));
        const rest = items.flatMap(([, side], index) => (side === 'rest' ? [index] : []));
        const scores = (indexes: number[]): number[] => indexes.flatMap((index) => (values[index] === null || values[index] === undefined ? [] : [values[index]]));
        const groupScores = scores(group);
        const restScores = scores(rest);
        const expected = referenceMannWhitney(groupScores, restScores);
        expect(mannWhitneyByTieGroups(ties, group, rest)).toStrictEqual(expected);
        expect(mannWhitneyGreater(groupScores, restScores)).toStrictEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
