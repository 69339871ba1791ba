import { REGRET_DIMENSIONS, type RegretDimension, type SetupArchetype, type TimeBlock } from '../domain/journal.ts';
import type { Bar } from '../domain/market.ts';
import { proposalSchema, type Proposal, type ProposalInput, type RegretProfile, type Verdict, type VerdictKind } from '../domain/proposal.ts';
import { tradeRecordSchema, type AgentSignal, type TradeDirection } from '../domain/trade.ts';
import { etClock } from '../market/calendar.ts';
import { classifyArchetype } from './archetype.ts';
import { MESH_CONFLICT_THRESHOLD, isMeshConflict, meshAlignment } from './attribution.ts';
import { MINIMUM_SAMPLE, type MemoryTrigger } from './memoryTriggers.ts';
import { INITIAL_WEIGHT } from './reinforcement.ts';
import { computeTradeFeatures } from './regret/features.ts';
import { timeBlockOf } from './timeBlock.ts';

/**
 * Closing the loop: a proposed trade (or the live mesh at a moment) scored with what the journal learned.
 *
 *   effective weight(agent) = learned weight × agent penalty scale
 *   learned alignment       = Σ effective weight agreeing with the direction / Σ effective weight   (meshAlignment)
 *   score                   = learned alignment × time-block penalty scale × archetype penalty scale
 *   penalty scale           = 1 − mean penalty per trade / 100, when the group has ≥ PENALTY_MIN_TRADES trades; else 1
 *   verdict                 = no_mesh without an agent with weight; against when score < MESH_CONFLICT_THRESHOLD;
 *                             caution when more matching memory triggers speak against than for; else favourable
 *
 * Why the block and archetype penalties scale the score and not the weights: every agent of the proposal
 * shares its block and archetype, and a factor common to all weights cancels out of a weight share. Only an
 * agent's own penalty can move the alignment. The signal's `score` does not enter the alignment, as in the
 * journal's mesh_alignment (docs/engine.md section 4).
 */
export const PENALTY_MIN_TRADES = MINIMUM_SAMPLE;
/** signal_scoring_logic.md: "scale its score down by the mean penalty (per 100)". */
export const PENALTY_POINTS_PER_UNIT = 100;

export type PenaltyFigure = { readonly trades: number; readonly penalized: number; readonly total: number };
export type PenaltyDimension = 'agent' | 'setup_archetype' | 'time_block';

/** Past trades of one time block, archetype and direction: counts and sums (means are taken when asked). */
export type GroupStats = {
  /** Null for entries without a time of day (a dates-only export): they match no block. */
  readonly time_block: TimeBlock | null;
  readonly setup_archetype: SetupArchetype;
  readonly direction: TradeDirection;
  readonly n: number;
  readonly wins: number;
  readonly losses: number;
  readonly pnl_sum: number;
  readonly penalty_total: number;
  readonly regrets: Readonly<Record<RegretDimension, { readonly n: number; readonly sum: number }>>;
};

/** What the journal learned, as the scorer reads it (built by shared/journal/learnedState.ts). */
export type LearnedState = {
  readonly trades: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly penalties: Readonly<Record<PenaltyDimension, Readonly<Record<string, PenaltyFigure>>>>;
  readonly triggers: readonly MemoryTrigger[];
  readonly groups: readonly GroupStats[];
};

export type ProposalMarket = { readonly bars?: readonly Bar[] | null };

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));
const two = (value: number): string => value.toFixed(2);

/** Mean penalty per trade of a group; 0 for a group without trades. */
export function meanPenalty(figure: PenaltyFigure | undefined): number {
  return figure === undefined || figure.trades === 0 ? 0 : figure.total / figure.trades;
}

/** Whether a group's penalty is used in scoring: enough trades behind it, and some penalty. */
export function penaltyInForce(figure: PenaltyFigure | undefined): boolean {
  return figure !== undefined && figure.trades >= PENALTY_MIN_TRADES && figure.total > 0;
}

/** 1 − mean penalty / 100 when in force, else 1. Mean penalties are at most 45, so a scale is at least 0.55. */
export function penaltyScale(figure: PenaltyFigure | undefined): number {
  return penaltyInForce(figure) ? Math.max(0, 1 - meanPenalty(figure) / PENALTY_POINTS_PER_UNIT) : 1;
}

function directionOf(proposal: Proposal): TradeDirection {
  if (proposal.direction !== undefined) return proposal.direction;
  const contract = proposal.contract;
  // The schema guarantees one of the two.
  return contract !== undefined && (contract.right === 'C') === (contract.side === 'long') ? 'bullish' : 'bearish';
}

