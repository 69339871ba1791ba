import { SETUP_ARCHETYPES, TIME_BLOCKS } from '../domain/journal.ts';
import { INITIAL_WEIGHT } from '../engine/reinforcement.ts';
import {
  CONFLICT_FAILURE_PENALTY,
  EXIT_LATE_EXIT_PENALTY,
  EXIT_LATE_EXIT_PENALTY_THRESHOLD,
  REGRET_SUM_PENALTY,
  REGRET_SUM_PENALTY_THRESHOLD,
} from '../engine/penalties.ts';
import { jsonText } from './jsonText.ts';
import { REINFORCEMENT_HISTORY_FILE } from './weightHistory.ts';
import { type PenaltyDimension, type PenaltyIndex, penaltyJson } from './penaltyIndex.ts';
import type { ReinforcementTracker } from './reinforcementTrack.ts';
import { WEIGHT_DECIMALS, byCodeUnit, round } from './stats.ts';

export const REINFORCEMENT_PROFILE_FILE = 'reinforcement_profile.json';

/** The seed's penalty table, as the engine applies it. */
export const PENALTY_RULES = [
  { condition: 'regret_sum', rule: `sum of the seven regrets > ${REGRET_SUM_PENALTY_THRESHOLD}`, penalty: REGRET_SUM_PENALTY },
  { condition: 'exit_plus_late_exit', rule: `exit_regret + late_exit_regret > ${EXIT_LATE_EXIT_PENALTY_THRESHOLD}`, penalty: EXIT_LATE_EXIT_PENALTY },
  { condition: 'conflict_failure', rule: 'conflict failure (mesh conflict and the trade ended in regret)', penalty: CONFLICT_FAILURE_PENALTY },
] as const;

/** Items of a recent-trades list sit one per line. */
const INLINE_DEPTH = 4;

/**
 * `reinforcement_profile.json`: each agent's weight and update counts, the size of its weight history (the
 * points themselves are in reinforcement_history.jsonl, which only grows), and the penalty factors in force,
 * per agent, archetype and time block, for future signal scoring.
 */
export function renderProfile(reinforcement: ReinforcementTracker, penalties: PenaltyIndex): string {
  const weights = reinforcement.currentWeights();
  const agents: Record<string, unknown> = {};
  for (const name of Object.keys(weights).sort(byCodeUnit)) {
    const track = reinforcement.track(name);
    agents[name] = {
      initial_weight: INITIAL_WEIGHT,
      current_weight: round(weights[name] ?? INITIAL_WEIGHT, WEIGHT_DECIMALS),
      updates: track?.updates ?? 0,
      raised: track?.raised ?? 0,
      lowered: track?.lowered ?? 0,
      history_points: track?.historyPoints ?? 0,
    };
  }
  const byDimension = (dimension: PenaltyDimension, order: readonly string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of penalties.keys(dimension, order)) {
      const group = penalties.get(dimension, key);
      if (group) out[key] = penaltyJson(group);
    }
    return out;
  };
  return jsonText(
    {
      version: 2,
      history_file: REINFORCEMENT_HISTORY_FILE,
      agents,
      penalty_factors: {
        rules: PENALTY_RULES,
        totals: penaltyJson(penalties.totals),
        by_agent: byDimension('agent', []),
        by_setup_archetype: byDimension('setup_archetype', SETUP_ARCHETYPES),
        by_time_block: byDimension('time_block', TIME_BLOCKS),
      },
    },
    INLINE_DEPTH,
  );
}
