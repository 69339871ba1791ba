import { REGRET_DIMENSIONS } from '../domain/journal.ts';
import type { FinalLabel, RegretDimension, RegretScores } from '../domain/journal.ts';
import { assessPenalties, regretSum, tidySum } from './penalties.ts';
import type { Penalty } from './penalties.ts';

/**
 * Seed step 6, final label. Decision order:
 *  1. model_failure     entry_regret + exit_regret + decay_regret > MODEL_FAILURE_THRESHOLD (the seed's rule);
 *  2. conflict_failure  mesh_conflict and the trade ended in regret: pnl < 0, or the sum of all seven
 *                       regrets > ENDED_IN_REGRET_SUM;
 *  3. an outcome label, from pnl and whether any regret is high (≥ HIGH_REGRET_THRESHOLD):
 *       pnl > 0, no high regret  → good_trade        (won, and the engine finds nothing to regret)
 *       pnl > 0, a high regret   → lucky_win         (won in spite of a mistake the engine can name)
 *       pnl ≤ 0, no high regret  → disciplined_loss  (lost or scratched on a sound process)
 *       pnl ≤ 0, a high regret   → poor_execution    (lost, and the engine can name what went wrong)
 * Null regrets count as 0 in every sum and are never high; the flags name each missing one.
 */
export const MODEL_FAILURE_THRESHOLD = 2.0;
export const ENDED_IN_REGRET_SUM = 2.5;
export const HIGH_REGRET_THRESHOLD = 0.7;

export type LabelFacts = {
  readonly scores: RegretScores;
  readonly pnl: number;
  readonly mesh_conflict: boolean;
};

export type EngineLabel = {
  readonly final_label: FinalLabel;
  readonly modelFailure: boolean;
  readonly conflictFailure: boolean;
  readonly endedInRegret: boolean;
  /** entry_regret + exit_regret + decay_regret, null as 0. */
  readonly failureSum: number;
  /** All seven regrets, null as 0. */
  readonly regretSum: number;
  readonly highRegrets: RegretDimension[];
  readonly missingRegrets: RegretDimension[];
  readonly explanation: string;
};

export function outcomeLabel(pnl: number, hasHighRegret: boolean): FinalLabel {
  if (pnl > 0) return hasHighRegret ? 'lucky_win' : 'good_trade';
  return hasHighRegret ? 'poor_execution' : 'disciplined_loss';
}

export function engineLabel(facts: LabelFacts): EngineLabel {
  const { scores, pnl } = facts;
  const failureSum = tidySum([scores.entry_regret, scores.exit_regret, scores.decay_regret]);
  const sum = regretSum(scores);
  const highRegrets = REGRET_DIMENSIONS.filter((dimension) => (scores[dimension] ?? 0) >= HIGH_REGRET_THRESHOLD);
  const missingRegrets = REGRET_DIMENSIONS.filter((dimension) => scores[dimension] === null);
  const modelFailure = failureSum > MODEL_FAILURE_THRESHOLD;
  const endedInRegret = pnl < 0 || sum > ENDED_IN_REGRET_SUM;
  const conflictFailure = facts.mesh_conflict && endedInRegret;
  const outcome = outcomeLabel(pnl, highRegrets.length > 0);
  const final_label: FinalLabel = modelFailure ? 'model_failure' : conflictFailure ? 'conflict_failure' : outcome;
  const parts = [`entry + exit + decay regret ${failureSum.toFixed(2)} ${modelFailure ? '>' : '≤'} ${MODEL_FAILURE_THRESHOLD}`];
  if (facts.mesh_conflict) {
    parts.push(`mesh conflict and ${endedInRegret ? `ended in regret (pnl ${pnl}, regret sum ${sum.toFixed(2)})` : `no regret ending (pnl ${pnl}, regret sum ${sum.toFixed(2)} ≤ ${ENDED_IN_REGRET_SUM})`}`);
  }
  parts.push(
    `pnl ${pnl} ${pnl > 0 ? '> 0' : '≤ 0'}, ${highRegrets.length > 0 ? `high regret (≥ ${HIGH_REGRET_THRESHOLD}): ${highRegrets.join(', ')}` : `no regret ≥ ${HIGH_REGRET_THRESHOLD}`} → ${outcome}`,
  );
  return {
    final_label,
    modelFailure,
    conflictFailure,
    endedInRegret,
    failureSum,
    regretSum: sum,
    highRegrets,
    missingRegrets,
    explanation: `${final_label}: ${parts.join('; ')}`,
  };
}

export type Judgement = {
  readonly final_label: FinalLabel;
  readonly flags: string[];
  readonly penalty_factor: number;
  readonly penalties: Penalty[];
  readonly engine: EngineLabel;
};

/**
 * Flags and penalties for the label in force. With the engine's label, the failure flags are the
 * conditions that held (both failures can apply; model_failure wins the label) and the +20 follows the
 * conflict-failure condition. A trader's label that differs from the engine's replaces that judgement:
 * the failure flag is the manual label itself when it is a failure (none otherwise) and the +20 applies
 * exactly when the manual label is conflict_failure. Score conditions (high/missing regrets, the regret-sum
 * and exit penalties, mesh_conflict) are facts and stay whatever the label.
 * Flag order: failures, mesh_conflict, high_regret:*, missing_regret:*, penalty:*, then `extraFlags`.
 */
export function judge(facts: LabelFacts, extraFlags: readonly string[] = [], manualLabel: FinalLabel | null = null): Judgement {
  const engine = engineLabel(facts);
  const manual = manualLabel !== null && manualLabel !== engine.final_label ? manualLabel : null;
  const modelFailureFlag = manual === null ? engine.modelFailure : manual === 'model_failure';
  const conflictFailureFlag = manual === null ? engine.conflictFailure : manual === 'conflict_failure';
  const { penalty_factor, penalties } = assessPenalties(facts.scores, conflictFailureFlag);
  const flags: string[] = [];
  if (modelFailureFlag) flags.push('model_failure');
  if (conflictFailureFlag) flags.push('conflict_failure');
  if (facts.mesh_conflict) flags.push('mesh_conflict');
  for (const dimension of engine.highRegrets) flags.push(`high_regret:${dimension}`);
  for (const dimension of engine.missingRegrets) flags.push(`missing_regret:${dimension}`);
  for (const penalty of penalties) flags.push(`penalty:${penalty.condition}`);
  for (const flag of extraFlags) if (!flags.includes(flag)) flags.push(flag);
  return { final_label: manual ?? engine.final_label, flags, penalty_factor, penalties, engine };
}
