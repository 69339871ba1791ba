import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FINAL_LABELS } from '../domain/journal.ts';
import type { RegretScores } from '../domain/journal.ts';
import { ENDED_IN_REGRET_SUM, engineLabel, HIGH_REGRET_THRESHOLD, judge, MODEL_FAILURE_THRESHOLD } from './finalLabel.ts';

const zero: RegretScores = { entry_regret: 0, exit_regret: 0, timing_regret: 0, decay_regret: 0, pin_regret: 0, trap_entry_regret: 0, late_exit_regret: 0 };
const scores = (overrides: Partial<RegretScores>): RegretScores => ({ ...zero, ...overrides });
const label = (overrides: Partial<RegretScores>, pnl = 100, mesh_conflict = false) => engineLabel({ scores: scores(overrides), pnl, mesh_conflict });

describe('final label (seed step 6)', () => {
  it('model_failure when entry_regret + exit_regret + decay_regret > 2.0', () => {
    expect(MODEL_FAILURE_THRESHOLD).toBe(2.0);
    expect(label({ entry_regret: 0.7, exit_regret: 0.7, decay_regret: 0.61 }).final_label).toBe('model_failure');
  });

  it('exactly 2.0 is not a model_failure (0.7 + 0.7 + 0.6, binary noise rounded away)', () => {
    const result = label({ entry_regret: 0.7, exit_regret: 0.7, decay_regret: 0.6 });
    expect(result.failureSum).toBe(2);
    expect(result.modelFailure).toBe(false);
    expect(result.final_label).not.toBe('model_failure');
  });

  it('conflict_failure when the mesh was in conflict and the trade ended in regret (a loss)', () => {
    expect(label({}, -50, true).final_label).toBe('conflict_failure');
    expect(label({}, -50, false).final_label).toBe('disciplined_loss');
  });

  it('ended in regret also means a regret sum above 2.5, even on a win', () => {
    expect(ENDED_IN_REGRET_SUM).toBe(2.5);
    expect(label({ timing_regret: 0.9, pin_regret: 0.9, trap_entry_regret: 0.8 }, 50, true).final_label).toBe('conflict_failure');
    expect(label({ timing_regret: 0.9, pin_regret: 0.9, trap_entry_regret: 0.7 }, 50, true).final_label).toBe('lucky_win');
    expect(label({}, 50, true).final_label).toBe('good_trade');
  });

  it('model_failure wins the label over conflict_failure; both are flagged', () => {
    const judgement = judge({ scores: scores({ entry_regret: 0.9, exit_regret: 0.9, decay_regret: 0.9 }), pnl: -10, mesh_conflict: true });
    expect(judgement.final_label).toBe('model_failure');
    expect(judgement.flags.slice(0, 3)).toEqual(['model_failure', 'conflict_failure', 'mesh_conflict']);
    expect(judgement.penalty_factor).toBe(10 + 20);
  });

  it('good_trade: pnl > 0 and no regret ≥ 0.7', () => {
    expect(HIGH_REGRET_THRESHOLD).toBe(0.7);
    expect(label({ exit_regret: 0.69 }, 10).final_label).toBe('good_trade');
  });

  it('lucky_win: pnl > 0 with a regret ≥ 0.7', () => {
    expect(label({ exit_regret: 0.7 }, 10).final_label).toBe('lucky_win');
  });

  it('disciplined_loss: pnl ≤ 0 and no regret ≥ 0.7 (a scratch included)', () => {
    expect(label({ entry_regret: 0.5 }, -10).final_label).toBe('disciplined_loss');
    expect(label({}, 0).final_label).toBe('disciplined_loss');
  });

  it('poor_execution: pnl ≤ 0 with a regret ≥ 0.7', () => {
    expect(label({ late_exit_regret: 0.95 }, -10).final_label).toBe('poor_execution');
  });

  it('null regrets count as 0 in the sums and the flags say which were missing', () => {
    const judgement = judge({ scores: scores({ entry_regret: 1, exit_regret: 1, decay_regret: null }), pnl: -10, mesh_conflict: false });
    expect(judgement.engine.failureSum).toBe(2);
    expect(judgement.final_label).toBe('poor_execution');
    expect(judgement.flags).toContain('missing_regret:decay_regret');
    expect(judgement.flags).toContain('high_regret:entry_regret');
  });

  it('flags list every condition that applied: high_regret:<dimension> at ≥ 0.7, mesh_conflict, each penalty, extra input flags', () => {
    const judgement = judge(
      { scores: scores({ exit_regret: 0.8, late_exit_regret: 0.8, timing_regret: 0.95 }), pnl: 5, mesh_conflict: true },
      ['no_time_of_day'],
    );
    expect(judgement.flags).toEqual([
      'conflict_failure',
      'mesh_conflict',
      'high_regret:exit_regret',
      'high_regret:timing_regret',
      'high_regret:late_exit_regret',
      'penalty:regret_sum',
      'penalty:exit_plus_late_exit',
      'penalty:conflict_failure',
      'no_time_of_day',
    ]);
  });

  it('a manual label replaces the label judgement: its failure flag and the +20 follow it', () => {
    const facts = { scores: zero, pnl: -10, mesh_conflict: true };
    expect(judge(facts).final_label).toBe('conflict_failure');
    const overruled = judge(facts, [], 'disciplined_loss');
    expect(overruled.final_label).toBe('disciplined_loss');
    expect(overruled.flags).toEqual(['mesh_conflict']);
    expect(overruled.penalty_factor).toBe(0);
    const promoted = judge({ ...facts, mesh_conflict: false }, [], 'conflict_failure');
    expect(promoted.flags).toEqual(['conflict_failure', 'penalty:conflict_failure']);
    expect(promoted.penalty_factor).toBe(20);
  });

  it('property: the engine always picks a known label, failures exactly when their conditions hold', () => {
    const regret = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(
        fc.record({ entry_regret: regret, exit_regret: regret, timing_regret: regret, decay_regret: regret, pin_regret: regret, trap_entry_regret: regret, late_exit_regret: regret }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.boolean(),
        (generated, pnl, meshConflict) => {
          const result = engineLabel({ scores: generated, pnl, mesh_conflict: meshConflict });
          expect(FINAL_LABELS).toContain(result.final_label);
          expect(result.final_label === 'model_failure').toBe(result.failureSum > 2);
          if (result.final_label === 'good_trade') expect(pnl > 0 && result.highRegrets.length === 0).toBe(true);
        },
      ),
    );
  });
});
