import type { AgentAttribution } from '../domain/journal.ts';
import type { AgentSignal, TradeDirection } from '../domain/trade.ts';

/**
 * Seed step 4, agent attribution. The mesh is in conflict ("mesh confusion") when the share of the entry
 * signal that agrees with the trade's direction is below this threshold; exactly 0.6 is not a conflict.
 */
export const MESH_CONFLICT_THRESHOLD = 0.6;

export type Attribution = {
  readonly agents: AgentAttribution[];
  /** Sorted unique agent names, entry and exit. */
  readonly agents_involved: string[];
  /** Per agent: Σ weight × score over its signals in this trade (entry and exit), its contribution. */
  readonly agent_weights: Record<string, number>;
  /** Weight share of the entry signals agreeing with the trade's direction; null without entry agents or weight. */
  readonly mesh_alignment: number | null;
  readonly mesh_conflict: boolean;
  /** Sorted unique names of agents whose signal (either phase) opposed the trade's direction. */
  readonly conflicting_agents: string[];
  /** One line saying how mesh_alignment was computed. */
  readonly explanation: string;
};

/** Rounds away binary noise (0.1 + 0.2) so logs read cleanly; 1e-9 is far below any signal scale. */
function tidy(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/**
 * Mesh alignment (SPEC step 4): the weight share of the entry signals agreeing with the trade's direction,
 * Σ weight of agreeing entry signals / Σ weight of all entry signals. The exit signals are not the mesh at the
 * decision. With no entry signal, or only zero weights, it is null: no mesh, no confusion.
 */
export function meshAlignment(agents: readonly AgentSignal[], direction: TradeDirection): number | null {
  const entry = agents.filter((agent) => agent.phase === 'entry');
  let total = 0;
  let agreeing = 0;
  for (const agent of entry) {
    total += agent.weight;
    if (agent.polarity === direction) agreeing += agent.weight;
  }
  return total > 0 ? tidy(agreeing / total) : null;
}

export function isMeshConflict(alignment: number | null): boolean {
  return alignment !== null && alignment < MESH_CONFLICT_THRESHOLD;
}

export function attributeAgent(signal: AgentSignal, direction: TradeDirection, pnl: number): AgentAttribution {
  const aligned = signal.polarity === direction;
  const conflicted = !aligned;
  return {
    ...signal,
    aligned,
    conflicted,
    aligned_with_outcome: (aligned && pnl > 0) || (conflicted && pnl < 0),
  };
}

export function attributeAgents(agents: readonly AgentSignal[], direction: TradeDirection, pnl: number): Attribution {
  const attributed = agents.map((signal) => attributeAgent(signal, direction, pnl));
  const names = [...new Set(agents.map((agent) => agent.name))].sort();
  const agentWeights: Record<string, number> = {};
  for (const name of names) agentWeights[name] = 0;
  for (const signal of agents) agentWeights[signal.name] = tidy((agentWeights[signal.name] ?? 0) + signal.weight * signal.score);
  const alignment = meshAlignment(agents, direction);
  const conflict = isMeshConflict(alignment);
  const conflicting = [...new Set(attributed.filter((agent) => agent.conflicted).map((agent) => agent.name))].sort();
  const entryCount = agents.filter((agent) => agent.phase === 'entry').length;
  const explanation =
    alignment === null
      ? entryCount === 0
        ? 'no entry agents: mesh alignment unknown, no mesh conflict'
        : 'entry agents carry no weight: mesh alignment unknown, no mesh conflict'
      : `mesh alignment ${alignment.toFixed(2)} (weight share of the ${entryCount} entry signal(s) agreeing with the ${direction} trade)` +
        (conflict ? ` < ${MESH_CONFLICT_THRESHOLD}: mesh conflict` : ` ≥ ${MESH_CONFLICT_THRESHOLD}: no mesh conflict`);
  return {
    agents: attributed,
    agents_involved: names,
    agent_weights: agentWeights,
    mesh_alignment: alignment,
    mesh_conflict: conflict,
    conflicting_agents: conflicting,
    explanation,
  };
}
