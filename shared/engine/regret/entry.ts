import type { Bar } from '../../domain/market.ts';
import { barsBetween } from '../../market/barWindow.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { hhmm, minutes, price, roundScore, score } from './scoreMath.ts';

/**
 * entry_regret looks at the underlying's range over ENTRY_WINDOW_MIN minutes either side of the entry
 * (regular-hours 1-minute bars, entry price included). Bullish: (entry − window low) / (high − low);
 * bearish: (window high − entry) / (high − low). Entering at the best price of the window → 0, at the
 * worst → 1; a flat window → 0 (no better price existed).
 */
export const ENTRY_WINDOW_MIN = 5;

export function scoreEntryRegret(context: RegretContext): RegretResult {
  const { entryMs, sessionBars, underlyingEntry } = context;
  if (entryMs === null) return { score: null, explanation: context.entryTimeReason ?? 'no entry time' };
  if (sessionBars === null) return { score: null, explanation: context.barsReason ?? 'no bars' };
  if (underlyingEntry === null) return { score: null, explanation: `no underlying price at entry (no underlying_entry in the record, and no regular-hours bar within 5 min of it)` };
  const windowMs = ENTRY_WINDOW_MIN * 60_000;
  const window = barsBetween(sessionBars, entryMs - windowMs, entryMs + windowMs);
  if (window.length === 0) return { score: null, explanation: `no regular-hours bars within ${ENTRY_WINDOW_MIN} min of the entry` };
  return scoreEntryWindow({ entry: underlyingEntry.value, window, bullish: context.direction === 'bullish', what: 'underlying' });
}

export type EntryWindowInput = {
  readonly entry: number;
  /** The bars ENTRY_WINDOW_MIN either side of the entry. */
  readonly window: readonly Bar[];
  /** A lower price in the window was the better entry (a bullish trade on the underlying, a buyer on the premium). */
  readonly bullish: boolean;
  /** What the price is: "underlying", or "premium". */
  readonly what: string;
};

/** The entry_regret formula on any price: where the entry sat in the window's range, 0 at its best price. */
export function scoreEntryWindow(input: EntryWindowInput): RegretResult {
  const { entry, window } = input;
  let low = entry;
  let high = entry;
  for (const bar of window) {
    if (bar.low < low) low = bar.low;
    if (bar.high > high) high = bar.high;
  }
  const range = high - low;
  const first = window[0];
  const last = window[window.length - 1];
  const span = first !== undefined && last !== undefined ? `the ${hhmm(first.time)}–${hhmm(last.time)} ET (±${minutes(ENTRY_WINDOW_MIN)}) window` : `the ±${minutes(ENTRY_WINDOW_MIN)} window`;
  if (!(range > 0)) return { score: 0, explanation: `entry ${price(entry)} in a flat ${span} (no better price) → 0.00` };
  const side = input.what === 'underlying' ? (input.bullish ? 'bullish' : 'bearish') : input.bullish ? 'buy' : 'sale';
  if (input.bullish) {
    const raw = (entry - low) / range;
    return { score: roundScore(raw), explanation: `${side} entry at ${input.what} ${price(entry)} is ${price(entry - low)} above ${span} low ${price(low)}, of a ${price(range)} range (high ${price(high)}): ${price(entry - low)} / ${price(range)} → ${score(raw)}` };
  }
  const raw = (high - entry) / range;
  return { score: roundScore(raw), explanation: `${side} entry at ${input.what} ${price(entry)} is ${price(high - entry)} below ${span} high ${price(high)}, of a ${price(range)} range (low ${price(low)}): ${price(high - entry)} / ${price(range)} → ${score(raw)}` };
}

