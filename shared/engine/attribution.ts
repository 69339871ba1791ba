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
  /** Weight share of the entry signal agreeing with the trade's direction; null without entry agents. */
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
 * Mesh alignment: Σ over entry signals agreeing with the trade of weight × |score|, divided by the same
 * sum over all entry signals. A signal's pull on the mesh is its weight times its strength, so a weak
 * agreeing signal cannot outvote a strong opposing one. When every entry signal has weight × |score| = 0
 * the plain weight share is used; when every weight is 0 too, or there is no entry signal, it is null.
 */
export function meshAlignment(agents: readonly AgentSignal[], direction: TradeDirection): number | null {
  return meshAlignmentDetail(agents, direction).value;
}

type AlignmentDetail = { readonly value: number | null; readonly basis: 'weight × |score|' | 'weight' | null };

function meshAlignmentDetail(agents: readonly AgentSignal[], direction: TradeDirection): AlignmentDetail {
  const entry = agents.filter((agent) => agent.phase === 'entry');
  if (entry.length === 0) return { value: null, basis: null };
  const share = (pull: (agent: AgentSignal) => number): number | null => {
    let total = 0;
    let agreeing = 0;
    for (const agent of entry) {
      const value = pull(agent);
      total += value;
      if (agent.polarity === direction) agreeing += value;
    }
    return total > 0 ? tidy(agreeing / total) : null;
  };
  const byStrength = share((agent) => agent.weight * Math.abs(agent.score));
  if (byStrength !== null) return { value: byStrength, basis: 'weight × |score|' };
  const byWeight = share((agent) => agent.weight);
  return byWeight !== null ? { value: byWeight, basis: 'weight' } : { value: null, basis: null };
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
  const detail = meshAlignmentDetail(agents, direction);
  const alignment = detail.value;
  const conflict = isMeshConflict(alignment);
  const conflicting = [...new Set(attributed.filter((agent) => agent.conflicted).map((agent) => agent.name))].sort();
  const entryCount = agents.filter((agent) => agent.phase === 'entry').length;
  const explanation =
    alignment === null
      ? entryCount === 0
        ? 'no entry agents: mesh alignment unknown, no mesh conflict'
        : 'entry agents carry no weight: mesh alignment unknown, no mesh conflict'
      : `mesh alignment ${alignment.toFixed(2)} (${detail.basis ?? 'weight'} share of ${entryCount} entry signal(s) agreeing with the ${direction} trade)` +
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
