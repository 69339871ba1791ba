import { barsBetween } from '../../market/barWindow.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { minutes, price, roundScore, score } from './scoreMath.ts';

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
  if (underlyingEntry === null) return { score: null, explanation: `no underlying price at entry (no record value, no bar within 5 min)` };
  const windowMs = ENTRY_WINDOW_MIN * 60_000;
  const window = barsBetween(sessionBars, entryMs - windowMs, entryMs + windowMs);
  if (window.length === 0) return { score: null, explanation: `no regular-hours bars within ${ENTRY_WINDOW_MIN} min of the entry` };
  const entry = underlyingEntry.value;
  let low = entry;
  let high = entry;
  for (const bar of window) {
    if (bar.low < low) low = bar.low;
    if (bar.high > high) high = bar.high;
  }
  const range = high - low;
  const span = `the ±${minutes(ENTRY_WINDOW_MIN)} window`;
  if (!(range > 0)) return { score: 0, explanation: `entry ${price(entry)} in a flat ${span} (no better price) → 0.00` };
  if (context.direction === 'bullish') {
    const raw = (entry - low) / range;
    return { score: roundScore(raw), explanation: `bullish entry ${price(entry)} is ${price(entry - low)} above ${span} low ${price(low)} of a ${price(range)} range → ${score(raw)}` };
  }
  const raw = (high - entry) / range;
  return { score: roundScore(raw), explanation: `bearish entry ${price(entry)} is ${price(high - entry)} below ${span} high ${price(high)} of a ${price(range)} range → ${score(raw)}` };
}
