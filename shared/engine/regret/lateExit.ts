import { barsBetween, upperBound } from '../../market/barWindow.ts';
import { expiryCloseMs } from '../../market/timeToExpiry.ts';
import { etClock } from '../../market/calendar.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { clamp01, minutes, PRICE_TICK, price, ratio, roundScore, score } from './scoreMath.ts';

/** The VWAP magnet is read on the closes of the last 5 minutes of the trade. */
export const LATE_EXIT_PIN_WINDOW_MIN = 5;
/** A close within 2 typical minute ranges of the running VWAP is "pinned" to it. */
export const LATE_EXIT_VWAP_BAND_RANGES = 2;
/** A hold shorter than 15 minutes is too short to be "held into" a magnet: magnet × min(1, hold / 15). */
export const LATE_EXIT_FULL_HOLD_MIN = 15;
/** Expiry crush counts in the last 60 minutes before the expiry's close: lateness = max(0, 1 − minutes left / 60). */
export const LATE_EXIT_CRUSH_WINDOW_MIN = 60;

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
    }
  }
  if (atExit === null || counted === 0) return { value: null, text: 'VWAP magnet dropped (no volume for a VWAP during the trade)' };
  if (context.underlyingExit !== null) {
    const vwapExit = vwapAtMs(context, exitMs);
    if (vwapExit !== null) atExit = Math.abs(context.underlyingExit.value - vwapExit);
  }
  const approach = farthest > band ? clamp01((farthest - atExit) / farthest) : 0;
  const pinnedShare = pinned / counted;
  const holdMinutes = (exitMs - entryMs) / 60_000;
  const holdFactor = clamp01(holdMinutes / LATE_EXIT_FULL_HOLD_MIN);
  const value = approach * pinnedShare * holdFactor;
  const approachText = farthest > band ? `approach (${price(farthest)} − ${price(atExit)}) / ${price(farthest)} = ${ratio(approach)}` : `approach 0: never farther than the ±${price(band)} band`;
  const text = `VWAP magnet: the underlying was at most ${price(farthest)} from VWAP during the trade and ${price(atExit)} at the exit (${approachText}); ${pinned} of the ${counted} closes of the last ${LATE_EXIT_PIN_WINDOW_MIN} min were within ±${price(band)} of VWAP (${LATE_EXIT_VWAP_BAND_RANGES} typical minute ranges); hold factor min(1, ${minutes(holdMinutes)} / ${LATE_EXIT_FULL_HOLD_MIN}) = ${ratio(holdFactor)}; ${ratio(approach)} × ${pinned}/${counted} × ${ratio(holdFactor)} = ${ratio(value)}`;
  return { value, text };
}

function crushPart(context: RegretContext, exitMs: number): Part {
  const { trade } = context;
  const closeMs = expiryCloseMs(trade.expiry);
  if (etClock(closeMs).date !== context.exitDate) return { value: 0, text: `expiry crush 0 (expiry ${trade.expiry} is not the exit day)` };
  if (!(trade.entry_price > 0)) return { value: null, text: 'expiry crush dropped (no entry premium)' };
  const bleed = clamp01((trade.entry_price - trade.exit_price) / trade.entry_price);
  const minutesLeft = Math.max(0, (closeMs - exitMs) / 60_000);
  const lateness = clamp01(1 - minutesLeft / LATE_EXIT_CRUSH_WINDOW_MIN);
  const value = bleed * lateness;
  const when =
    minutesLeft <= 0
      ? `exit at or after the expiry close (lateness ${ratio(lateness)})`
      : `exit ${minutes(minutesLeft)} before the expiry close (lateness max(0, 1 − ${Math.round(minutesLeft * 10) / 10} / ${LATE_EXIT_CRUSH_WINDOW_MIN}) = ${ratio(lateness)})`;
  // A seller still short after the premium bled keeps the day's largest gamma for the last pennies: the same
  // measure, read from the other side.
  const who = trade.side === 'short' ? 'short: premium sold' : 'premium';
  return { value, text: `expiry crush: ${who} ${price(trade.entry_price)} → ${price(trade.exit_price)} (bled ${ratio(bleed)} of it), ${when}; ${ratio(bleed)} × ${ratio(lateness)} = ${ratio(value)}` };
}

/**
 * late_exit_regret = max(VWAP magnet, expiry crush), over the parts available.
 * Magnet = approach · pinned share · hold factor: approach = (farthest close from VWAP during the trade −
 * distance at exit) / farthest (0 if the trade never left the band), pinned share = closes of the last 5 minutes
 * within the band of the running VWAP, hold factor = min(1, hold / 15 min).
 * Crush (options exited on their expiry day) = (entry − exit premium) / entry premium, clamped to [0, 1],
 * × max(0, 1 − minutes to the close / 60), for buyers and sellers alike: a buyer held while the premium bled
 * away; a seller stayed short for the last pennies of a bled premium while carrying the day's largest gamma.
 * Later expiries score 0 on crush.
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
