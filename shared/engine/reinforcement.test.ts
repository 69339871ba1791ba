import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { journalEntrySchema } from '../domain/journal.ts';
import type { RegretScores } from '../domain/journal.ts';
import type { Polarity } from '../domain/trade.ts';
import { entry, type AgentSpec } from './testEntries.ts';
import {
  INITIAL_WEIGHT,
  MAX_LOWER_FACTOR,
  MAX_RAISE_FACTOR,
  LEARNING_RATE,
  MEAN_REVERSION,
  meshLogLineSchema,
  reinforceTrade,
  replayReinforcement,
  signalQuality,
  stepFactor,
  targetFactor,
} from './reinforcement.ts';

const zero: RegretScores = { entry_regret: 0, exit_regret: 0, timing_regret: 0, decay_regret: 0, pin_regret: 0, trap_entry_regret: 0, late_exit_regret: 0 };
const opposite = (polarity: Polarity): Polarity => (polarity === 'bullish' ? 'bearish' : 'bullish');

// Arbitraries mirroring journalEntrySchema's shape for the fields reinforcement reads.
const regretArbitrary = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
const scoresArbitrary: fc.Arbitrary<RegretScores> = fc.record({
  entry_regret: regretArbitrary,
  exit_regret: regretArbitrary,
  timing_regret: regretArbitrary,
  decay_regret: regretArbitrary,
  pin_regret: regretArbitrary,
  trap_entry_regret: regretArbitrary,
  late_exit_regret: regretArbitrary,
});
const polarityArbitrary = fc.constantFrom<Polarity>('bullish', 'bearish');
const agentArbitrary: fc.Arbitrary<AgentSpec> = fc.record({
  name: fc.constantFrom('gamma', 'vwap', 'flow', 'breadth'),
  polarity: polarityArbitrary,
  phase: fc.constantFrom<'entry' | 'exit'>('entry', 'exit'),
  score: fc.double({ min: -2, max: 2, noNaN: true }),
  weight: fc.double({ min: 0, max: 3, noNaN: true }),
});
const pnlArbitrary = fc.oneof(fc.constant(0), fc.double({ min: -2000, max: 2000, noNaN: true }));
const entriesArbitrary = fc
  .array(fc.record({ minute: fc.integer({ min: 0, max: 600 }), pnl: pnlArbitrary, direction: polarityArbitrary, agents: fc.array(agentArbitrary, { maxLength: 5 }), scores: scoresArbitrary }), {
    maxLength: 40,
  })
  .map((specs) => specs.map((spec, index) => entry(`t${String(index).padStart(3, '0')}`, spec.minute, spec.pnl, spec.direction, spec.agents, spec.scores)));

