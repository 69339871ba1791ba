import { REGRET_DIMENSIONS } from '../domain/journal.ts';
import type { AgentAttribution, JournalEntry, RegretScores, SetupArchetype, TimeBlock } from '../domain/journal.ts';
import type { Polarity } from '../domain/trade.ts';

/** Test support only: schema-valid sync_log lines built by hand, for the engine's step tests. */
export const zeroRegrets: RegretScores = { entry_regret: 0, exit_regret: 0, timing_regret: 0, decay_regret: 0, pin_regret: 0, trap_entry_regret: 0, late_exit_regret: 0 };

export type EntryExtras = { readonly setup_archetype?: SetupArchetype; readonly time_block?: TimeBlock };

export type AgentSpec = { name: string; polarity: Polarity; phase?: 'entry' | 'exit'; score?: number; weight?: number };

/** A full sync_log line with only what reinforcement reads varying; the rest fixed and schema-valid. */
export function entry(id: string, minute: number, pnl: number, direction: Polarity, agents: readonly AgentSpec[], scores: RegretScores = zeroRegrets, extras: EntryExtras = {}): JournalEntry {
  const exit = new Date(Date.parse('2025-07-08T13:30:00Z') + minute * 60_000).toISOString().replace('.000Z', 'Z');
  const attributed: AgentAttribution[] = agents.map((agent) => {
    const aligned = agent.polarity === direction;
    return {
      name: agent.name,
      phase: agent.phase ?? 'entry',
      polarity: agent.polarity,
      score: agent.score ?? 1,
      weight: agent.weight ?? 1,
      aligned,
      conflicted: !aligned,
      aligned_with_outcome: (aligned && pnl > 0) || (!aligned && pnl < 0),
    };
  });
  const explanations = Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, 'hand-built'])) as JournalEntry['explanations'];
  return {
    id,
    timestamp: exit,
    pnl,
    entry_score: null,
    exit_score: null,
    ...scores,
    agents_involved: [...new Set(agents.map((agent) => agent.name))].sort(),
    agent_weights: {},
    mesh_conflict: false,
    setup_archetype: extras.setup_archetype ?? 'unclassified',
    time_block: extras.time_block === undefined ? 'early_open' : extras.time_block,
    final_label: pnl > 0 ? 'good_trade' : 'disciplined_loss',
    flags: [],
    penalty_factor: 0,
    mesh_alignment: null,
    explanations,
    label_source: 'engine',
    entry_time: exit,
    exit_time: exit,
    duration_minutes: 0,
    direction,
    regime_tags: [],
    archetype_confidence: 0,
    archetype_evidence: [],
    agents: attributed,
    levels: { vwap_at_entry: null, vwap_at_exit: null, max_pain: null, trap_level: null, expected_move: null, implied_vol: null, implied_vol_source: 'none' },
    trade: {
      id,
      symbol: 'SPY',
      expiry: '2025-07-08',
      right: direction === 'bullish' ? 'C' : 'P',
      strike: 620,
      side: 'long',
      qty: 1,
      entry_time: exit,
      exit_time: exit,
      entry_price: 1,
      exit_price: 1,
      fees: 0,
      pnl,
      regime_tags: [],
      agents: [],
      multiplier: 100,
      close_reason: 'closed',
    },
  };
}

