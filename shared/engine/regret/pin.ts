import { etClock, sessionDay } from '../../market/calendar.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { clamp01, price, ratio, roundScore, score } from './scoreMath.ts';

/**
 * Distance to max pain, in expected moves to the close, at which proximity is one half:
 * proximity = 1 / (1 + (D / PIN_HALF_EM)^PIN_STEEPNESS). The same half-point curve as decay_regret's ratio.
 */
export const PIN_HALF_EM = 0.5;
/**
 * How fast proximity falls past the half point: with 3 it is 0.99 at 0.1 EM, 0.5 at 0.5, 0.11 at one EM (SPEC:
 * "about one expected move or more → near 0"), 0.015 at two, and rounds to 0 from about three — a near miss
 * between one and two EMs still tells a closer entry from a farther one, where the old linear rule
 * (1 − D, floored) gave a flat 0 from one EM on.
 */
export const PIN_STEEPNESS = 3;
/** Time-of-day weight: 0.4 at the open rising linearly with the session's elapsed fraction to 1.0 at the close. */
export const PIN_WEIGHT_AT_OPEN = 0.4;
export const PIN_WEIGHT_AT_CLOSE = 1;

/** The fraction of the day's session (its real open and close, early closes included) elapsed at `entryMs`, in [0, 1]. */
export function sessionElapsed(entryMs: number): number {
  const clock = etClock(entryMs);
  const session = sessionDay(clock.date);
  return clamp01((clock.minuteOfDay - session.openMinute) / (session.closeMinute - session.openMinute));
}

/** The time-of-day weight of a pin at `entryMs`: 0.4 at the open rising linearly to 1.0 at the close. */
export function pinTimeWeight(entryMs: number): number {
  return PIN_WEIGHT_AT_OPEN + (PIN_WEIGHT_AT_CLOSE - PIN_WEIGHT_AT_OPEN) * sessionElapsed(entryMs);
}

/** |underlying − level| in expected moves to the session close; null without the pieces. */
export function distanceInExpectedMoves(context: RegretContext, level: number | undefined): number | null {
  if (level === undefined || context.underlyingEntry === null || context.expectedMoveToClose === null) return null;
  if (!(context.expectedMoveToClose > 0)) return null;
  return Math.abs(context.underlyingEntry.value - level) / context.expectedMoveToClose;
}

/** Closeness to the pin from a distance D in expected moves: 1 / (1 + (D / PIN_HALF_EM)^PIN_STEEPNESS), 1 at D = 0. */
export function pinProximity(distanceEm: number): number {
  return 1 / (1 + (Math.max(0, distanceEm) / PIN_HALF_EM) ** PIN_STEEPNESS);
}

/**
 * pin_regret = proximity(D) · weight(time of day), with proximity = 1 / (1 + (D / PIN_HALF_EM)^PIN_STEEPNESS)
 * and D = |underlying at entry − max pain| / expected move, the expected move being S · σ · √(time from entry
 * to the session close): the room the underlying still has to get away from the pin. Near max pain late in
 * the day → high; about a move away → near 0 (0.11 × weight); about three moves or more → 0.
 */
export function scorePinRegret(context: RegretContext): RegretResult & { readonly distanceEm: number | null } {
  const none = (explanation: string) => ({ score: null, explanation, distanceEm: null });
  if (context.entryMs === null) return none(context.entryTimeReason ?? 'no entry time');
  if (context.dayContext === null) return none(`no max pain: ${context.contextReason ?? 'no day context'}`);
  const maxPain = context.dayContext.max_pain;
  if (maxPain === undefined) return none(`no max pain: the day context for ${context.dayContext.date} has no max_pain`);
  if (context.underlyingEntry === null) return none(`no underlying price at entry (no underlying_entry and ${context.barsReason ?? 'no regular-hours bar within 5 min of it'})`);
  if (context.volatility.value === null || context.expectedMoveToClose === null) return none(`no expected move: ${context.volatility.note}`);
  const distance = distanceInExpectedMoves(context, maxPain);
  if (distance === null) return none('the expected move to the close is zero');
  const proximity = pinProximity(distance);
  const weight = pinTimeWeight(context.entryMs);
  const raw = proximity * weight;
  const spot = context.underlyingEntry.value;
  const elapsed = sessionElapsed(context.entryMs);
  const explanation = `underlying ${price(spot)} is ${price(Math.abs(spot - maxPain))} from max pain ${price(maxPain)} = ${ratio(distance)} expected moves (EM to the close ${price(context.expectedMoveToClose)} = S · σ · √time left, ${context.volatility.note}); proximity 1 / (1 + (${ratio(distance)} / ${PIN_HALF_EM})^${PIN_STEEPNESS}) = ${ratio(proximity)}, time weight ${PIN_WEIGHT_AT_OPEN} + ${ratio(PIN_WEIGHT_AT_CLOSE - PIN_WEIGHT_AT_OPEN)} × ${ratio(elapsed)} of the session elapsed = ${ratio(weight)}; ${ratio(proximity)} × ${ratio(weight)} → ${score(raw)}`;
  return { score: roundScore(raw), explanation, distanceEm: distance };
}
