import { REGRET_DIMENSIONS } from '../domain/journal.ts';
import type { FinalLabel, RegretDimension, RegretScores } from '../domain/journal.ts';
import { assessPenalties, regretSum, tidySum } from './penalties.ts';
import type { Penalty } from './penalties.ts';

/**
 * Seed step 6, final label: process, then outcome. Decision order:
 *  1. model_failure     entry_regret + exit_regret + decay_regret > MODEL_FAILURE_THRESHOLD (the seed's rule);
 *  2. conflict_failure  mesh_conflict and the trade ended in regret: pnl < 0, or (judged) a process regret in
 *                       the worst ENDED_IN_REGRET_MEAN tail of the calibration set, so a winner is one only rarely;
 *  3. unscored_win / unscored_loss when the regrets that judge execution (EXECUTION_REGRETS, which need the
 *     price path) are missing: the trade cannot be judged, only its outcome is known;
 *  4. an outcome label, from pnl and whether the process was poor: the mean of the scored regrets in the worst
 *     quarter of the calibration set (≥ POOR_PROCESS_MEAN):
 *       pnl > 0, sound process → good_trade        pnl > 0, poor process → lucky_win
 *       pnl ≤ 0, sound process → disciplined_loss  pnl ≤ 0, poor process → poor_execution
 * "High" regret (the high_regret:<dimension> flags) is a score in the worst tenth of its own dimension on the
 * calibration set (HIGH_REGRET_BY_DIMENSION). Null regrets count as 0 in the seed's sums, are never high and
 * are left out of the process mean; the flags name each missing one. Every constant here is a percentile of
 * `npm run calibrate`'s random trades on the real bars, which prints each beside the figure it came from.
 */
export const MODEL_FAILURE_THRESHOLD = 2.0;
/** The seed's "significant regret" sum (the penalty's level); kept for the +10 penalty, no longer for labels. */
export const ENDED_IN_REGRET_SUM = 2.5;
/** The labels of a trade that could not be judged (no price path): only its outcome is known. */
export const UNSCORED_LABELS: readonly FinalLabel[] = ['unscored_win', 'unscored_loss'];
/** The regrets that judge how the trade was executed against the tape; without both, the label cannot judge. */
export const EXECUTION_REGRETS: readonly RegretDimension[] = ['entry_regret', 'exit_regret'];
/** P75 of the mean scored regret (calibration): the worst quarter of process. */
export const POOR_PROCESS_MEAN = 0.42;
/** P97.5 of the mean scored regret (calibration): a winner "ended in regret" only this far out. */
export const ENDED_IN_REGRET_MEAN = 0.54;
/** P90 of each dimension (calibration, `npm run calibrate` at the commit that set them): a score at or above it is high for that kind of regret. */
export const HIGH_REGRET_BY_DIMENSION: Readonly<Record<RegretDimension, number>> = {
  entry_regret: 0.8,
  exit_regret: 0.84,
  timing_regret: 0.87,
  decay_regret: 0.62,
  pin_regret: 0.62,
  // 0 whenever there was no breakout at entry; the P90 of the trades that had one is a full 1.
  trap_entry_regret: 1,
  late_exit_regret: 0.77,
};

export type LabelFacts = {
  readonly scores: RegretScores;
  readonly pnl: number;
  readonly mesh_conflict: boolean;
};

export type EngineLabel = {
  readonly final_label: FinalLabel;
  /** How many of the seven regrets were scored (the line's label_basis). */
  readonly scored: number;
  /** Both execution regrets were scored: the label judges the process, not only the outcome. */
  readonly judged: boolean;
  /** Mean of the scored regrets; null when none was scored. */
  readonly processMean: number | null;
  readonly poorProcess: boolean;
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

export function outcomeLabel(pnl: number, poorProcess: boolean, judged = true): FinalLabel {
  if (!judged) return pnl > 0 ? 'unscored_win' : 'unscored_loss';
  if (pnl > 0) return poorProcess ? 'lucky_win' : 'good_trade';
  return poorProcess ? 'poor_execution' : 'disciplined_loss';
}

export function engineLabel(facts: LabelFacts): EngineLabel {
  const { scores, pnl } = facts;
  const failureSum = tidySum([scores.entry_regret, scores.exit_regret, scores.decay_regret]);
  const sum = regretSum(scores);
  const present = REGRET_DIMENSIONS.filter((dimension) => scores[dimension] !== null);
  const processMean = present.length === 0 ? null : Math.round((tidySum(present.map((dimension) => scores[dimension])) / present.length) * 1e6) / 1e6;
  const judged = EXECUTION_REGRETS.every((dimension) => scores[dimension] !== null);
  const poorProcess = judged && processMean !== null && processMean >= POOR_PROCESS_MEAN;
  const highRegrets = REGRET_DIMENSIONS.filter((dimension) => {
    const score = scores[dimension];
    return score !== null && score > 0 && score >= HIGH_REGRET_BY_DIMENSION[dimension];
  });
  const missingRegrets = REGRET_DIMENSIONS.filter((dimension) => scores[dimension] === null);
  const modelFailure = failureSum > MODEL_FAILURE_THRESHOLD;
  const endedInRegret = pnl < 0 || (judged && processMean !== null && processMean >= ENDED_IN_REGRET_MEAN);
  const conflictFailure = facts.mesh_conflict && endedInRegret;
  const outcome = outcomeLabel(pnl, poorProcess, judged);
  const final_label: FinalLabel = modelFailure ? 'model_failure' : conflictFailure ? 'conflict_failure' : outcome;
  const mean = processMean === null ? 'no regret scored' : `mean of ${present.length} scored regrets ${processMean.toFixed(2)}`;
  const parts = [`entry + exit + decay regret ${failureSum.toFixed(2)} ${modelFailure ? '>' : '≤'} ${MODEL_FAILURE_THRESHOLD}`];
  if (facts.mesh_conflict) {
    parts.push(
      `mesh conflict and ${endedInRegret ? `ended in regret (${pnl < 0 ? `pnl ${pnl} < 0` : `${mean} ≥ ${ENDED_IN_REGRET_MEAN}`})` : `no regret ending (pnl ${pnl}, ${mean} < ${ENDED_IN_REGRET_MEAN})`}`,
    );
  }
  if (!judged) parts.push(`pnl ${pnl} ${pnl > 0 ? '> 0' : '≤ 0'}; not judged: ${EXECUTION_REGRETS.filter((dimension) => scores[dimension] === null).join(' and ')} missing (no price path) → ${outcome}`);
  else parts.push(`pnl ${pnl} ${pnl > 0 ? '> 0' : '≤ 0'}, ${mean} ${poorProcess ? '≥' : '<'} ${POOR_PROCESS_MEAN} (${poorProcess ? 'poor' : 'sound'} process) → ${outcome}`);
  return {
    final_label,
    scored: present.length,
    judged,
    processMean,
    poorProcess,
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
