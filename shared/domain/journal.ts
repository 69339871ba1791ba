import { z } from 'zod';
import { agentSignalSchema, tradeRecordSchema } from './trade.ts';

export const REGRET_DIMENSIONS = [
  'entry_regret',
  'exit_regret',
  'timing_regret',
  'decay_regret',
  'pin_regret',
  'trap_entry_regret',
  'late_exit_regret',
] as const;
export const regretDimensionSchema = z.enum(REGRET_DIMENSIONS);
export type RegretDimension = z.infer<typeof regretDimensionSchema>;

export const TIME_BLOCKS = ['early_open', 'chop_mid', 'setup_mid', 'decay_close', 'outside_session'] as const;
export const timeBlockSchema = z.enum(TIME_BLOCKS);
export type TimeBlock = z.infer<typeof timeBlockSchema>;

/**
 * The group name of trades without a time block (entries with no time of day, from a dates-only export) where
 * trades are counted per block: summaries, penalties, filters. Never a time block itself.
 */
export const NO_TIME_OF_DAY = 'no_time_of_day';
export const timeBlockGroupSchema = z.union([timeBlockSchema, z.literal(NO_TIME_OF_DAY)]);
export type TimeBlockGroup = z.infer<typeof timeBlockGroupSchema>;
export function timeBlockGroup(block: TimeBlock | null): TimeBlockGroup {
  return block ?? NO_TIME_OF_DAY;
}

export const SETUP_ARCHETYPES = [
  'momentum_break',
  'fade_reversal',
  'gamma_flip',
  'trap_avoidance',
  'pin_fade',
  'unclassified',
] as const;
export const setupArchetypeSchema = z.enum(SETUP_ARCHETYPES);
export type SetupArchetype = z.infer<typeof setupArchetypeSchema>;

/** Final labels: the seed's two failures first, then the outcome labels documented in docs/engine.md. */
export const FINAL_LABELS = [
  'model_failure',
  'conflict_failure',
  'good_trade',
  'lucky_win',
  'disciplined_loss',
  'poor_execution',
  'unscored_win',
  'unscored_loss',
] as const;
export const finalLabelSchema = z.enum(FINAL_LABELS);
export type FinalLabel = z.infer<typeof finalLabelSchema>;

/** A regret score in [0, 1], or null when its inputs are missing (the explanation then says why). */
export const regretScoreSchema = z.number().min(0).max(1).nullable();

export const regretScoresSchema = z.object({
  entry_regret: regretScoreSchema,
  exit_regret: regretScoreSchema,
  timing_regret: regretScoreSchema,
  decay_regret: regretScoreSchema,
  pin_regret: regretScoreSchema,
  trap_entry_regret: regretScoreSchema,
  late_exit_regret: regretScoreSchema,
});
export type RegretScores = z.infer<typeof regretScoresSchema>;

export const explanationsSchema = z.object({
  entry_regret: z.string(),
  exit_regret: z.string(),
  timing_regret: z.string(),
  decay_regret: z.string(),
  pin_regret: z.string(),
  trap_entry_regret: z.string(),
  late_exit_regret: z.string(),
  /** Why the engine proposed its label (process, then outcome); lines from before it was written lack it. */
  final_label: z.string().optional(),
  /** The premium change split by cause, with its figures (shared/engine/pnlAttribution.ts). */
  pnl_attribution: z.string().optional(),
});
export type Explanations = z.infer<typeof explanationsSchema>;

/**
 * The position's premium change (dollars, before fees) split by cause: the underlying's move (delta and
 * gamma), time (theta), implied volatility (vega) and what the model does not explain. The four add up to
 * premium_change.
 */
export const pnlAttributionSchema = z.object({
  premium_change: z.number(),
  underlying: z.number(),
  time: z.number(),
  volatility: z.number(),
  residual: z.number(),
  underlying_entry: z.number(),
  underlying_exit: z.number(),
  iv_entry: z.number(),
  iv_exit: z.number(),
  /** 'premium': implied from the trade's own entry premium; 'context': the day context's ATM IV. */
  iv_entry_source: z.enum(['premium', 'context']),
  /** 'premium': implied from the exit premium; 'entry': taken as the entry IV. */
  iv_exit_source: z.enum(['premium', 'entry']),
});
export type PnlAttribution = z.infer<typeof pnlAttributionSchema>;

