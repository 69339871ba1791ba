import { blackScholes, intrinsicValue, type OptionRight } from '../../market/blackScholes.ts';
import { etClock } from '../../market/calendar.ts';
import { expiryCloseMs, MIN_TIME_TO_EXPIRY_MS, minutesToYears, timeToExpiryYears } from '../../market/timeToExpiry.ts';
import type { RegretResult } from '../types.ts';
import { netHalfLife, netTimeValueTraded, weightedLegs } from '../multiLegPosition.ts';
import type { RegretContext } from './context.ts';
import { fine, fixed2, minutes, price, roundScore, score } from './scoreMath.ts';

/**
 * A buyer's decay_regret is 0.5 when the time value bought halves within this many minutes at a standing
 * price: half of what the clock can take, gone within a typical 0DTE hold. An at-the-money 0DTE does that
 * from about 15:20 (its time value goes as √T, so it halves in ¾ of the time left). On the calibration's
 * random entries the half-life's quartiles are 35 / 88 / 144 min, so 30 min sits at "unusually fast".
 */
export const DECAY_BUYER_HALF_LIFE_MIN = 30;
/**
 * A seller's decay_regret is 0.5 when the time value sold would take a whole regular session (390 min) to
 * halve. At a standing price theta never costs a seller anything; what he can regret on this side is selling
 * time that pays over days while he carries the move now. A 0DTE sold at the open halves in about 290 min,
 * so a 0DTE seller stays below 0.5 and falls toward 0 into the close; a weekly sold for an afternoon is high.
 */
export const DECAY_SELLER_HALF_LIFE_MIN = 390;
/**
 * The premium's tick. Theta can only take the time value in the premium: below one cent per share the score
 * is scaled down in proportion, so a premium that is all intrinsic value has nothing to regret.
 */
export const DECAY_TIME_VALUE_TICK = 0.01;
/** The half-life is found by bisection to this many minutes. */
export const DECAY_HALF_LIFE_TOLERANCE_MIN = 0.001;

const MINUTES_PER_YEAR = 365 * 24 * 60;
const MAX_BISECTIONS = 100;
/** Above this a half-life is shown in hours. */
const HALF_LIFE_IN_HOURS_FROM_MIN = 120;

export type HalfLifeInput = {
  readonly spot: number;
  readonly strike: number;
  readonly vol: number;
  readonly right: OptionRight;
  readonly minutesToExpiry: number;
};

export type DecayMeasure = {
  /** The model's time value per share at entry (Black–Scholes at the entry spot and IV). */
  readonly timeValue: number;
  /** Minutes until that time value halves, the spot and IV held. */
  readonly halfLifeMinutes: number;
  /** Premium − intrinsic value at the entry spot, per share: the time value the trade actually paid or sold. */
  readonly timeValueTraded: number;
  /** min(1, timeValueTraded / DECAY_TIME_VALUE_TICK). */
  readonly tickWeight: number;
};

const otherRight = (right: OptionRight): OptionRight => (right === 'C' ? 'P' : 'C');

/**
 * The time value of an option and the minutes it takes to halve, the spot and IV held. The time value is the
 * premium of the out-of-the-money side of the strike (put–call parity at zero rates: an in-the-money call's time
 * value is the put's premium), which keeps deep strikes exact instead of a difference of two near-equal numbers.
 * Time value grows with time to expiry, so the half-life is the one root of TV(T − m) = TV(T) / 2 in (0, T).
 * With no time value left the half-life is 0.
 */
export function timeValueHalfLife(input: HalfLifeInput): { readonly timeValue: number; readonly halfLifeMinutes: number } {
  const { spot, strike, vol, minutesToExpiry } = input;
  const outOfTheMoney = intrinsicValue(spot, strike, input.right) > 0 ? otherRight(input.right) : input.right;
  const timeValueAt = (minutesLeft: number): number => (minutesLeft > 0 ? blackScholes({ spot, strike, vol, right: outOfTheMoney, years: minutesToYears(minutesLeft) }).price : 0);
  const timeValue = timeValueAt(minutesToExpiry);
  if (!(timeValue > 0)) return { timeValue: 0, halfLifeMinutes: 0 };
  let low = 0;
  let high = minutesToExpiry;
  for (let step = 0; step < MAX_BISECTIONS && high - low > DECAY_HALF_LIFE_TOLERANCE_MIN; step += 1) {
    const middle = (low + high) / 2;
    if (timeValueAt(minutesToExpiry - middle) > timeValue / 2) low = middle;
    else high = middle;
  }
  return { timeValue, halfLifeMinutes: (low + high) / 2 };
}

const halfLifeText = (value: number): string => (value >= HALF_LIFE_IN_HOURS_FROM_MIN ? `${(value / 60).toFixed(1)} h` : minutes(value));

