import { blackScholes } from '../../market/blackScholes.ts';
import { minutesToYears, timeToExpiryYears } from '../../market/timeToExpiry.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { minutes, price, ratio, roundScore, score } from './scoreMath.ts';

/** The hold is counted as at least one minute, so an instant round trip still has a span to compare over. */
export const DECAY_MIN_HOLD_MIN = 1;
/**
 * The theta-to-move ratio at which decay_regret is 0.5. ratio = theta cost over the hold / what a one-σ move
 * over the hold pays; long: decay = ratio / (ratio + 0.5); short (theta is the seller's income, the move
 * the seller's risk): decay = 0.5 / (ratio + 0.5).
 */
export const DECAY_RATIO_AT_HALF = 0.5;
/** Below this (per share) a one-σ payoff counts as nothing: the option has no delta left. */
export const DECAY_MIN_PAYOFF = 1e-6;

export type DecayMeasure = {
  readonly thetaCost: number;
  readonly oneSigmaPayoff: number;
  readonly ratio: number;
};

/**
 * decay_regret: theta cost = BS premium at entry − BS premium at entry + hold (same spot and IV, time to the
 * expiry's real close on the one calendar clock, floored at 1 minute) — theta integrated over the hold, which
 * stays exact as 0DTE theta explodes near the bell. One-σ payoff = |delta at entry| · S · σ · √hold.
 */
export function scoreDecayRegret(context: RegretContext): RegretResult & { readonly measure: DecayMeasure | null } {
  const none = (explanation: string) => ({ score: null, explanation, measure: null });
  const { entryMs, exitMs, underlyingEntry, volatility, trade } = context;
  if (context.holdReason !== null || entryMs === null || exitMs === null) return none(context.holdReason ?? 'no entry or exit time');
  if (underlyingEntry === null) return none(`no underlying price at entry (no underlying_entry and ${context.barsReason ?? 'no bar within 5 min'})`);
  if (volatility.value === null) return none(volatility.note);

  const vol = volatility.value;
  const spot = underlyingEntry.value;
  const holdMinutes = Math.max((exitMs - entryMs) / 60_000, DECAY_MIN_HOLD_MIN);
  const yearsAtEntry = timeToExpiryYears(entryMs, trade.expiry);
  const yearsAtExit = timeToExpiryYears(entryMs + holdMinutes * 60_000, trade.expiry);
  const option = { spot, strike: trade.strike, vol, right: trade.right };
  const atEntry = blackScholes({ ...option, years: yearsAtEntry });
  const atExit = blackScholes({ ...option, years: yearsAtExit });
  const thetaCost = Math.max(0, atEntry.price - atExit.price);
  const oneSigmaPayoff = Math.abs(atEntry.delta) * spot * vol * Math.sqrt(minutesToYears(holdMinutes));
  if (oneSigmaPayoff <= DECAY_MIN_PAYOFF && thetaCost <= DECAY_MIN_PAYOFF) {
    return { score: 0, explanation: `no time value and no delta at stake (premium ${price(atEntry.price)} at S ${price(spot)}, ${volatility.note}) → 0.00`, measure: { thetaCost, oneSigmaPayoff, ratio: 0 } };
  }
  const measured = oneSigmaPayoff > DECAY_MIN_PAYOFF ? thetaCost / oneSigmaPayoff : Number.POSITIVE_INFINITY;
  const shownRatio = Number.isFinite(measured) ? ratio(measured) : '∞';
  const long = trade.side === 'long';
  const raw = Number.isFinite(measured)
    ? long ? measured / (measured + DECAY_RATIO_AT_HALF) : DECAY_RATIO_AT_HALF / (measured + DECAY_RATIO_AT_HALF)
    : long ? 1 : 0;
  const hoursLeft = (yearsAtEntry * 365 * 24).toFixed(2);
  const sides = long
    ? `theta cost ${price(thetaCost)} vs one-σ payoff ${price(oneSigmaPayoff)}`
    : `short: theta income ${price(thetaCost)} vs one-σ risk ${price(oneSigmaPayoff)}`;
  const explanation = `${sides} over the ${minutes(holdMinutes)} hold (|Δ| ${ratio(Math.abs(atEntry.delta))}, S ${price(spot)}, ${volatility.note}, ${hoursLeft} h to expiry) → ratio ${shownRatio} → ${score(raw)}`;
  return { score: roundScore(raw), explanation, measure: { thetaCost, oneSigmaPayoff, ratio: Number.isFinite(measured) ? measured : Number.MAX_VALUE } };
}
