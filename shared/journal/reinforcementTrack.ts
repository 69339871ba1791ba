import type { JournalEntry } from '../domain/journal.ts';
import { INITIAL_WEIGHT, reinforceTrade } from '../engine/reinforcement.ts';
import { renderMeshLogger } from './meshLogger.ts';
import { WEIGHT_DECIMALS, byCodeUnit, round } from './stats.ts';

/** One agent's reinforcement so far: its update counts, the last trade that moved it, and its weight history. */
export type AgentTrack = {
  updates: number;
  raised: number;
  lowered: number;
  lastTradeId: string | null;
  lastTimestamp: string | null;
  /** Row (in the trade columns) of each trade that moved the weight, and the weight after it (rounded as written). */
  readonly historyRows: number[];
  readonly historyWeights: number[];
};

/** Reinforcement as a left fold in exit order: the weights after the last trade, and per agent its track. */
export type ReinforcementSnapshot = {
  readonly weights: [string, number][];
  readonly agents: [string, AgentTrack][];
};

/**
 * Folds trades into the reinforcement weights one at a time, exactly as the engine's replay does (the same
 * reinforceTrade, the same order), so folding the new trades of a commit from the saved weights gives what
 * a replay of the whole journal gives. Each trade's `mesh_logger.jsonl` lines come back as text to append.
 */
export class ReinforcementTracker {
  private weights: Record<string, number>;
  private readonly agents: Map<string, AgentTrack>;

  private constructor(snapshot: ReinforcementSnapshot) {
    // fromEntries defines own properties, so an agent called "__proto__" stays an ordinary key.
    this.weights = Object.fromEntries(snapshot.weights);
    this.agents = new Map(snapshot.agents);
  }

  static empty(): ReinforcementTracker {
    return new ReinforcementTracker({ weights: [], agents: [] });
  }

  static restore(snapshot: ReinforcementSnapshot): ReinforcementTracker {
    return new ReinforcementTracker(snapshot);
  }

  /** Applies one trade (row `row` of the columns); returns its mesh_logger.jsonl lines. */
  add(entry: JournalEntry, row: number): string {
    const result = reinforceTrade(entry, this.weights);
    this.weights = result.weights;
    for (const line of result.log) {
      const track = this.agents.get(line.agent) ?? { updates: 0, raised: 0, lowered: 0, lastTradeId: null, lastTimestamp: null, historyRows: [], historyWeights: [] };
      track.updates += 1;
      if (line.weight_after > line.weight_before) track.raised += 1;
      if (line.weight_after < line.weight_before) track.lowered += 1;
      track.lastTradeId = line.trade_id;
      track.lastTimestamp = entry.timestamp;
      this.agents.set(line.agent, track);
    }
    for (const point of result.history) {
      const track = this.agents.get(point.agent);
      if (!track) continue;
      track.historyRows.push(row);
      track.historyWeights.push(round(point.weight, WEIGHT_DECIMALS));
    }
    return renderMeshLogger(result.log);
  }

  /** The current weights, agents in code-unit order. */
  currentWeights(): Record<string, number> {
    const sorted: Record<string, number> = {};
    for (const name of Object.keys(this.weights).sort(byCodeUnit)) sorted[name] = this.weights[name] ?? INITIAL_WEIGHT;
    return sorted;
  }

  track(agent: string): AgentTrack | undefined {
    return this.agents.get(agent);
  }

  snapshot(): ReinforcementSnapshot {
    return { weights: Object.entries(this.weights), agents: [...this.agents] };
  }
}
