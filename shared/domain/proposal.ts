import { z } from 'zod';
import { REGRET_DIMENSIONS, setupArchetypeSchema, timeBlockSchema } from './journal.ts';
import { dayContextSchema } from './market.ts';
import { isoDate, isoWithOffset, polaritySchema } from './trade.ts';

/**
 * A trade the trader is about to take, or the live mesh at a moment: what `qthink score`, the MCP tool
 * `score_proposal` and the `score.proposal` channel read. The direction comes from `direction` or from the
 * contract (long call / short put bullish, long put / short call bearish); when both are given they must agree.
 */
export const proposalSignalSchema = z
  .object({
    name: z.string().min(1),
    polarity: polaritySchema,
    score: z.number().finite(),
    /** The mesh's own weight of the signal at the moment (default 1): the raw alignment uses it. */
    weight: z.number().finite().nonnegative().default(1),
  })
  .strict();
export type ProposalSignal = z.infer<typeof proposalSignalSchema>;

export const proposalContractSchema = z
  .object({
    right: z.enum(['C', 'P']),
    side: z.enum(['long', 'short']),
    strike: z.number().finite().positive().optional(),
    expiry: isoDate.optional(),
    /** Premium per share the trader would pay or receive; lets the IV be implied when the day context has none. */
    premium: z.number().finite().nonnegative().optional(),
  })
  .strict();
export type ProposalContract = z.infer<typeof proposalContractSchema>;

export const proposalSchema = z
  .object({
    symbol: z.string().min(1).default('SPY'),
    /** The moment of the decision, ISO 8601 with an offset. */
    time: isoWithOffset,
    underlying_price: z.number().finite().positive().optional(),
    direction: polaritySchema.optional(),
    contract: proposalContractSchema.optional(),
    /** The trader's own reading of the setup; without it the engine's classifier reads what it can. */
    setup_archetype: setupArchetypeSchema.optional(),
    /** The agents' signals at the moment (the entry mesh). */
    agents: z.array(proposalSignalSchema).default([]),
    day_context: dayContextSchema.optional(),
  })
  .strict()
  .superRefine((proposal, ctx) => {
    if (proposal.direction === undefined && proposal.contract === undefined) {
      ctx.addIssue({ code: 'custom', path: ['direction'], message: 'give a direction (bullish or bearish) or a contract (right and side)' });
    }
    if (proposal.direction !== undefined && proposal.contract !== undefined) {
      const fromContract = (proposal.contract.right === 'C') === (proposal.contract.side === 'long') ? 'bullish' : 'bearish';
      if (fromContract !== proposal.direction) {
        ctx.addIssue({ code: 'custom', path: ['direction'], message: `is ${proposal.direction} but the contract (${proposal.contract.side} ${proposal.contract.right}) is ${fromContract}` });
      }
    }
  });
export type Proposal = z.infer<typeof proposalSchema>;
export type ProposalInput = z.input<typeof proposalSchema>;

export const VERDICTS = ['favourable', 'caution', 'against', 'no_mesh'] as const;
export const verdictKindSchema = z.enum(VERDICTS);
export type VerdictKind = z.infer<typeof verdictKindSchema>;

const meanSchema = z.object({ n: z.number().int().nonnegative(), mean: z.number().nullable() });

/** What past trades of one group did: counts, shares and means, each with its sample size. */
export const regretProfileSchema = z.object({
  match: z.object({ time_block: timeBlockSchema.optional(), setup_archetype: setupArchetypeSchema.optional(), direction: polaritySchema }),
  n: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  win_rate: z.number().nullable(),
  mean_pnl: z.number().nullable(),
  mean_penalty: z.number().nullable(),
  regrets: z.object(Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, meanSchema])) as Record<(typeof REGRET_DIMENSIONS)[number], typeof meanSchema>),
});
export type RegretProfile = z.infer<typeof regretProfileSchema>;

export const penaltyDimensionSchema = z.enum(['agent', 'setup_archetype', 'time_block']);

export const verdictSchema = z.object({
  time: z.string(),
  time_block: timeBlockSchema,
  direction: polaritySchema,
  setup_archetype: setupArchetypeSchema,
  archetype_source: z.enum(['stated', 'classified']),
  archetype_evidence: z.array(z.string()),
  /** Committed trades the learned state was built from. */
  journal_trades: z.number().int().nonnegative(),
  alignment: z.object({
    /** Weight share agreeing with the direction, each agent weighted by its learned weight × its penalty scale. */
    learned: z.number().min(0).max(1).nullable(),
    /** The same share with the signals' own weights (what the journal would log as mesh_alignment). */
    raw: z.number().min(0).max(1).nullable(),
    learned_conflict: z.boolean(),
    raw_conflict: z.boolean(),
    explanation: z.string(),
  }),
  agents: z.array(
    z.object({
      name: z.string(),
      polarity: polaritySchema,
      score: z.number(),
      aligned: z.boolean(),
      signal_weight: z.number(),
      /** Trades the agent was involved in (0: no history, the learned weight is the initial 1.0). */
      history_trades: z.number().int().nonnegative(),
      learned_weight: z.number(),
      penalty_scale: z.number(),
      effective_weight: z.number(),
    }),
  ),
  penalties: z.array(
    z.object({
      dimension: penaltyDimensionSchema,
      subject: z.string(),
      trades: z.number().int().nonnegative(),
      penalized: z.number().int().nonnegative(),
      mean_penalty: z.number(),
      in_force: z.boolean(),
      scale: z.number(),
      /** agent: scales that agent's weight in the learned alignment; time_block / setup_archetype: scales the score. */
      applies_to: z.enum(['agent_weight', 'score']),
      reason: z.string(),
    }),
  ),
  triggers: z.array(
    z.object({
      /** The memory trigger's kind (archetype_losses, archetype_wins, regret_time_block, agent_alpha, agent_decay). */
      kind: z.string(),
      subject: z.string(),
      measure: z.string(),
      side: z.enum(['for', 'against']),
      n: z.number().int().nonnegative(),
      effect_size: z.number(),
      p_adjusted: z.number().nullable(),
      why: z.string(),
      statement: z.string(),
    }),
  ),
  similar: z.object({
    exact: regretProfileSchema,
    same_block: regretProfileSchema,
    same_archetype: regretProfileSchema,
  }),
  /** Learned alignment × the time block's and archetype's penalty scales; null without a mesh. */
  score: z.number().min(0).max(1).nullable(),
  verdict: verdictKindSchema,
  summary: z.string(),
});
export type Verdict = z.infer<typeof verdictSchema>;
