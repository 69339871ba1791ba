import type { FinalLabel, JournalEntry, RegretScores, SetupArchetype } from '../domain/journal.ts';
import type { AgentSignal, TradeDirection, TradeRecord } from '../domain/trade.ts';
import { classifyArchetype } from './archetype.ts';
import { attributeAgents } from './attribution.ts';
import { judge } from './finalLabel.ts';
import type { LabelFacts } from './finalLabel.ts';
import { assessOutcome, instantOf, isDateOnly } from './outcome.ts';
import { attributeMultiLegPnl, positionDirection } from './multiLegPosition.ts';
import { IV_CRUSH_FLAG } from './pnlAttribution.ts';
import { buildRegretContext, scoreRegrets } from './regret/index.ts';
import { NO_TIME_OF_DAY_FLAG, timeBlockOf } from './timeBlock.ts';
import type { MarketInputs } from './types.ts';

/** Flags for inputs the engine could not read, so a reader knows why a block or score is missing. */
export const NO_ENTRY_AGENTS_FLAG = 'no_entry_agents';
export const EXIT_BEFORE_ENTRY_FLAG = 'exit_before_entry';
/** The import closed the position at 0 at its expiry without a removal row or bars to settle it from. */
export const EXPIRY_INFERRED_FLAG = 'expiry_inferred';

/** Flags that depend only on the record's times and agents (recomputed identically on override). */
export function inputFlags(entryTime: string, exitTime: string, agents: readonly Pick<AgentSignal, 'phase'>[], trade: Pick<TradeRecord, 'expiry_inferred'> = {}): string[] {
  const flags: string[] = [];
  if (trade.expiry_inferred) flags.push(EXPIRY_INFERRED_FLAG);
  if (isDateOnly(entryTime) || instantOf(entryTime) === null) flags.push(NO_TIME_OF_DAY_FLAG);
  if (!agents.some((agent) => agent.phase === 'entry')) flags.push(NO_ENTRY_AGENTS_FLAG);
  const entryMs = instantOf(entryTime);
  const exitMs = instantOf(exitTime);
  if (entryMs !== null && exitMs !== null && exitMs < entryMs) flags.push(EXIT_BEFORE_ENTRY_FLAG);
  return flags;
}

function scoresOf(entry: RegretScores): RegretScores {
  return {
    entry_regret: entry.entry_regret,
    exit_regret: entry.exit_regret,
    timing_regret: entry.timing_regret,
    decay_regret: entry.decay_regret,
    pin_regret: entry.pin_regret,
    trap_entry_regret: entry.trap_entry_regret,
    late_exit_regret: entry.late_exit_regret,
  };
}

/** A multi-leg trade's direction: the sign of its net delta at the entry spot and IV the regrets use. */
function multiLegDirection(trade: TradeRecord, market: MarketInputs, fallback: TradeDirection): TradeDirection {
  const context = buildRegretContext({ trade, direction: fallback, market, meshAlignment: null });
  return positionDirection(trade, context.entryMs, context.underlyingEntry?.value ?? null, context.volatility.value).direction;
}

/**
 * The whole engine for one trade (seed steps 1–6 of SPEC's engine section, reinforcement aside): outcome,
 * attribution, the seven regrets, time block, archetype, final label and penalties, as one sync_log line.
 * Pure and deterministic; label_source is 'engine' and there is no engine_proposal.
 */
