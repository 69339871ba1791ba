import type { Explanations, RegretScores, ScoreLevels } from '../../domain/journal.ts';
import type { RegretAssessment, RegretInput } from '../types.ts';
import { buildRegretContext } from './context.ts';
import { scoreDecayRegret } from './decay.ts';
import { scoreEntryRegret } from './entry.ts';
import { scoreExitRegret } from './exit.ts';
import { assembleTradeFeatures } from './features.ts';
import { scoreLateExitRegret } from './lateExit.ts';
import { scorePinRegret } from './pin.ts';
import { scoreTimingRegret } from './timing.ts';
import { scoreTrapEntryRegret } from './trapEntry.ts';
import { premiumPathRegrets } from './premiumPath.ts';

export { computeTradeFeatures } from './features.ts';
export { buildRegretContext, NO_TIME_OF_DAY_REASON } from './context.ts';

/**
 * The seven regret scores of one trade (seed section 2), each in [0, 1] or null with its reason, with a
 * one-line explanation quoting its numbers, the chart levels they used and the tape features the archetype
 * classifier reuses. Pure: same input, same output; the trade's bars are found by binary search.
 */
export function scoreRegrets(input: RegretInput): RegretAssessment {
  const context = buildRegretContext(input);
  const premium = premiumPathRegrets(input.trade, input.market.optionBars, context.entryMs, context.exitMs);
  const onUnderlying = (result: { score: number | null; explanation: string }) =>
    // Say why the option's own bars were not used when there were some.
    'reason' in premium && input.market.optionBars && input.market.optionBars.length > 0 ? { ...result, explanation: `${result.explanation}; underlying path: ${premium.reason}` } : result;
  const entry = 'entry' in premium ? premium.entry : onUnderlying(scoreEntryRegret(context));
  const exit = 'exit' in premium ? premium.exit : onUnderlying(scoreExitRegret(context));
  const timing = scoreTimingRegret(context);
  const decay = scoreDecayRegret(context);
  const pin = scorePinRegret(context);
  const trap = scoreTrapEntryRegret(context);
  const lateExit = scoreLateExitRegret(context);
  const scores: RegretScores = {
    entry_regret: entry.score,
    exit_regret: exit.score,
    timing_regret: timing.score,
    decay_regret: decay.score,
    pin_regret: pin.score,
    trap_entry_regret: trap.score,
    late_exit_regret: lateExit.score,
  };
  const explanations: Explanations = {
    entry_regret: entry.explanation,
    exit_regret: exit.explanation,
    timing_regret: timing.explanation,
    decay_regret: decay.explanation,
    pin_regret: pin.explanation,
    trap_entry_regret: trap.explanation,
    late_exit_regret: lateExit.explanation,
  };
  const levels: ScoreLevels = {
    vwap_at_entry: lateExit.levels.vwapAtEntry,
    vwap_at_exit: lateExit.levels.vwapAtExit,
    max_pain: context.dayContext?.max_pain ?? null,
    trap_level: trap.trapLevel,
    expected_move: context.expectedMoveToClose,
    implied_vol: context.volatility.value,
    implied_vol_source: context.volatility.source,
  };
  const pricing = {
    entryMs: context.entryMs,
    exitMs: context.exitMs,
    underlyingEntry: context.underlyingEntry?.value ?? null,
    underlyingExit: context.underlyingExit?.value ?? null,
    contextIv: context.dayContext?.atm_iv ?? null,
    entryPremiumIv: context.volatility.source === 'premium' ? context.volatility.value : null,
  };
  return { scores, explanations, levels, features: assembleTradeFeatures(context, trap.breakout), pricing };
}
