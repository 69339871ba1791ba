import { barsBetween, upperBound } from '../../market/barWindow.ts';
import { expiryCloseMs } from '../../market/timeToExpiry.ts';
import { etClock, sessionDay } from '../../market/calendar.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { clamp01, minutes, PRICE_TICK, price, ratio, roundScore, score } from './scoreMath.ts';

/** The VWAP magnet is read on the closes of the last 5 minutes of the trade. */
export const LATE_EXIT_PIN_WINDOW_MIN = 5;
/**
 * A close within 2 typical minute ranges of the running VWAP is "pinned" to it (closeness 1); a close farther
 * out counts band / distance (twice the band away: 0.5), so a price pulled most of the way back to VWAP is a near
 * miss, not a flat 0.
 */
export const LATE_EXIT_VWAP_BAND_RANGES = 2;
/** A hold shorter than 15 minutes is too short to be "held into" a magnet: magnet × min(1, hold / 15). */
export const LATE_EXIT_FULL_HOLD_MIN = 15;
/**
 * Expiry crush lateness = 1 − (minutes left to the expiry close / minutes of that session)^0.5: the share of the
 * session's at-the-money time value already gone at the exit, since an at-the-money option's time value goes
 * as the square root of the time left (Black–Scholes: ≈ 0.4 · S · σ · √T). Out at 10:30: 8 % gone; 14:00: 45 %;
 * 15:00: 61 %; 15:55: 89 %; at the bell: all of it. (It replaces a 60-minute linear window, which scored every
 * exit before 15:00 a flat 0 however much of the premium had bled.)
 */
export const LATE_EXIT_CRUSH_EXPONENT = 0.5;

export type LateExitLevels = { readonly vwapAtEntry: number | null; readonly vwapAtExit: number | null };

function vwapAtMs(context: RegretContext, ms: number): number | null {
  const bars = context.sessionBars;
  if (bars === null) return null;
  return context.sessionVwaps[upperBound(bars, ms) - 1] ?? null;
}

type Part = { readonly value: number | null; readonly text: string };

function magnetPart(context: RegretContext, entryMs: number, exitMs: number): Part {
  const bars = context.sessionBars;
  if (bars === null) return { value: null, text: `VWAP magnet dropped (${context.barsReason ?? 'no bars'})` };
  if (context.exitDate !== context.entryDate) return { value: null, text: 'VWAP magnet dropped (held overnight: no single session VWAP)' };
  const band = LATE_EXIT_VWAP_BAND_RANGES * Math.max(context.typicalMinuteRange ?? PRICE_TICK, PRICE_TICK);
  let farthest = 0;
  let atExit: number | null = null;
  let pinned = 0;
  let closeness = 0;
  let counted = 0;
  const lastStart = exitMs - LATE_EXIT_PIN_WINDOW_MIN * 60_000;
  const path = barsBetween(bars, Math.floor(entryMs / 60_000) * 60_000, exitMs);
  for (const bar of path) {
    const vwap = vwapAtMs(context, bar.time);
    if (vwap === null) continue;
    const distance = Math.abs(bar.close - vwap);
    farthest = Math.max(farthest, distance);
    atExit = distance;
    if (bar.time >= lastStart) {
      counted += 1;
      if (distance <= band) pinned += 1;
      closeness += distance <= band ? 1 : band / distance;
    }
  }
  if (atExit === null || counted === 0) return { value: null, text: 'VWAP magnet dropped (no volume for a VWAP during the trade)' };
  if (context.underlyingExit !== null) {
    const vwapExit = vwapAtMs(context, exitMs);
    if (vwapExit !== null) atExit = Math.abs(context.underlyingExit.value - vwapExit);
  }
  const approach = farthest > band ? clamp01((farthest - atExit) / farthest) : 0;
  const meanCloseness = closeness / counted;
  const holdMinutes = (exitMs - entryMs) / 60_000;
  const holdFactor = clamp01(holdMinutes / LATE_EXIT_FULL_HOLD_MIN);
  const value = approach * meanCloseness * holdFactor;
  const approachText = farthest > band ? `approach (${price(farthest)} − ${price(atExit)}) / ${price(farthest)} = ${ratio(approach)}` : `approach 0: never farther than the ±${price(band)} band`;
  const text = `VWAP magnet: the underlying was at most ${price(farthest)} from VWAP during the trade and ${price(atExit)} at the exit (${approachText}); the ${counted} closes of the last ${LATE_EXIT_PIN_WINDOW_MIN} min: ${pinned} within ±${price(band)} of VWAP (${LATE_EXIT_VWAP_BAND_RANGES} typical minute ranges), closeness ${ratio(meanCloseness)} (mean of 1 inside the band, band / distance outside); hold factor min(1, ${minutes(holdMinutes)} / ${LATE_EXIT_FULL_HOLD_MIN}) = ${ratio(holdFactor)}; ${ratio(approach)} × ${ratio(meanCloseness)} × ${ratio(holdFactor)} = ${ratio(value)}`;
  return { value, text };
}

