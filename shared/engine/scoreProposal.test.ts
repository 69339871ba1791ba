import { describe, expect, it } from 'vitest';
import { REGRET_DIMENSIONS, type RegretDimension } from '../domain/journal.ts';
import { proposalSchema, verdictSchema, type ProposalInput } from '../domain/proposal.ts';
import { learnedStateOf } from '../journal/learnedState.ts';
import type { MemoryTrigger } from './memoryTriggers.ts';
import { PENALTY_MIN_TRADES, penaltyScale, scoreProposal, type GroupStats, type LearnedState } from './scoreProposal.ts';
import { entry, zeroRegrets } from './testEntries.ts';

const empty: LearnedState = { trades: 0, weights: {}, penalties: { agent: {}, setup_archetype: {}, time_block: {} }, triggers: [], groups: [] };

function state(overrides: Partial<LearnedState>): LearnedState {
  return { ...empty, ...overrides, penalties: { ...empty.penalties, ...overrides.penalties } };
}

const regrets = (values: Partial<Record<RegretDimension, { n: number; sum: number }>> = {}): GroupStats['regrets'] =>
  Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, values[dimension] ?? { n: 0, sum: 0 }])) as GroupStats['regrets'];

function trigger(kind: MemoryTrigger['kind'], subject: string, measure: string): MemoryTrigger {
  return {
    kind,
    subject,
    statement: `${kind} ${subject} ${measure}`,
    evidence: { measure, n: 12, wins: 2, losses: 10, mean: -40, baseline: 0.4, effect_size: 0.8, effect_measure: 'cohens_h', p_value: 0.001, p_adjusted: 0.01, adjustment: 'holm', family_size: 10, test: 'Fisher', minimum_sample: 5, trade_ids: [] },
  };
}

const at1005 = '2025-07-08T10:05:00-04:00';
const split: ProposalInput = {
  time: at1005,
  direction: 'bullish',
  setup_archetype: 'momentum_break',
  agents: [
    { name: 'gex_bot', polarity: 'bullish', score: 0.8 },
    { name: 'vwap_reclaim', polarity: 'bearish', score: 0.6 },
  ],
};

/** The worked example of docs/engine.md section 9. */
const worked: { proposal: ProposalInput; state: LearnedState } = {
  proposal: {
    time: at1005,
    direction: 'bullish',
    setup_archetype: 'momentum_break',
    agents: [
      { name: 'gex_bot', polarity: 'bullish', score: 0.8 },
      { name: 'vwap_reclaim', polarity: 'bearish', score: 0.6 },
      { name: 'tape_reader', polarity: 'bullish', score: 0.5 },
    ],
  },
  state: state({
    trades: 40,
    weights: { gex_bot: 1.25, vwap_reclaim: 0.8 },
    penalties: {
      agent: { gex_bot: { trades: 20, penalized: 4, total: 80 }, vwap_reclaim: { trades: 3, penalized: 1, total: 20 } },
      time_block: { early_open: { trades: 30, penalized: 6, total: 150 } },
      setup_archetype: { momentum_break: { trades: 10, penalized: 1, total: 10 } },
    },
    triggers: [trigger('archetype_losses', 'momentum_break', 'loss_rate')],
    groups: [
      { time_block: 'early_open', setup_archetype: 'momentum_break', direction: 'bullish', n: 8, wins: 5, losses: 3, pnl_sum: 400, penalty_total: 10, regrets: regrets({ exit_regret: { n: 8, sum: 3.2 } }) },
      { time_block: 'early_open', setup_archetype: 'fade_reversal', direction: 'bullish', n: 4, wins: 1, losses: 3, pnl_sum: -100, penalty_total: 40, regrets: regrets({ exit_regret: { n: 4, sum: 2.4 } }) },
      { time_block: 'chop_mid', setup_archetype: 'momentum_break', direction: 'bullish', n: 2, wins: 0, losses: 2, pnl_sum: -90, penalty_total: 0, regrets: regrets() },
      { time_block: 'early_open', setup_archetype: 'momentum_break', direction: 'bearish', n: 6, wins: 3, losses: 3, pnl_sum: 0, penalty_total: 0, regrets: regrets() },
    ],
  }),
};

