import type { ReinforcementResult } from '../engine/reinforcement.ts';
import { INITIAL_WEIGHT } from '../engine/reinforcement.ts';
import { engineSettings } from './engineSettings.ts';
import { jsonText } from './jsonText.ts';
import { WEIGHT_DECIMALS, byCodeUnit, round } from './stats.ts';

export const MESH_CONFIG_FILE = 'mesh_config.json';

export type AgentUpdateSummary = {
  readonly updates: number;
  readonly raised: number;
  readonly lowered: number;
  readonly lastTradeId: string | null;
  readonly lastTimestamp: string | null;
};

/** Per agent: how many updates, how many raised or lowered the weight, and the last trade that moved it. */
export function summarizeUpdates(reinforcement: ReinforcementResult): Map<string, AgentUpdateSummary> {
  const out = new Map<string, AgentUpdateSummary>();
  const timestamps = new Map<string, string>();
  for (const point of reinforcement.history) timestamps.set(`${point.agent}\u0000${point.trade_id}`, point.timestamp);
  for (const line of reinforcement.log) {
    const previous = out.get(line.agent) ?? { updates: 0, raised: 0, lowered: 0, lastTradeId: null, lastTimestamp: null };
    out.set(line.agent, {
      updates: previous.updates + 1,
      raised: previous.raised + (line.weight_after > line.weight_before ? 1 : 0),
      lowered: previous.lowered + (line.weight_after < line.weight_before ? 1 : 0),
      lastTradeId: line.trade_id,
      lastTimestamp: timestamps.get(`${line.agent}\u0000${line.trade_id}`) ?? null,
    });
  }
  return out;
}

/**
 * `mesh_config.json`: each agent's current `reinforcement_weight` (replayed in trade-exit order from the
 * whole journal, so it never depends on import order) and every engine constant in force.
 */
export function renderMeshConfig(reinforcement: ReinforcementResult, trades: number): string {
  const updates = summarizeUpdates(reinforcement);
  const agents: Record<string, unknown> = {};
  for (const name of Object.keys(reinforcement.weights).sort(byCodeUnit)) {
    const summary = updates.get(name);
    agents[name] = {
      reinforcement_weight: round(reinforcement.weights[name] ?? INITIAL_WEIGHT, WEIGHT_DECIMALS),
      trades: summary?.updates ?? 0,
      last_trade_id: summary?.lastTradeId ?? null,
      last_updated: summary?.lastTimestamp ?? null,
    };
  }
  const config = {
    version: 1,
    trades,
    initial_weight: INITIAL_WEIGHT,
    agents,
    settings: engineSettings(),
  };
  // One constant a line: the settings table stays readable without a line per array item.
  return jsonText(config, 3);
}

/** The current weights as mesh_config.json states them (what `weights()` of the store returns). */
export function weightsFromMeshConfig(text: string): Record<string, number> {
  const parsed = JSON.parse(text) as { agents?: Record<string, { reinforcement_weight?: unknown }> };
  const weights: Record<string, number> = {};
  for (const [name, agent] of Object.entries(parsed.agents ?? {})) {
    if (typeof agent.reinforcement_weight === 'number') weights[name] = agent.reinforcement_weight;
  }
  return weights;
}
