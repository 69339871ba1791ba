import { INITIAL_WEIGHT } from '../engine/reinforcement.ts';
import { engineSettings } from './engineSettings.ts';
import { jsonText } from './jsonText.ts';
import type { ReinforcementTracker } from './reinforcementTrack.ts';
import { WEIGHT_DECIMALS, byCodeUnit, round } from './stats.ts';

export const MESH_CONFIG_FILE = 'mesh_config.json';

/**
 * `mesh_config.json`: each agent's current `reinforcement_weight` (replayed in trade-exit order from the
 * whole journal, so it never depends on import order) and every engine constant in force.
 */
export function renderMeshConfig(reinforcement: ReinforcementTracker, trades: number): string {
  const weights = reinforcement.currentWeights();
  const agents: Record<string, unknown> = {};
  for (const name of Object.keys(weights).sort(byCodeUnit)) {
    const track = reinforcement.track(name);
    agents[name] = {
      reinforcement_weight: round(weights[name] ?? INITIAL_WEIGHT, WEIGHT_DECIMALS),
      trades: track?.updates ?? 0,
      last_trade_id: track?.lastTradeId ?? null,
      last_updated: track?.lastTimestamp ?? null,
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