describe('scoreProposal: the next trade scored with what the journal learned (issue 14)', () => {
  it('with no learned history every agent weighs the initial 1.0 and the learned alignment equals the raw one', () => {
    const verdict = scoreProposal(split, empty);
    expect(verdict.agents.map((agent) => agent.learned_weight)).toEqual([1, 1]);
    expect(verdict.alignment).toMatchObject({ learned: 0.5, raw: 0.5, learned_conflict: true, raw_conflict: true });
    expect(verdictSchema.parse(verdict)).toEqual(verdict);
  });

  it('a learned weight moves the alignment: the same split mesh reads higher when the agreeing agent has earned weight', () => {
    const verdict = scoreProposal(split, state({ weights: { gex_bot: 1.5, vwap_reclaim: 0.75 } }));
    expect(verdict.alignment.raw).toBe(0.5);
    expect(verdict.alignment.learned).toBeCloseTo(1.5 / 2.25, 9);
    expect(verdict.alignment.learned_conflict).toBe(false);
  });

  it("a penalty in force for an agent lowers its weight in the alignment by 1 − its mean penalty / 100", () => {
    const verdict = scoreProposal(split, state({ penalties: { agent: { gex_bot: { trades: 10, penalized: 5, total: 200 } }, setup_archetype: {}, time_block: {} } }));
    const gex = verdict.agents.find((agent) => agent.name === 'gex_bot');
    expect(gex).toMatchObject({ penalty_scale: 0.8, effective_weight: 0.8 });
    expect(verdict.alignment.learned).toBeCloseTo(0.8 / 1.8, 9);
    expect(verdict.penalties.find((row) => row.subject === 'gex_bot')).toMatchObject({ in_force: true, applies_to: 'agent_weight', mean_penalty: 20 });
    expect(verdict.penalties.find((row) => row.subject === 'gex_bot')?.reason).toContain('5 of 10 trades penalized, mean 20.00 per trade');
  });

  it(`a penalty with fewer than ${PENALTY_MIN_TRADES} trades behind it is listed with its reason but not in force`, () => {
    const verdict = scoreProposal(split, state({ penalties: { agent: { gex_bot: { trades: 4, penalized: 4, total: 180 } }, setup_archetype: {}, time_block: {} } }));
    expect(verdict.alignment.learned).toBe(0.5);
    expect(verdict.penalties.find((row) => row.subject === 'gex_bot')).toMatchObject({ in_force: false, scale: 1 });
    expect(verdict.penalties.find((row) => row.subject === 'gex_bot')?.reason).toContain(`4 trades (< ${PENALTY_MIN_TRADES}), not in force`);
  });

  it("a penalty in force for the proposal's time block or archetype lowers the score, not the alignment (a factor common to every agent cancels in a weight share)", () => {
    const aligned: ProposalInput = { ...split, agents: [{ name: 'gex_bot', polarity: 'bullish', score: 1 }] };
    const verdict = scoreProposal(aligned, state({ penalties: { agent: {}, time_block: { early_open: { trades: 10, penalized: 10, total: 300 } }, setup_archetype: { momentum_break: { trades: 5, penalized: 1, total: 15 } } } }));
    expect(verdict.alignment.learned).toBe(1);
    expect(verdict.score).toBeCloseTo(0.7 * 0.97, 4);
    expect(verdict.penalties.filter((row) => row.applies_to === 'score').map((row) => [row.subject, row.scale])).toEqual([
      ['early_open', 0.7],
      ['momentum_break', 0.97],
    ]);
  });

  it('a score below the mesh-conflict threshold 0.6 gives the verdict "against"', () => {
    expect(scoreProposal(split, empty).verdict).toBe('against');
    expect(scoreProposal(split, state({ weights: { gex_bot: 2, vwap_reclaim: 1 } })).verdict).toBe('favourable');
  });

  it('a matching loss trigger turns an otherwise favourable verdict into "caution", with its evidence counts', () => {
    const strong = state({ weights: { gex_bot: 2, vwap_reclaim: 1 }, triggers: [trigger('archetype_losses', 'momentum_break', 'loss_rate'), trigger('archetype_losses', 'pin_fade', 'loss_rate')] });
    const verdict = scoreProposal(split, strong);
    expect(verdict.verdict).toBe('caution');
    expect(verdict.triggers).toEqual([expect.objectContaining({ subject: 'momentum_break', side: 'against', n: 12, effect_size: 0.8, p_adjusted: 0.01 })]);
  });

  it('an agent with alpha counts for the proposal when it backs it and against it when it opposes it; a winning block counts for', () => {
    const triggers = [trigger('agent_alpha', 'gex_bot', 'win_rate'), trigger('agent_alpha', 'vwap_reclaim', 'win_rate'), trigger('regret_time_block', 'early_open', 'win_rate'), trigger('regret_time_block', 'chop_mid', 'loss_rate')];
    const verdict = scoreProposal(split, state({ triggers }));
    expect(verdict.triggers.map((match) => [match.subject, match.side])).toEqual([
      ['gex_bot', 'for'],
      ['vwap_reclaim', 'against'],
      ['early_open', 'for'],
    ]);
  });

  it('the similar-trades profile counts the same time block, archetype and direction, with the sample size of every mean', () => {
    const verdict = scoreProposal(worked.proposal, worked.state);
    expect(verdict.similar.exact).toMatchObject({ n: 8, wins: 5, losses: 3, win_rate: 0.625, mean_pnl: 50, mean_penalty: 1.25 });
    expect(verdict.similar.exact.regrets.exit_regret).toEqual({ n: 8, mean: 0.4 });
    expect(verdict.similar.exact.regrets.pin_regret).toEqual({ n: 0, mean: null });
    expect(verdict.similar.same_block).toMatchObject({ n: 12, wins: 6, losses: 6, mean_pnl: 25 });
    expect(verdict.similar.same_archetype).toMatchObject({ n: 10, wins: 5, losses: 5, mean_pnl: 31 });
  });

  it('without an agent carrying weight there is no mesh: verdict "no_mesh", score null', () => {
    const verdict = scoreProposal({ time: at1005, direction: 'bearish', agents: [{ name: 'x', polarity: 'bearish', score: 1, weight: 0 }] }, empty);
    expect(verdict).toMatchObject({ verdict: 'no_mesh', score: null, alignment: { learned: null, raw: null } });
  });

  it('the direction comes from the contract (a long put is bearish); a direction that disagrees with it is rejected, naming the field', () => {
    expect(scoreProposal({ time: at1005, contract: { right: 'P', side: 'long' }, agents: [] }, empty).direction).toBe('bearish');
    const bad = proposalSchema.safeParse({ time: at1005, direction: 'bullish', contract: { right: 'P', side: 'long' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['direction']);
    const polarity = proposalSchema.safeParse({ time: at1005, direction: 'bullish', agents: [{ name: 'a', polarity: 'up', score: 1 }] });
    expect(polarity.error?.issues[0]?.path).toEqual(['agents', 0, 'polarity']);
    expect(proposalSchema.safeParse({ time: '10:05', direction: 'bullish' }).error?.issues[0]?.path).toEqual(['time']);
  });

  it("without a stated archetype the engine's classifier reads the moment: near max pain, toward it, with an aligned mesh late in the day → pin_fade", () => {
    const verdict = scoreProposal(
      {
        time: '2025-07-08T15:00:00-04:00',
        direction: 'bearish',
        underlying_price: 600.2,
        agents: [{ name: 'a', polarity: 'bearish', score: 1 }],
        day_context: { date: '2025-07-08', symbol: 'SPY', max_pain: 600, atm_iv: 0.15 },
      },
      empty,
    );
    expect(verdict).toMatchObject({ setup_archetype: 'pin_fade', archetype_source: 'classified', time_block: 'decay_close' });
    expect(verdict.archetype_evidence[0]).toBe('pin_fade: 4 of 4 criteria met');
  });

  it('is deterministic, and the learned state does not depend on the order the entries come in', () => {
    const entries = Array.from({ length: 12 }, (_, index) =>
      entry(`t${index}`, index, index % 3 === 0 ? -50 : 60, 'bullish', [{ name: 'gex_bot', polarity: index % 3 === 0 ? 'bearish' : 'bullish' }], { ...zeroRegrets, exit_regret: 0.5 }, { setup_archetype: 'momentum_break' }),
    );
    const forward = learnedStateOf(entries);
    const backward = learnedStateOf([...entries].reverse());
    expect(backward).toEqual(forward);
    expect(scoreProposal(split, forward)).toEqual(scoreProposal(split, backward));
    expect(forward.groups).toEqual([expect.objectContaining({ time_block: 'early_open', setup_archetype: 'momentum_break', n: 12, wins: 8, losses: 4 })]);
  });

  it('worked example (docs/engine.md section 9): learned 0.7333, raw 0.6667, score 0.6897, one trigger against → caution', () => {
    const verdict = scoreProposal(worked.proposal, worked.state);
    expect(verdict.agents.map((agent) => [agent.name, agent.learned_weight, agent.penalty_scale, agent.effective_weight])).toEqual([
      ['gex_bot', 1.25, 0.96, 1.2],
      ['vwap_reclaim', 0.8, 1, 0.8],
      ['tape_reader', 1, 1, 1],
    ]);
    expect(verdict.alignment.raw).toBeCloseTo(2 / 3, 9);
    expect(verdict.alignment.learned).toBeCloseTo(2.2 / 3, 9);
    expect(penaltyScale({ trades: 30, penalized: 6, total: 150 })).toBe(0.95);
    expect(verdict.score).toBe(0.6897);
    expect(verdict.verdict).toBe('caution');
    expect(verdict.summary).toBe(
      'caution: bullish in early_open, learned alignment 0.73 (raw 0.67) × block 0.95 × archetype momentum_break 0.99 = 0.69 ≥ 0.6; triggers 0 for, 1 against; 8 similar past trades (early_open, momentum_break, bullish): won 63 %, mean pnl 50.00, mean exit_regret 0.40 (journal of 40).',
    );
  });
});
