import { REGRET_DIMENSIONS, type JournalEntry, type RegretDimension } from '../domain/journal.ts';
import { isPatternMember, triggersFromStatistics, type PatternMembers } from '../engine/memoryTriggers.ts';
import { reinforceTrade, representativeSignals, sortByExit } from '../engine/reinforcement.ts';
import type { GroupStats, LearnedState, PenaltyDimension, PenaltyFigure } from '../engine/scoreProposal.ts';
import { addToTriggerStatistics, emptyTriggerStatistics } from '../engine/triggerStatistics.ts';
import { PenaltyIndex } from './penaltyIndex.ts';
import { byCodeUnit } from './stats.ts';

type MutableGroup = { -readonly [K in keyof GroupStats]: GroupStats[K] } & { regrets: Record<RegretDimension, { n: number; sum: number }> };

export type LearnedStateBuilder = {
  /** Folds in the next committed entry; entries must come in trade-exit order. */
  readonly add: (entry: JournalEntry) => void;
  readonly state: () => LearnedState;
};

/**
 * The journal's learned state for the proposal scorer, folded in trade-exit order with the same pieces the
 * derived files use: reinforceTrade (mesh_config.json's weights), PenaltyIndex (signal_scoring_logic.md's
 * penalty figures) and the memory-trigger statistics (memory/patterns.md). So the weights and penalties the
 * scorer uses are exactly the ones signal_scoring_logic.md states for the same journal.
 */
export function createLearnedState(): LearnedStateBuilder {
  let weights: Record<string, number> = {};
  const penalties = PenaltyIndex.empty();
  const stats = emptyTriggerStatistics();
  const groups = new Map<string, MutableGroup>();
  const members: { entry: JournalEntry; aligned: Set<string> }[] = [];
  return {
    add: (entry) => {
      weights = reinforceTrade(entry, weights).weights;
      penalties.add(entry);
      addToTriggerStatistics(stats, entry);
      members.push({ entry, aligned: new Set(representativeSignals(entry.agents).filter((signal) => signal.aligned).map((signal) => signal.name)) });
      const key = `${entry.time_block}|${entry.setup_archetype}|${entry.direction}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          time_block: entry.time_block,
          setup_archetype: entry.setup_archetype,
          direction: entry.direction,
          n: 0,
          wins: 0,
          losses: 0,
          pnl_sum: 0,
          penalty_total: 0,
          regrets: Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, { n: 0, sum: 0 }])) as MutableGroup['regrets'],
        };
        groups.set(key, group);
      }
      group.n += 1;
      if (entry.pnl > 0) group.wins += 1;
      if (entry.pnl < 0) group.losses += 1;
      group.pnl_sum += entry.pnl;
      group.penalty_total += entry.penalty_factor;
      for (const dimension of REGRET_DIMENSIONS) {
        const score = entry[dimension];
        if (score === null) continue;
        group.regrets[dimension].n += 1;
        group.regrets[dimension].sum += score;
      }
    },
    state: () => {
      const patternMembers: PatternMembers = (ref) =>
        members
          .filter((member) => isPatternMember(ref, member.entry, member.aligned))
          .map((member) => member.entry.id)
          .sort();
      const figures = (dimension: PenaltyDimension): Record<string, PenaltyFigure> =>
        Object.fromEntries(
          penalties.keys(dimension).flatMap((key) => {
            const group = penalties.get(dimension, key);
            return group ? [[key, { trades: group.trades, penalized: group.penalized, total: group.total }]] : [];
          }),
        );
      const sortedWeights: Record<string, number> = {};
      for (const name of Object.keys(weights).sort(byCodeUnit)) sortedWeights[name] = weights[name] ?? 1;
      return {
        trades: members.length,
        weights: sortedWeights,
        penalties: { agent: figures('agent'), setup_archetype: figures('setup_archetype'), time_block: figures('time_block') },
        triggers: triggersFromStatistics(stats, patternMembers),
        groups: [...groups.values()].map((group) => ({ ...group, regrets: Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, { ...group.regrets[dimension] }])) as MutableGroup['regrets'] })),
      };
    },
  };
}

/** The learned state of a set of committed entries (any order: they are folded in trade-exit order). */
export function learnedStateOf(entries: readonly JournalEntry[]): LearnedState {
  const builder = createLearnedState();
  for (const entry of sortByExit(entries)) builder.add(entry);
  return builder.state();
}