/** The share of the expiry session's at-the-money time value gone at `exitMs`: 1 − (minutes left / session minutes)^LATE_EXIT_CRUSH_EXPONENT. */
export function crushLateness(exitMs: number, expiry: string): number {
  const closeMs = expiryCloseMs(expiry);
  const session = sessionDay(etClock(closeMs).date);
  const sessionMinutes = (closeMs - session.openMs) / 60_000;
  const minutesLeft = Math.min(sessionMinutes, Math.max(0, (closeMs - exitMs) / 60_000));
  return clamp01(1 - (minutesLeft / sessionMinutes) ** LATE_EXIT_CRUSH_EXPONENT);
}

function crushPart(context: RegretContext, exitMs: number): Part {
  const { trade } = context;
  const closeMs = expiryCloseMs(trade.expiry);
  if (etClock(closeMs).date !== context.exitDate) return { value: 0, text: `expiry crush 0 (expiry ${trade.expiry} is not the exit day)` };
  if (!(trade.entry_price > 0)) return { value: null, text: 'expiry crush dropped (no entry premium)' };
  const bleed = clamp01((trade.entry_price - trade.exit_price) / trade.entry_price);
  const minutesLeft = Math.max(0, (closeMs - exitMs) / 60_000);
  const sessionMinutes = (closeMs - sessionDay(context.exitDate).openMs) / 60_000;
  const lateness = crushLateness(exitMs, trade.expiry);
  const value = bleed * lateness;
  const when =
    minutesLeft <= 0
      ? `exit at or after the expiry close (lateness ${ratio(lateness)}: all of the session's at-the-money time value gone)`
      : `exit ${minutes(minutesLeft)} before the expiry close (lateness 1 − √(${Math.round(Math.min(minutesLeft, sessionMinutes) * 10) / 10} / ${Math.round(sessionMinutes)}) = ${ratio(lateness)} of the session's at-the-money time value gone)`;
  // A seller still short after the premium bled keeps the day's largest gamma for the last pennies: the same
  // measure, read from the other side.
  const who = trade.side === 'short' ? 'short: premium sold' : 'premium';
  return { value, text: `expiry crush: ${who} ${price(trade.entry_price)} → ${price(trade.exit_price)} (bled ${ratio(bleed)} of it), ${when}; ${ratio(bleed)} × ${ratio(lateness)} = ${ratio(value)}` };
}

/**
 * late_exit_regret = max(VWAP magnet, expiry crush), over the parts available.
 * Magnet = approach · closeness · hold factor: approach = (farthest close from VWAP during the trade −
 * distance at exit) / farthest (0 if the trade never left the band), closeness = mean over the closes of the
 * last 5 minutes of 1 within the band of the running VWAP and band / distance outside it, hold factor =
 * min(1, hold / 15 min).
 * Crush (options exited on their expiry day) = (entry − exit premium) / entry premium, clamped to [0, 1],
 * × (1 − √(minutes to the close / session minutes)), for buyers and sellers alike: a buyer held while the
 * premium bled away; a seller stayed short for the last pennies of a bled premium while carrying the day's
 * largest gamma. Later expiries score 0 on crush.
 */
export function scoreLateExitRegret(context: RegretContext): RegretResult & { readonly levels: LateExitLevels } {
  const { entryMs, exitMs } = context;
  if (context.holdReason !== null || entryMs === null || exitMs === null) {
    return { score: null, explanation: context.holdReason ?? 'no entry or exit time', levels: { vwapAtEntry: null, vwapAtExit: null } };
  }
  const levels: LateExitLevels = {
    vwapAtEntry: vwapAtMs(context, entryMs),
    vwapAtExit: context.exitDate === context.entryDate ? vwapAtMs(context, exitMs) : null,
  };
  const parts = [magnetPart(context, entryMs, exitMs), crushPart(context, exitMs)];
  const values = parts.map((part) => part.value).filter((value): value is number => value !== null);
  const text = parts.map((part) => part.text).join('; ');
  if (values.length === 0) return { score: null, explanation: text, levels };
  const raw = Math.max(...values);
  return { score: roundScore(raw), explanation: `${text}; the larger → ${score(raw)}`, levels };
}
