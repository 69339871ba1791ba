import type { JournalEntry } from '../domain/journal.ts';
import { INITIAL_WEIGHT, reinforceTrade } from '../engine/reinforcement.ts';
import { renderMeshLogger } from './meshLogger.ts';
import { weightHistoryLine } from './weightHistory.ts';
import { WEIGHT_DECIMALS, byCodeUnit, round } from './stats.ts';

/** One agent's reinforcement so far: its update counts, the last trade that moved it, and its history's length. */
export type AgentTrack = {
  updates: number;
  raised: number;
  lowered: number;
  lastTradeId: string | null;
  lastTimestamp: string | null;
  /** Points of its weight history (reinforcement_history.jsonl): trades that moved the weight. */
  historyPoints: number;
};

/** What one trade adds to the append-only files: its mesh_logger.jsonl and reinforcement_history.jsonl lines. */
export type ReinforcementLines = { readonly meshLogger: string; readonly history: string };

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

  /** Applies one trade; returns its mesh_logger.jsonl and weight-history lines. */
  add(entry: JournalEntry): ReinforcementLines {
    const result = reinforceTrade(entry, this.weights);
    this.weights = result.weights;
    for (const line of result.log) {
      const track = this.agents.get(line.agent) ?? { updates: 0, raised: 0, lowered: 0, lastTradeId: null, lastTimestamp: null, historyPoints: 0 };
      track.updates += 1;
      if (line.weight_after > line.weight_before) track.raised += 1;
      if (line.weight_after < line.weight_before) track.lowered += 1;
      track.lastTradeId = line.trade_id;
      track.lastTimestamp = entry.timestamp;
      this.agents.set(line.agent, track);
    }
    let history = '';
    for (const point of result.history) {
      const track = this.agents.get(point.agent);
      if (!track) continue;
      track.historyPoints += 1;
      history += weightHistoryLine(point.agent, entry.id, entry.timestamp, round(point.weight, WEIGHT_DECIMALS));
    }
    return { meshLogger: renderMeshLogger(result.log), history };
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