/** The engine's classifier on what a moment offers: levels from the day context, and the tape when bars are given. */
function archetypeOf(proposal: Proposal, direction: TradeDirection, alignment: number | null, market: ProposalMarket): { archetype: SetupArchetype; evidence: string[] } {
  const day = etClock(Date.parse(proposal.time)).date;
  const contract = proposal.contract;
  const trade = tradeRecordSchema.parse({
    id: 'proposal',
    symbol: proposal.symbol,
    expiry: contract?.expiry ?? day,
    right: contract?.right ?? (direction === 'bullish' ? 'C' : 'P'),
    strike: contract?.strike ?? (proposal.underlying_price !== undefined ? Math.round(proposal.underlying_price) : 1),
    side: contract?.side ?? 'long',
    qty: 1,
    entry_time: proposal.time,
    exit_time: proposal.time,
    entry_price: contract?.premium ?? 0,
    exit_price: contract?.premium ?? 0,
    ...(proposal.underlying_price !== undefined ? { underlying_entry: proposal.underlying_price } : {}),
    regime_tags: [],
  });
  const features = computeTradeFeatures({ trade, direction, market: { bars: market.bars ?? null, context: proposal.day_context ?? null }, meshAlignment: alignment });
  const contextMatches = proposal.day_context !== undefined && proposal.day_context.date === day && proposal.day_context.symbol === proposal.symbol;
  const result = classifyArchetype({
    features,
    levels: { max_pain: contextMatches ? (proposal.day_context?.max_pain ?? null) : null },
    regimeTags: contextMatches ? (proposal.day_context?.regime_tags ?? []) : [],
    meshAlignment: alignment,
    direction,
    trapEntryRegret: null,
  });
  return { archetype: result.setup_archetype, evidence: result.evidence };
}

function emptyRegrets(): Record<RegretDimension, { n: number; sum: number }> {
  return Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, { n: 0, sum: 0 }])) as Record<RegretDimension, { n: number; sum: number }>;
}

/** The groups matching `match`, summed into one profile (means with their sample sizes). */
export function regretProfile(groups: readonly GroupStats[], match: RegretProfile['match']): RegretProfile {
  let n = 0;
  let wins = 0;
  let losses = 0;
  let pnl = 0;
  let penalty = 0;
  const regrets = emptyRegrets();
  for (const group of groups) {
    if (group.direction !== match.direction) continue;
    if (match.time_block !== undefined && group.time_block !== match.time_block) continue;
    if (match.setup_archetype !== undefined && group.setup_archetype !== match.setup_archetype) continue;
    n += group.n;
    wins += group.wins;
    losses += group.losses;
    pnl += group.pnl_sum;
    penalty += group.penalty_total;
    for (const dimension of REGRET_DIMENSIONS) {
      regrets[dimension].n += group.regrets[dimension].n;
      regrets[dimension].sum += group.regrets[dimension].sum;
    }
  }
  const decided = wins + losses;
  return {
    match,
    n,
    wins,
    losses,
    win_rate: decided === 0 ? null : round(wins / decided),
    mean_pnl: n === 0 ? null : round(pnl / n, 2),
    mean_penalty: n === 0 ? null : round(penalty / n, 2),
    regrets: Object.fromEntries(
      REGRET_DIMENSIONS.map((dimension) => [dimension, { n: regrets[dimension].n, mean: regrets[dimension].n === 0 ? null : round(regrets[dimension].sum / regrets[dimension].n) }]),
    ) as RegretProfile['regrets'],
  };
}

type TriggerMatch = Verdict['triggers'][number];

/**
 * The memory triggers that speak to this proposal. Against: its archetype loses more (archetype_losses), its
 * block loses more or has higher regret (regret_time_block loss_rate / a regret), an agent backing it loses more
 * or brings decay (agent_decay), an agent that wins when aligned opposes it (agent_alpha, conflicted). For: its
 * archetype or block wins more, an agent with alpha backs it, an agent whose calls lose opposes it.
 */