describe('reinforcement (seed step 6, SPEC step 7)', () => {
  it('the hand-built entries are valid sync_log lines', () => {
    fc.assert(fc.property(entriesArbitrary, (entries) => entries.forEach((one) => journalEntrySchema.parse(one))), { numRuns: 20 });
  });

  it('weights start at 1.0 per agent, or at the given initial weight', () => {
    const trade = entry('a', 0, 100, 'bullish', [{ name: 'gamma', polarity: 'bullish' }]);
    expect(replayReinforcement([trade]).log[0]?.weight_before).toBe(INITIAL_WEIGHT);
    expect(replayReinforcement([trade], { gamma: 2 }).log[0]?.weight_before).toBe(2);
    expect(replayReinforcement([trade], { other: 0.5 }).weights.other).toBe(0.5);
  });

  it('high alignment with positive PnL raises the weight by at most 20 %', () => {
    const result = reinforceTrade(entry('a', 0, 100, 'bullish', [{ name: 'gamma', polarity: 'bullish' }]), {});
    // clean win from 1.0: the target factor is the full ×1.20, applied at the learning rate η
    expect(result.weights.gamma).toBeCloseTo(MAX_RAISE_FACTOR ** LEARNING_RATE, 12);
    expect(result.weights.gamma).toBeGreaterThan(1);
    expect(result.weights.gamma).toBeLessThanOrEqual(MAX_RAISE_FACTOR);
    const lowered = reinforceTrade(entry('a', 0, 100, 'bullish', [{ name: 'gamma', polarity: 'bullish' }], { ...zero, entry_regret: 0.4 }), {});
    expect(lowered.weights.gamma).toBeGreaterThan(1);
    expect(lowered.weights.gamma).toBeLessThan(MAX_RAISE_FACTOR);
  });

  it('high regret or a failed signal lowers the weight by at most 30 %', () => {
    const failed = reinforceTrade(entry('a', 0, -100, 'bullish', [{ name: 'gamma', polarity: 'bullish' }], { ...zero, entry_regret: 1, timing_regret: 1, decay_regret: 1, pin_regret: 1, trap_entry_regret: 1 }), {});
    expect(failed.weights.gamma).toBeCloseTo(MAX_LOWER_FACTOR ** LEARNING_RATE, 12);
    expect(failed.weights.gamma).toBeLessThan(1);
    expect(failed.weights.gamma).toBeGreaterThanOrEqual(MAX_LOWER_FACTOR);
    const lucky = reinforceTrade(entry('a', 0, 100, 'bullish', [{ name: 'gamma', polarity: 'bullish' }], { ...zero, entry_regret: 1, timing_regret: 1, decay_regret: 1, pin_regret: 1, trap_entry_regret: 1 }), {});
    expect(lucky.weights.gamma).toBeLessThan(1);
    expect(lucky.weights.gamma).toBeGreaterThanOrEqual(MAX_LOWER_FACTOR);
  });

  it('an agent pointing the profitable way against a losing trade counts as right: its weight rises', () => {
    const result = reinforceTrade(entry('a', 0, -100, 'bullish', [{ name: 'bear', polarity: 'bearish' }, { name: 'bull', polarity: 'bullish' }]), {});
    expect(result.weights.bear).toBeGreaterThan(1);
    expect(result.weights.bull).toBeLessThan(1);
    expect(signalQuality({ aligned: false }, -1, 0)).toBeGreaterThan(0);
    expect(signalQuality({ aligned: false }, 1, 0)).toBeLessThan(0);
  });

  it('a right signal never scores below a wrong one on the same trade', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1000, noNaN: true }), (r1, r2, magnitude) => {
        for (const pnl of [magnitude, -magnitude]) {
          const right = signalQuality({ aligned: pnl > 0 }, pnl, r1);
          const wrong = signalQuality({ aligned: pnl < 0 }, pnl, r2);
          expect(right).toBeGreaterThanOrEqual(wrong);
        }
      }),
    );
  });

  it('an agent gets one update per trade: its entry signal speaks for it, and the mesh log line has the exact fields', () => {
    const trade = entry('a', 0, 100, 'bullish', [
      { name: 'gamma', polarity: 'bearish', phase: 'exit' },
      { name: 'gamma', polarity: 'bullish', phase: 'entry', score: 0.7, weight: 2 },
    ]);
    const { log } = reinforceTrade(trade, {});
    expect(log).toHaveLength(1);
    expect(Object.keys(log[0] ?? {})).toEqual(['trade_id', 'agent', 'phase', 'polarity', 'score', 'aligned', 'conflicted', 'weight_before', 'weight_after']);
    expect(meshLogLineSchema.parse(log[0])).toMatchObject({ trade_id: 'a', agent: 'gamma', phase: 'entry', polarity: 'bullish', score: 0.7, aligned: true, conflicted: false, weight_before: 1 });
  });

  it('updates apply in trade-exit order (exit time, then id) and the history follows it', () => {
    const late = entry('z-late', 30, -100, 'bullish', [{ name: 'gamma', polarity: 'bullish' }]);
    const early = entry('b-early', 5, 100, 'bullish', [{ name: 'gamma', polarity: 'bullish' }]);
    const tie = entry('a-tie', 5, 100, 'bullish', [{ name: 'gamma', polarity: 'bullish' }]);
    const { history } = replayReinforcement([late, early, tie]);
    expect(history.map((point) => point.trade_id)).toEqual(['a-tie', 'b-early', 'z-late']);
  });

  it('property: one trade moves a weight only within ×0.70 … ×1.20', () => {
    fc.assert(
      fc.property(entriesArbitrary, fc.dictionary(fc.constantFrom('gamma', 'vwap', 'flow', 'breadth'), fc.double({ min: 1e-3, max: 1e3, noNaN: true })), (entries, initial) => {
        for (const one of entries) {
          for (const line of reinforceTrade(one, initial).log) {
            const ratio = line.weight_after / line.weight_before;
            expect(ratio).toBeGreaterThanOrEqual(MAX_LOWER_FACTOR * (1 - 1e-12));
            expect(ratio).toBeLessThanOrEqual(MAX_RAISE_FACTOR * (1 + 1e-12));
          }
        }
      }),
    );
  });

  it('property: replayReinforcement gives identical weights for any permutation of the entries', () => {
    fc.assert(
      fc.property(
        entriesArbitrary.chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }))),
        ([entries, shuffled]) => {
          const a = replayReinforcement(entries);
          const b = replayReinforcement(shuffled);
          expect(b.weights).toEqual(a.weights);
          expect(b.log).toEqual(a.log);
        },
      ),
    );
  });

  it('property: over a long random sequence a consistently-right agent ends above a consistently-wrong one, and no weight sits at a bound', () => {
    const floor = MAX_LOWER_FACTOR ** (LEARNING_RATE / MEAN_REVERSION);
    const ceiling = MAX_RAISE_FACTOR ** (LEARNING_RATE / MEAN_REVERSION);
    const trade = fc.record({ pnl: fc.double({ min: 1, max: 500, noNaN: true }), won: fc.boolean(), direction: polarityArbitrary, scores: scoresArbitrary, noise: polarityArbitrary });
    fc.assert(
      fc.property(fc.array(trade, { minLength: 200, maxLength: 400 }), (specs) => {
        const entries = specs.map((spec, index) => {
          const pnl = spec.won ? spec.pnl : -spec.pnl;
          const profitable = spec.won ? spec.direction : opposite(spec.direction);
          return entry(`t${index}`, index, pnl, spec.direction, [
            { name: 'right', polarity: profitable },
            { name: 'wrong', polarity: opposite(profitable) },
            { name: 'coin', polarity: spec.noise },
          ], spec.scores);
        });
        const { weights } = replayReinforcement(entries);
        expect(weights.right).toBeGreaterThan(weights.wrong ?? Number.POSITIVE_INFINITY);
        for (const weight of Object.values(weights)) {
          expect(weight).toBeGreaterThan(floor);
          expect(weight).toBeLessThan(ceiling);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('weights never saturate: agents right 100 %, 90 %, 70 % and 40 % of 1,000 clean trades keep that order', () => {
    const rates = { a100: 1, b90: 0.9, c70: 0.7, d40: 0.4 };
    const entries = Array.from({ length: 1000 }, (_, index) => {
      // Deterministic spread: agent with rate p is right on trade i when (i · 0.618…) mod 1 < p.
      const phase = (index * 0.6180339887498949) % 1;
      const agents = Object.entries(rates).map(([name, rate]) => ({ name, polarity: (phase < rate ? 'bullish' : 'bearish') as Polarity }));
      return entry(`t${index}`, index, 100, 'bullish', agents);
    });
    const { weights } = replayReinforcement(entries);
    expect(weights.a100).toBeGreaterThan(weights.b90 ?? 0);
    expect(weights.b90).toBeGreaterThan(weights.c70 ?? 0);
    expect(weights.c70).toBeGreaterThan(weights.d40 ?? 0);
    // The always-right agent settles at its equilibrium 1.2^(η/λ), where a further win no longer moves it.
    expect(weights.a100).toBeCloseTo(MAX_RAISE_FACTOR ** (LEARNING_RATE / MEAN_REVERSION), 3);
  });

  it(`the per-trade factor is e^clamp(η ln m − λ ln w, ln 0.7, ln 1.2), η = LEARNING_RATE = ${LEARNING_RATE}, λ = MEAN_REVERSION = ${MEAN_REVERSION}`, () => {
    expect(LEARNING_RATE).toBe(0.1);
    expect(MEAN_REVERSION).toBe(0.01);
    expect(targetFactor(1)).toBeCloseTo(1.2, 12);
    expect(targetFactor(-1)).toBeCloseTo(0.7, 12);
    expect(targetFactor(0)).toBe(1);
    expect(stepFactor(1, 1.2)).toBeCloseTo(1.2 ** 0.1, 12);
    expect(stepFactor(Math.E, 1)).toBeCloseTo(Math.exp(-MEAN_REVERSION), 12); // pulled back toward 1
    expect(stepFactor(1e20, 0.7)).toBe(MAX_LOWER_FACTOR); // clamped
    expect(stepFactor(1e-20, 1.2)).toBe(MAX_RAISE_FACTOR); // clamped
  });

  it('an agent right 60 % of the time stays above one right 40 % after 5,000 trades, on every seed tried', () => {
    // Seeded LCG so the test is repeatable; each run is a fresh random history of 5,000 trades with random regrets.
    const lcg = (seed: number) => {
      let state = seed >>> 0;
      return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 2 ** 32;
      };
    };
    for (const seed of [1, 2, 3, 5, 8, 13, 21, 34]) {
      const random = lcg(seed);
      const entries = Array.from({ length: 5000 }, (_, index) => {
        const won = random() < 0.5;
        const direction: Polarity = random() < 0.5 ? 'bullish' : 'bearish';
        const profitable = won ? direction : opposite(direction);
        const call = (rate: number): Polarity => (random() < rate ? profitable : opposite(profitable));
        const scores = { entry_regret: random(), exit_regret: random(), timing_regret: random(), decay_regret: random(), pin_regret: random(), trap_entry_regret: random(), late_exit_regret: random() };
        return entry(`t${index}`, index, won ? 75 : -75, direction, [{ name: 'sixty', polarity: call(0.6) }, { name: 'forty', polarity: call(0.4) }], scores);
      });
      const { weights } = replayReinforcement(entries);
      expect(weights.sixty, `seed ${seed}`).toBeGreaterThan(weights.forty ?? Number.POSITIVE_INFINITY);
    }
  });
});
