import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FINAL_LABELS } from '../domain/journal.ts';
import type { RegretScores } from '../domain/journal.ts';
import { ENDED_IN_REGRET_MEAN, engineLabel, EXECUTION_REGRETS, HIGH_REGRET_BY_DIMENSION, judge, MODEL_FAILURE_THRESHOLD, POOR_PROCESS_MEAN } from './finalLabel.ts';

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

  it('a winner ended in regret only when its mean regret is in the worst 2.5 % (ENDED_IN_REGRET_MEAN): conflict_failure on a win is rare', () => {
    const high = ENDED_IN_REGRET_MEAN;
    const even = (value: number) => scores({ entry_regret: value, exit_regret: value, timing_regret: value, decay_regret: 0, pin_regret: value, trap_entry_regret: value, late_exit_regret: value });
    // Six at `high` and one at 0 average below it; seven at `high` reach it.
    expect(label({ ...even(high), decay_regret: high }, 50, true).final_label).toBe('conflict_failure');
    expect(label(even(high), 50, true).final_label).not.toBe('conflict_failure');
    expect(label({}, 50, true).final_label).toBe('good_trade');
    // The seed's 2.5 sum alone no longer makes a winner a conflict failure.
    expect(label({ timing_regret: 0.9, pin_regret: 0.9, trap_entry_regret: 0.8 }, 50, true).final_label).not.toBe('conflict_failure');
  });

  it('model_failure wins the label over conflict_failure; both are flagged', () => {
    const judgement = judge({ scores: scores({ entry_regret: 0.9, exit_regret: 0.9, decay_regret: 0.9 }), pnl: -10, mesh_conflict: true });
    expect(judgement.final_label).toBe('model_failure');
    expect(judgement.flags.slice(0, 3)).toEqual(['model_failure', 'conflict_failure', 'mesh_conflict']);
    expect(judgement.penalty_factor).toBe(10 + 20);
  });

  const process = (mean: number): Partial<RegretScores> => ({ entry_regret: mean, exit_regret: mean, timing_regret: mean, decay_regret: mean, pin_regret: mean, trap_entry_regret: mean, late_exit_regret: mean });
  const below = Math.round((POOR_PROCESS_MEAN - 0.01) * 100) / 100;

  it('good_trade: pnl > 0 and a sound process (mean scored regret below POOR_PROCESS_MEAN)', () => {
    expect(label(process(below), 10).final_label).toBe('good_trade');
    expect(label({ exit_regret: 1 }, 10).final_label).toBe('good_trade');
  });

  it('lucky_win: pnl > 0 with a poor process (mean scored regret at or above POOR_PROCESS_MEAN), not one bad dimension', () => {
    expect(label(process(POOR_PROCESS_MEAN), 10).final_label).toBe('lucky_win');
  });

  it('disciplined_loss: pnl ≤ 0 and a sound process (a scratch included)', () => {
    expect(label({ entry_regret: 0.5 }, -10).final_label).toBe('disciplined_loss');
    expect(label({}, 0).final_label).toBe('disciplined_loss');
  });

  it('poor_execution: pnl ≤ 0 with a poor process', () => {
    expect(label(process(POOR_PROCESS_MEAN), -10).final_label).toBe('poor_execution');
  });

  it('unscored_win / unscored_loss: without the execution regrets (no price path) the label judges nothing, only the outcome', () => {
    expect(EXECUTION_REGRETS).toEqual(['entry_regret', 'exit_regret']);
    const clockOnly = scores({ entry_regret: null, exit_regret: null, pin_regret: null, trap_entry_regret: null, late_exit_regret: null, timing_regret: 1, decay_regret: 0.9 });
    expect(label(clockOnly, 10).final_label).toBe('unscored_win');
    expect(label(clockOnly, -10).final_label).toBe('unscored_loss');
    expect(label(clockOnly, 0).final_label).toBe('unscored_loss');
    // The seed's signal rule still applies without bars: a conflicting mesh that lost is a conflict failure.
    expect(label(clockOnly, -10, true).final_label).toBe('conflict_failure');
    expect(label(clockOnly, 10).explanation).toMatch(/not judged: entry_regret and exit_regret missing/);
  });

  it('label_basis: how many of the seven regrets were scored', () => {
    expect(label({}).scored).toBe(7);
    expect(label({ pin_regret: null, decay_regret: null }).scored).toBe(5);
  });

  it('high regret is the worst tenth of its own dimension (HIGH_REGRET_BY_DIMENSION), never a zero', () => {
    for (const dimension of Object.keys(HIGH_REGRET_BY_DIMENSION) as (keyof RegretScores)[]) {
      const at = HIGH_REGRET_BY_DIMENSION[dimension];
      expect(label({ [dimension]: at }).highRegrets, dimension).toEqual([dimension]);
      if (at > 0.01) expect(label({ [dimension]: Math.round((at - 0.01) * 100) / 100 }).highRegrets, dimension).toEqual([]);
    }
  });

  it('null regrets count as 0 in the sums and the flags say which were missing', () => {
    const judgement = judge({ scores: scores({ entry_regret: 1, exit_regret: 1, decay_regret: null }), pnl: -10, mesh_conflict: false });
    expect(judgement.engine.failureSum).toBe(2);
    expect(judgement.engine.scored).toBe(6);
    expect(judgement.engine.processMean).toBeCloseTo(2 / 6, 6);
    expect(judgement.flags).toContain('missing_regret:decay_regret');
    expect(judgement.flags).toContain('high_regret:entry_regret');
  });

  it('flags list every condition that applied: high_regret:<dimension>, mesh_conflict, each penalty, extra input flags', () => {
    const judgement = judge(
      { scores: scores({ exit_regret: 1, late_exit_regret: 0.8, timing_regret: 0.97 }), pnl: -5, mesh_conflict: true },
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
          if (result.final_label === 'good_trade') expect(pnl > 0 && result.judged && !result.poorProcess).toBe(true);
          if (result.final_label === 'unscored_win' || result.final_label === 'unscored_loss') expect(result.judged).toBe(false);
          if (['lucky_win', 'poor_execution'].includes(result.final_label)) expect(result.poorProcess).toBe(true);
        },
      ),
    );
  });
});