/**
 * decay_regret: was theta already dominant when the trade was entered (seed: "entered after theta decay was
 * dominant")? Judged at the entry, so holding the same position longer never changes it (the hold into the
 * bleed is late_exit_regret's). The measure is the half-life h½ of the option's time value at entry: the
 * minutes until it halves at a standing price (Black–Scholes at the entry spot and IV, to the expiry's real
 * close, at least 1 minute). A buyer regrets time value that melts fast: 1 / (1 + h½ / DECAY_BUYER_HALF_LIFE_MIN).
 * A seller collects it, and regrets only selling it before theta works for him: h½ / (h½ + DECAY_SELLER_HALF_LIFE_MIN).
 * Either is scaled by min(1, time value traded / DECAY_TIME_VALUE_TICK), the time value being premium − intrinsic.
 */
export function scoreDecayRegret(context: RegretContext): RegretResult & { readonly measure: DecayMeasure | null } {
  const none = (explanation: string) => ({ score: null, explanation, measure: null });
  const { entryMs, underlyingEntry, volatility, trade } = context;
  if (entryMs === null) return none(context.entryTimeReason ?? 'no entry time');
  if (underlyingEntry === null) return none(`no underlying price at entry (no underlying_entry and ${context.barsReason ?? 'no regular-hours bar within 5 min of it'})`);
  const closeMs = expiryCloseMs(trade.expiry);
  if (context.entryDate > etClock(closeMs).date) return none(`no time to expiry: the entry on ${context.entryDate} is after the ${trade.expiry} expiry`);
  if (volatility.value === null) return none(volatility.note);

  const spot = underlyingEntry.value;
  const minutesToExpiry = timeToExpiryYears(entryMs, trade.expiry) * MINUTES_PER_YEAR;
  // A multi-leg trade is one position: its net time value (Σ weight · leg time value) and that value's half-life;
  // it is a seller's when the legs sold more time value than they bought.
  const legs = trade.legs ? weightedLegs(trade, entryMs) : null;
  const { timeValue, halfLifeMinutes } = legs
    ? netHalfLife(legs, spot, volatility.value, DECAY_HALF_LIFE_TOLERANCE_MIN)
    : timeValueHalfLife({ spot, strike: trade.strike, vol: volatility.value, right: trade.right, minutesToExpiry });
  const netTraded = legs ? netTimeValueTraded(trade, spot) : null;
  const timeValueTraded = netTraded === null ? Math.max(0, trade.entry_price - intrinsicValue(spot, trade.strike, trade.right)) : Math.abs(netTraded);
  const tickWeight = Math.min(1, timeValueTraded / DECAY_TIME_VALUE_TICK);
  const measure: DecayMeasure = { timeValue: Math.abs(timeValue), halfLifeMinutes, timeValueTraded, tickWeight };

  const seller = netTraded === null ? trade.side === 'short' : netTraded < 0;
  const clock = closeMs - entryMs < MIN_TIME_TO_EXPIRY_MS ? 'entry less than 1 min before the expiry close or after it, priced with 1 min left' : `${(minutesToExpiry / 60).toFixed(2)} h to expiry`;
  const contract = trade.legs ? `${trade.strategy ?? 'multi-leg'} net premium ${fine(trade.entry_price)}, legs ${trade.legs.map((leg) => `${leg.side === 'long' ? '+' : '−'}${leg.qty / trade.qty}×${price(leg.strike)}${leg.right}`).join(' ')}` : `premium ${fine(trade.entry_price)}`;
  const facts = `${contract} at S ${price(spot)}${trade.legs ? '' : `, strike ${price(trade.strike)}`}, ${volatility.note}, ${clock}`;
  if (tickWeight === 0) {
    return { score: 0, explanation: `no time value at entry (${facts}): theta has nothing to take → 0.00`, measure };
  }
  const curve = seller ? halfLifeMinutes / (halfLifeMinutes + DECAY_SELLER_HALF_LIFE_MIN) : 1 / (1 + halfLifeMinutes / DECAY_BUYER_HALF_LIFE_MIN);
  const raw = tickWeight * curve;
  const shownHalfLife = (Math.round(halfLifeMinutes * 10) / 10).toFixed(1);
  const formula = seller ? `${shownHalfLife} / (${shownHalfLife} + ${DECAY_SELLER_HALF_LIFE_MIN})` : `1 / (1 + ${shownHalfLife} / ${DECAY_BUYER_HALF_LIFE_MIN})`;
  const scaled = tickWeight < 1 ? `${fixed2(tickWeight)} (below the ${price(DECAY_TIME_VALUE_TICK)} tick) × ` : '';
  const verdict = seller ? (curve >= 0.5 ? 'not within a session, theta not yet working for the seller' : 'within the session, theta working for the seller') : curve >= 0.5 ? 'theta dominant' : 'theta not yet dominant';
  const traded = seller ? `short: sold ${fine(timeValueTraded)} of time value per share` : `bought ${fine(timeValueTraded)} of time value per share`;
  const risk = seller ? " (the seller's own risk, gamma near expiry, is late_exit_regret's and pin_regret's)" : '';
  const explanation = `${traded} (${facts}); at a standing price it halves in ${halfLifeText(halfLifeMinutes)}: ${verdict}${risk} → ${scaled}${formula} → ${score(raw)}`;
  return { score: roundScore(raw), explanation, measure };
}
