import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RegretScores } from '../domain/journal.ts';
import { assessPenalties, CONFLICT_FAILURE_PENALTY, EXIT_LATE_EXIT_PENALTY, REGRET_SUM_PENALTY, regretSum } from './penalties.ts';

const zero: RegretScores = { entry_regret: 0, exit_regret: 0, timing_regret: 0, decay_regret: 0, pin_regret: 0, trap_entry_regret: 0, late_exit_regret: 0 };
const scores = (overrides: Partial<RegretScores>): RegretScores => ({ ...zero, ...overrides });

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

describe('penalty factors (seed step 6)', () => {
  it('regret sum > 2.5 → +10 (exactly 2.5 is not)', () => {
    expect(assessPenalties(scores({ entry_regret: 0.9, timing_regret: 0.9, pin_regret: 0.8 }), false).penalty_factor).toBe(REGRET_SUM_PENALTY);
    expect(assessPenalties(scores({ entry_regret: 0.9, timing_regret: 0.9, pin_regret: 0.7 }), false).penalty_factor).toBe(0);
  });

  it('exit_regret + late_exit_regret > 1.5 → +15 (exactly 1.5 is not)', () => {
    expect(assessPenalties(scores({ exit_regret: 0.8, late_exit_regret: 0.75 }), false).penalty_factor).toBe(EXIT_LATE_EXIT_PENALTY);
    expect(assessPenalties(scores({ exit_regret: 0.8, late_exit_regret: 0.7 }), false).penalty_factor).toBe(0);
  });

  it('conflict failure → +20', () => {
    expect(assessPenalties(zero, true).penalty_factor).toBe(CONFLICT_FAILURE_PENALTY);
  });

  it('penalties add up: all three → 45', () => {
    const all = assessPenalties(scores({ exit_regret: 0.9, late_exit_regret: 0.9, entry_regret: 0.9 }), true);
    expect(all.penalty_factor).toBe(45);
    expect(all.penalties.map((penalty) => penalty.condition)).toEqual(['regret_sum', 'exit_plus_late_exit', 'conflict_failure']);
  });

  it('null regrets count as 0 in the sums', () => {
    expect(regretSum(scores({ entry_regret: null, exit_regret: 0.4 }))).toBe(0.4);
  });

  it('property: the penalty factor is exactly the sum of the conditions that hold', () => {
    fc.assert(
      fc.property(scoresArbitrary, fc.boolean(), (generated, conflictFailure) => {
        const sum = Object.values(generated).reduce<number>((total, value) => total + (value ?? 0), 0);
        const exitLate = (generated.exit_regret ?? 0) + (generated.late_exit_regret ?? 0);
        const expected =
          (Math.round(sum * 1e9) / 1e9 > 2.5 ? 10 : 0) + (Math.round(exitLate * 1e9) / 1e9 > 1.5 ? 15 : 0) + (conflictFailure ? 20 : 0);
        const result = assessPenalties(generated, conflictFailure);
        expect(result.penalty_factor).toBe(expected);
        expect(result.penalty_factor).toBe(result.penalties.reduce((total, penalty) => total + penalty.points, 0));
      }),
    );
  });
});