export function assessTrade(trade: TradeRecord, market: MarketInputs): JournalEntry {
  const assessed = assessOutcome(trade, market.context);
  const outcome = trade.legs ? { ...assessed, direction: multiLegDirection(trade, market, assessed.direction) } : assessed;
  const attribution = attributeAgents(trade.agents, outcome.direction, outcome.pnl);
  const regret = scoreRegrets({ trade, direction: outcome.direction, market, meshAlignment: attribution.mesh_alignment });
  const block = timeBlockOf(trade.entry_time);
  const archetype = classifyArchetype({
    features: regret.features,
    levels: regret.levels,
    regimeTags: outcome.regimeTags,
    meshAlignment: attribution.mesh_alignment,
    direction: outcome.direction,
    trapEntryRegret: regret.scores.trap_entry_regret,
  });
  const scores = scoresOf(regret.scores);
  // The premium change split by cause, from the same underlying prices and times the regrets used.
  const pnlParts = attributeMultiLegPnl({ trade, ...regret.pricing });
  const flags = [...inputFlags(trade.entry_time, trade.exit_time, trade.agents, trade), ...(pnlParts.ivCrush ? [IV_CRUSH_FLAG] : [])];
  const judgement = judge({ scores, pnl: outcome.pnl, mesh_conflict: attribution.mesh_conflict }, flags);
  const labelWhy = pnlParts.ivCrush ? `${judgement.engine.explanation}; the loss came from implied volatility, not the direction (iv_crush)` : judgement.engine.explanation;
  return {
    id: trade.id,
    timestamp: outcome.timestamp,
    pnl: outcome.pnl,
    entry_score: outcome.entryScore,
    exit_score: outcome.exitScore,
    ...scores,
    agents_involved: attribution.agents_involved,
    agent_weights: attribution.agent_weights,
    mesh_conflict: attribution.mesh_conflict,
    setup_archetype: archetype.setup_archetype,
    time_block: block.time_block,
    final_label: judgement.final_label,
    label_basis: judgement.engine.scored,
    pnl_attribution: pnlParts.attribution,
    flags: judgement.flags,
    penalty_factor: judgement.penalty_factor,
    mesh_alignment: attribution.mesh_alignment,
    explanations: { ...regret.explanations, final_label: labelWhy, pnl_attribution: pnlParts.explanation },
    label_source: 'engine',
    entry_time: outcome.entryTime,
    exit_time: outcome.exitTime,
    duration_minutes: outcome.durationMinutes,
    direction: outcome.direction,
    regime_tags: [...outcome.regimeTags],
    archetype_confidence: archetype.confidence,
    archetype_evidence: archetype.evidence,
    agents: attribution.agents,
    levels: { ...regret.levels },
    trade,
  };
}

export type Override = {
  readonly setup_archetype?: SetupArchetype;
  readonly final_label?: FinalLabel;
  /** A note to keep with the trade; an empty string removes it, undefined leaves it as it is. */
  readonly note?: string;
};

/**
 * The trader's review. A value that differs from the engine's proposal makes the entry 'manual' and keeps
 * the engine's FIRST proposal in engine_proposal (a second override never replaces it); setting both values
 * back to exactly the proposal returns the entry to 'engine' without engine_proposal. Flags and penalty
 * follow the label in force (see judge in finalLabel.ts). archetype_confidence and archetype_evidence keep
 * describing the engine's proposal, so restoring it restores everything.
 */
export function applyOverride(entry: JournalEntry, override: Override): JournalEntry {
  const proposal = entry.engine_proposal ?? { setup_archetype: entry.setup_archetype, final_label: entry.final_label };
  const setupArchetype = override.setup_archetype ?? entry.setup_archetype;
  const finalLabel = override.final_label ?? entry.final_label;
  const manual = setupArchetype !== proposal.setup_archetype || finalLabel !== proposal.final_label;
  const facts: LabelFacts = { scores: scoresOf(entry), pnl: entry.pnl, mesh_conflict: entry.mesh_conflict };
  const manualLabel = finalLabel !== proposal.final_label ? finalLabel : null;
  const marketFlags = entry.flags.includes(IV_CRUSH_FLAG) ? [IV_CRUSH_FLAG] : [];
  const judgement = judge(facts, [...inputFlags(entry.entry_time, entry.exit_time, entry.agents, entry.trade), ...marketFlags], manualLabel);
  const { engine_proposal: _previousProposal, note: previousNote, ...rest } = entry;
  const note = override.note === undefined ? previousNote : override.note === '' ? undefined : override.note;
  return {
    ...rest,
    setup_archetype: setupArchetype,
    final_label: finalLabel,
    flags: judgement.flags,
    penalty_factor: judgement.penalty_factor,
    label_source: manual ? 'manual' : 'engine',
    ...(manual ? { engine_proposal: { setup_archetype: proposal.setup_archetype, final_label: proposal.final_label } } : {}),
    ...(note === undefined ? {} : { note }),
  };
}
