import type { RegretScores } from '../domain/journal.ts';

/**
 * Seed step 6, penalty factor injection. Each condition that holds adds its points; the factor is the sum
 * (0, 10, 15, 20, 25, 30, 35 or 45). Null regrets count as 0 (the flags say which were missing).
 */
export const REGRET_SUM_PENALTY_THRESHOLD = 2.5;
export const REGRET_SUM_PENALTY = 10;
export const EXIT_LATE_EXIT_PENALTY_THRESHOLD = 1.5;
export const EXIT_LATE_EXIT_PENALTY = 15;
export const CONFLICT_FAILURE_PENALTY = 20;

export type PenaltyCondition = 'regret_sum' | 'exit_plus_late_exit' | 'conflict_failure';

export type Penalty = {
  readonly condition: PenaltyCondition;
  readonly points: number;
  /** The numbers behind it, e.g. "regret sum 2.80 > 2.5". */
  readonly detail: string;
};

export type PenaltyAssessment = {
  readonly penalty_factor: number;
  readonly penalties: Penalty[];
};

/**
 * Sums are rounded to 9 decimals before any threshold comparison, so 0.7 + 0.7 + 0.6 is exactly 2.0 and
 * binary noise never decides a boundary.
 */
export function tidySum(values: readonly (number | null)[]): number {
  let total = 0;
  for (const value of values) total += value ?? 0;
  return Math.round(total * 1e9) / 1e9;
}

/** All seven regrets added, null as 0. */
export function regretSum(scores: RegretScores): number {
  return tidySum([
    scores.entry_regret,
    scores.exit_regret,
    scores.timing_regret,
    scores.decay_regret,
    scores.pin_regret,
    scores.trap_entry_regret,
    scores.late_exit_regret,
  ]);
}

export function assessPenalties(scores: RegretScores, conflictFailure: boolean): PenaltyAssessment {
  const penalties: Penalty[] = [];
  const sum = regretSum(scores);
  if (sum > REGRET_SUM_PENALTY_THRESHOLD) {
    penalties.push({ condition: 'regret_sum', points: REGRET_SUM_PENALTY, detail: `regret sum ${sum.toFixed(2)} > ${REGRET_SUM_PENALTY_THRESHOLD}` });
  }
  const exitLate = tidySum([scores.exit_regret, scores.late_exit_regret]);
  if (exitLate > EXIT_LATE_EXIT_PENALTY_THRESHOLD) {
    penalties.push({
      condition: 'exit_plus_late_exit',
      points: EXIT_LATE_EXIT_PENALTY,
      detail: `exit_regret + late_exit_regret ${exitLate.toFixed(2)} > ${EXIT_LATE_EXIT_PENALTY_THRESHOLD}`,
    });
  }
  if (conflictFailure) {
    penalties.push({ condition: 'conflict_failure', points: CONFLICT_FAILURE_PENALTY, detail: 'conflict failure' });
  }
  return { penalty_factor: penalties.reduce((total, penalty) => total + penalty.points, 0), penalties };
}