export function matchingTriggers(triggers: readonly MemoryTrigger[], context: { block: TimeBlock; archetype: SetupArchetype; aligned: ReadonlySet<string>; conflicted: ReadonlySet<string> }): TriggerMatch[] {
  const out: TriggerMatch[] = [];
  for (const trigger of triggers) {
    const { evidence } = trigger;
    const rate = evidence.measure === 'win_rate' || evidence.measure === 'loss_rate';
    let side: 'for' | 'against' | null = null;
    let why = '';
    if ((trigger.kind === 'archetype_losses' || trigger.kind === 'archetype_wins') && trigger.subject === context.archetype) {
      side = trigger.kind === 'archetype_wins' ? 'for' : 'against';
      why = `the proposal's archetype is ${context.archetype}`;
    } else if (trigger.kind === 'regret_time_block' && trigger.subject === context.block) {
      side = evidence.measure === 'win_rate' ? 'for' : 'against';
      why = `the proposal enters in ${context.block}`;
    } else if (trigger.kind === 'agent_alpha' || trigger.kind === 'agent_decay') {
      const backs = context.aligned.has(trigger.subject);
      const opposes = context.conflicted.has(trigger.subject);
      if (backs) {
        side = trigger.kind === 'agent_alpha' ? 'for' : 'against';
        why = `agent ${trigger.subject} backs the proposal`;
      } else if (opposes && rate) {
        side = trigger.kind === 'agent_alpha' ? 'against' : 'for';
        why = `agent ${trigger.subject} opposes the proposal`;
      }
    }
    if (side === null) continue;
    out.push({
      kind: trigger.kind,
      subject: trigger.subject,
      measure: evidence.measure,
      side,
      n: evidence.n,
      effect_size: evidence.effect_size,
      p_adjusted: evidence.p_adjusted ?? null,
      why,
      statement: trigger.statement,
    });
  }
  return out;
}

function penaltyRow(dimension: PenaltyDimension, subject: string, figure: PenaltyFigure | undefined): Verdict['penalties'][number] {
  const trades = figure?.trades ?? 0;
  const mean = meanPenalty(figure);
  const inForce = penaltyInForce(figure);
  const scale = penaltyScale(figure);
  const what = dimension === 'agent' ? `agent ${subject}` : dimension === 'time_block' ? `time block ${subject}` : `archetype ${subject}`;
  const reason = inForce
    ? `${what}: ${figure?.penalized ?? 0} of ${trades} trades penalized, mean ${two(mean)} per trade → scale 1 − ${two(mean)}/${PENALTY_POINTS_PER_UNIT} = ${scale.toFixed(4)}`
    : trades < PENALTY_MIN_TRADES
      ? `${what}: ${trades} trade${trades === 1 ? '' : 's'} (< ${PENALTY_MIN_TRADES}), not in force`
      : `${what}: no penalized trade in ${trades}, nothing to apply`;
  return {
    dimension,
    subject,
    trades,
    penalized: figure?.penalized ?? 0,
    mean_penalty: round(mean),
    in_force: inForce,
    scale: round(scale),
    applies_to: dimension === 'agent' ? 'agent_weight' : 'score',
    reason,
  };
}

function profileText(profile: RegretProfile): string {
  const what = [profile.match.time_block, profile.match.setup_archetype, profile.match.direction].filter(Boolean).join(', ');
  if (profile.n === 0) return `no similar past trades (${what})`;
  const rate = profile.win_rate === null ? 'no decided trade' : `won ${Math.round(profile.win_rate * 100)} %`;
  const exit = profile.regrets.exit_regret.mean;
  return `${profile.n} similar past trade${profile.n === 1 ? '' : 's'} (${what}): ${rate}, mean pnl ${two(profile.mean_pnl ?? 0)}${exit === null ? '' : `, mean exit_regret ${two(exit)}`}`;
}