/** One agent's part in a trade, as attributed by the engine (seed step 4). */
export const agentAttributionSchema = agentSignalSchema.extend({
  /** The agent's polarity agrees with the trade's direction. */
  aligned: z.boolean(),
  /** The agent's polarity disagrees with the trade's direction. */
  conflicted: z.boolean(),
  /** The agent pointed the way the trade made money (aligned and pnl > 0, or conflicted and pnl < 0). */
  aligned_with_outcome: z.boolean(),
});
export type AgentAttribution = z.infer<typeof agentAttributionSchema>;

export const archetypeEvidenceSchema = z.object({
  setup_archetype: setupArchetypeSchema,
  confidence: z.number().min(0).max(1),
  evidence: z.array(z.string()),
});
export type ArchetypeEvidence = z.infer<typeof archetypeEvidenceSchema>;

export const labelSourceSchema = z.enum(['engine', 'manual']);

/** The engine's untouched proposal, kept beside a manual override. */
export const engineProposalSchema = z.object({
  setup_archetype: setupArchetypeSchema,
  final_label: finalLabelSchema,
});

/** Chart levels the scores used, so the review screen can draw them. */
export const scoreLevelsSchema = z.object({
  vwap_at_entry: z.number().nullable(),
  vwap_at_exit: z.number().nullable(),
  max_pain: z.number().nullable(),
  trap_level: z.number().nullable(),
  expected_move: z.number().nullable(),
  implied_vol: z.number().nullable(),
  implied_vol_source: z.enum(['context', 'premium', 'none']),
});
export type ScoreLevels = z.infer<typeof scoreLevelsSchema>;

/**
 * One line of sync_log.jsonl: the seed's logged data schema with its exact field names, plus what the
 * journal needs to rebuild every derived file (the trade itself, attribution, evidence, overrides).
 */
export const journalEntrySchema = z.object({
  id: z.string(),
  // --- the seed's logged data schema, names as written there ---
  timestamp: z.string(),
  pnl: z.number(),
  entry_score: z.number().nullable(),
  exit_score: z.number().nullable(),
  entry_regret: regretScoreSchema,
  exit_regret: regretScoreSchema,
  timing_regret: regretScoreSchema,
  decay_regret: regretScoreSchema,
  pin_regret: regretScoreSchema,
  trap_entry_regret: regretScoreSchema,
  late_exit_regret: regretScoreSchema,
  agents_involved: z.array(z.string()),
  /** Per agent: the signal's weight × score, its contribution to the mesh at the trade. */
  agent_weights: z.record(z.string(), z.number()),
  mesh_conflict: z.boolean(),
  setup_archetype: setupArchetypeSchema,
  /** Null when the entry has no time of day (a dates-only broker export); the flag no_time_of_day says so. */
  time_block: timeBlockSchema.nullable(),
  final_label: finalLabelSchema,
  // --- engine extras ---
  /** How many of the seven regrets were scored when the engine labelled the trade (0–7); older lines lack it. */
  label_basis: z.number().int().min(0).max(7).optional(),
  /** Null when the underlying price or the times are not known; older lines lack it. */
  pnl_attribution: pnlAttributionSchema.nullable().optional(),
  flags: z.array(z.string()),
  penalty_factor: z.number(),
  mesh_alignment: z.number().min(0).max(1).nullable(),
  explanations: explanationsSchema,
  label_source: labelSourceSchema,
  engine_proposal: engineProposalSchema.optional(),
  note: z.string().optional(),
  entry_time: z.string(),
  exit_time: z.string(),
  duration_minutes: z.number().nullable(),
  direction: z.enum(['bullish', 'bearish']),
  regime_tags: z.array(z.string()),
  archetype_confidence: z.number().min(0).max(1),
  archetype_evidence: z.array(z.string()),
  agents: z.array(agentAttributionSchema),
  levels: scoreLevelsSchema,
  trade: tradeRecordSchema,
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** A staged proposal is a journal entry not yet committed. */
export type StagedEntry = JournalEntry;
