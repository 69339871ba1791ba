import { SETUP_ARCHETYPES, TIME_BLOCKS } from '../domain/journal.ts';
import { INITIAL_WEIGHT, type ReinforcementResult } from '../engine/reinforcement.ts';
import {
  CONFLICT_FAILURE_PENALTY,
  EXIT_LATE_EXIT_PENALTY,
  EXIT_LATE_EXIT_PENALTY_THRESHOLD,
  REGRET_SUM_PENALTY,
  REGRET_SUM_PENALTY_THRESHOLD,
} from '../engine/penalties.ts';
import { jsonText } from './jsonText.ts';
import { summarizeUpdates } from './meshConfig.ts';
import { type PenaltyDimension, type PenaltyIndex, penaltyJson } from './penaltyIndex.ts';
import { WEIGHT_DECIMALS, byCodeUnit, round } from './stats.ts';

export const REINFORCEMENT_PROFILE_FILE = 'reinforcement_profile.json';

/** The seed's penalty table, as the engine applies it. */
export const PENALTY_RULES = [
  { condition: 'regret_sum', rule: `sum of the seven regrets > ${REGRET_SUM_PENALTY_THRESHOLD}`, penalty: REGRET_SUM_PENALTY },
  { condition: 'exit_plus_late_exit', rule: `exit_regret + late_exit_regret > ${EXIT_LATE_EXIT_PENALTY_THRESHOLD}`, penalty: EXIT_LATE_EXIT_PENALTY },
  { condition: 'conflict_failure', rule: 'conflict failure (mesh conflict and the trade ended in regret)', penalty: CONFLICT_FAILURE_PENALTY },
] as const;

/** Items of a history or a recent-trades list sit one per line (the depth of a history point). */
const INLINE_DEPTH = 4;

/**
 * `reinforcement_profile.json`: each agent's weight history (one point per trade that moved it, in exit
 * order) and the penalty factors in force, per agent, archetype and time block, for future signal scoring.
 */
export function renderProfile(reinforcement: ReinforcementResult, penalties: PenaltyIndex): string {
  const updates = summarizeUpdates(reinforcement);
  const history = new Map<string, { trade_id: string; timestamp: string; weight: number }[]>();
  for (const point of reinforcement.history) {
    const points = history.get(point.agent) ?? [];
    points.push({ trade_id: point.trade_id, timestamp: point.timestamp, weight: round(point.weight, WEIGHT_DECIMALS) });
    history.set(point.agent, points);
  }
  const agents: Record<string, unknown> = {};
  for (const name of Object.keys(reinforcement.weights).sort(byCodeUnit)) {
    const summary = updates.get(name);
    agents[name] = {
      initial_weight: INITIAL_WEIGHT,
      current_weight: round(reinforcement.weights[name] ?? INITIAL_WEIGHT, WEIGHT_DECIMALS),
      updates: summary?.updates ?? 0,
      raised: summary?.raised ?? 0,
      lowered: summary?.lowered ?? 0,
      history: history.get(name) ?? [],
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
      version: 1,
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
