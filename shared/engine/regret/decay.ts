import { blackScholes, intrinsicValue } from '../../market/blackScholes.ts';
import { expiryCloseMs, MIN_TIME_TO_EXPIRY_MS, minutesToYears, timeToExpiryYears } from '../../market/timeToExpiry.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { fine, minutes, price, ratio, roundScore, score } from './scoreMath.ts';

/** The hold is counted as at least one minute, so an instant round trip still has a span to compare over. */
export const DECAY_MIN_HOLD_MIN = 1;
/**
 * The theta-to-move ratio at which decay_regret is 0.5, and how steeply the score rises through it:
 * decay = ratio^k / (ratio^k + 0.4^k) with k = DECAY_STEEPNESS = 2, for buyers and sellers alike, so the
 * score rises with theta dominance whatever the side of the trade. An at-the-money 0DTE hold of 30 minutes
 * has a ratio of about 0.12 at 10:00 (score 0.08), 0.41 at 15:15 (0.51), and 0.8 when held into the bell
 * (0.80): the whole remaining time value against a one-σ move.
 */
export const DECAY_RATIO_AT_HALF = 0.4;
export const DECAY_STEEPNESS = 2;
/** Below this (per share) a one-σ payoff counts as nothing: the option has no delta left. */
export const DECAY_MIN_PAYOFF = 1e-6;

export type DecayMeasure = {
  readonly thetaCost: number;
  readonly oneSigmaPayoff: number;
  readonly ratio: number;
};

const MINUTES_PER_YEAR = 365 * 24 * 60;

/**
 * decay_regret: how much theta dominated the trade at entry, for a buyer or a seller.
 * T₁ = time from entry to the expiry's real close on the one calendar clock, floored at 1 minute (a trade at or
 * after the bell is priced as if one minute were left). The hold runs for h = max(exit − entry, 1 min), but the
 * option lives only T₁ of it: T₂ = max(T₁ − h, 0), and at T₂ = 0 the option is worth its intrinsic value.
 * theta cost = BS(T₁) − BS(T₂) at the entry spot and IV: theta integrated over the hold, exact as 0DTE theta
 * explodes near the bell and never lost by a floor on T₂. One-σ payoff = |delta at entry| · S · σ · √min(h, T₁):
 * what a one-σ move over the option's remaining life in the hold would pay. ratio = theta cost / payoff.
 */
export function scoreDecayRegret(context: RegretContext): RegretResult & { readonly measure: DecayMeasure | null } {
  const none = (explanation: string) => ({ score: null, explanation, measure: null });
  const { entryMs, exitMs, underlyingEntry, volatility, trade } = context;
  if (context.holdReason !== null || entryMs === null || exitMs === null) return none(context.holdReason ?? 'no entry or exit time');
  if (underlyingEntry === null) return none(`no underlying price at entry (no underlying_entry and ${context.barsReason ?? 'no regular-hours bar within 5 min of it'})`);
  if (volatility.value === null) return none(volatility.note);

  const vol = volatility.value;
  const spot = underlyingEntry.value;
  const holdMinutes = Math.max((exitMs - entryMs) / 60_000, DECAY_MIN_HOLD_MIN);
  const yearsAtEntry = timeToExpiryYears(entryMs, trade.expiry);
  const minutesToExpiry = yearsAtEntry * MINUTES_PER_YEAR;
  const livedMinutes = Math.min(holdMinutes, minutesToExpiry);
  const minutesLeftAtExit = Math.max(minutesToExpiry - holdMinutes, 0);
  const option = { spot, strike: trade.strike, vol, right: trade.right };
  const atEntry = blackScholes({ ...option, years: yearsAtEntry });
  const exitPrice = minutesLeftAtExit > 0 ? blackScholes({ ...option, years: minutesToYears(minutesLeftAtExit) }).price : intrinsicValue(spot, trade.strike, trade.right);
  const thetaCost = Math.max(0, atEntry.price - exitPrice);
  const oneSigmaPayoff = Math.abs(atEntry.delta) * spot * vol * Math.sqrt(minutesToYears(livedMinutes));
  const seller = trade.side === 'short';
  if (oneSigmaPayoff <= DECAY_MIN_PAYOFF && thetaCost <= DECAY_MIN_PAYOFF) {
    return { score: 0, explanation: `no time value and no delta at stake (premium ${fine(atEntry.price)} at S ${price(spot)}, ${volatility.note}) → 0.00`, measure: { thetaCost, oneSigmaPayoff, ratio: 0 } };
  }
  const measured = oneSigmaPayoff > DECAY_MIN_PAYOFF ? thetaCost / oneSigmaPayoff : Number.POSITIVE_INFINITY;
  const shownRatio = Number.isFinite(measured) ? ratio(measured) : '∞';
  const raw = Number.isFinite(measured) ? measured ** DECAY_STEEPNESS / (measured ** DECAY_STEEPNESS + DECAY_RATIO_AT_HALF ** DECAY_STEEPNESS) : 1;
  const hoursLeft = (minutesToExpiry / 60).toFixed(2);
  const sides = seller
    ? `short: theta ${fine(thetaCost)} (the seller's income) vs one-σ move ${fine(oneSigmaPayoff)} (the seller's risk)`
    : `theta cost ${fine(thetaCost)} vs one-σ payoff ${fine(oneSigmaPayoff)}`;
  const span = livedMinutes < holdMinutes ? `the ${minutes(livedMinutes)} the option had left of the ${minutes(holdMinutes)} hold` : `the ${minutes(holdMinutes)} hold`;
  const clock = expiryCloseMs(trade.expiry) - entryMs < MIN_TIME_TO_EXPIRY_MS ? 'entry less than 1 min before the expiry close or after it, priced with 1 min left' : `${hoursLeft} h to expiry`;
  const explanation = `${sides} per share over ${span} (|Δ| ${fine(Math.abs(atEntry.delta))}, S ${price(spot)}, ${volatility.note}, ${clock}) → ratio ${shownRatio} → ${score(raw)}`;
  return { score: roundScore(raw), explanation, measure: { thetaCost, oneSigmaPayoff, ratio: Number.isFinite(measured) ? measured : Number.MAX_VALUE } };
}