/** Accepts unparsed input too: anything that is not a Proposal is parsed first (and a ZodError names the field). */
export function scoreProposal(input: Proposal | ProposalInput, state: LearnedState, market: ProposalMarket = {}): Verdict {
  const proposal = proposalSchema.parse(input);
  const direction = directionOf(proposal);
  // A proposal's time carries its offset (proposalSchema), so it always has a time of day and a block.
  const block = timeBlockOf(proposal.time).time_block ?? 'outside_session';

  const agents = proposal.agents.map((signal) => {
    const learnedWeight = state.weights[signal.name];
    const learned = learnedWeight !== undefined && Number.isFinite(learnedWeight) && learnedWeight > 0 ? learnedWeight : INITIAL_WEIGHT;
    const figure = state.penalties.agent[signal.name];
    const scale = penaltyScale(figure);
    return {
      name: signal.name,
      polarity: signal.polarity,
      score: signal.score,
      aligned: signal.polarity === direction,
      signal_weight: signal.weight,
      history_trades: figure?.trades ?? 0,
      learned_weight: round(learned, 6),
      penalty_scale: round(scale),
      effective_weight: round(learned * scale, 6),
      // Unrounded, for the alignment itself.
      exact: learned * scale,
    };
  });
  const asSignals = (weightOf: (agent: (typeof agents)[number]) => number): AgentSignal[] =>
    agents.map((agent) => ({ name: agent.name, phase: 'entry', polarity: agent.polarity, score: agent.score, weight: weightOf(agent) }));
  // The learned alignment counts only signals the mesh gave a vote (a stated weight of 0 stays silent).
  const learned = meshAlignment(asSignals((agent) => (agent.signal_weight > 0 ? agent.exact : 0)), direction);
  const raw = meshAlignment(asSignals((agent) => agent.signal_weight), direction);

  const archetype = proposal.setup_archetype !== undefined ? { archetype: proposal.setup_archetype, evidence: [`${proposal.setup_archetype}: stated in the proposal`] } : archetypeOf(proposal, direction, learned, market);

  const penalties = [
    ...[...new Set(agents.map((agent) => agent.name))].sort().map((name) => penaltyRow('agent', name, state.penalties.agent[name])),
    penaltyRow('time_block', block, state.penalties.time_block[block]),
    penaltyRow('setup_archetype', archetype.archetype, state.penalties.setup_archetype[archetype.archetype]),
  ];
  const blockScale = penaltyScale(state.penalties.time_block[block]);
  const archetypeScale = penaltyScale(state.penalties.setup_archetype[archetype.archetype]);
  const score = learned === null ? null : round(Math.min(1, Math.max(0, learned * blockScale * archetypeScale)));

  const aligned = new Set(agents.filter((agent) => agent.aligned && agent.signal_weight > 0).map((agent) => agent.name));
  const conflicted = new Set(agents.filter((agent) => !agent.aligned && agent.signal_weight > 0).map((agent) => agent.name));
  const triggers = matchingTriggers(state.triggers, { block, archetype: archetype.archetype, aligned, conflicted });
  const against = triggers.filter((trigger) => trigger.side === 'against').length;
  const support = triggers.length - against;

  const similar = {
    exact: regretProfile(state.groups, { time_block: block, setup_archetype: archetype.archetype, direction }),
    same_block: regretProfile(state.groups, { time_block: block, direction }),
    same_archetype: regretProfile(state.groups, { setup_archetype: archetype.archetype, direction }),
  };

  const verdict: VerdictKind = score === null ? 'no_mesh' : score < MESH_CONFLICT_THRESHOLD ? 'against' : against > support ? 'caution' : 'favourable';
  const scoreText =
    score === null || learned === null
      ? 'no agent with a weight: no mesh to score'
      : `learned alignment ${two(learned)} (raw ${raw === null ? '—' : two(raw)}) × block ${blockScale.toFixed(2)} × archetype ${archetype.archetype} ${archetypeScale.toFixed(2)} = ${two(score)} ${score < MESH_CONFLICT_THRESHOLD ? '<' : '≥'} ${MESH_CONFLICT_THRESHOLD}`;
  const summary = `${verdict}: ${direction} in ${block}, ${scoreText}; triggers ${support} for, ${against} against; ${profileText(similar.exact)} (journal of ${state.trades}).`;

  const voting = agents.filter((agent) => agent.signal_weight > 0);
  const explanation =
    learned === null
      ? 'no entry signal with a weight: alignment unknown'
      : `learned: ${voting.filter((agent) => agent.aligned).map((agent) => `${agent.name} ${agent.effective_weight.toFixed(3)}`).join(' + ') || '0'} agreeing of ${voting.reduce((total, agent) => total + agent.effective_weight, 0).toFixed(3)} total → ${two(learned)}; raw (signal weights) → ${raw === null ? '—' : two(raw)}`;

  return {
    time: proposal.time,
    time_block: block,
    direction,
    setup_archetype: archetype.archetype,
    archetype_source: proposal.setup_archetype !== undefined ? 'stated' : 'classified',
    archetype_evidence: archetype.evidence,
    journal_trades: state.trades,
    alignment: {
      learned,
      raw,
      learned_conflict: isMeshConflict(learned),
      raw_conflict: isMeshConflict(raw),
      explanation,
    },
    agents: agents.map(({ exact: _exact, ...agent }) => agent),
    penalties,
    triggers,
    similar,
    score,
    verdict,
    summary,
  };
}
