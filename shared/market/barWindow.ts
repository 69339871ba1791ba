import type { Bar } from '../domain/market.ts';

/** One bar covers the minute that starts at its `time`. */
export const BAR_MS = 60_000;

/**
 * How far back `barAt` may reach for the last traded minute when the asked minute has no bar: 5 minutes.
 * A data gap is skipped (the last real price stands), never filled with a zero price; beyond this
 * tolerance the price is called unknown.
 */
export const BAR_AT_TOLERANCE_MS = 5 * BAR_MS;

/** Index of the first bar whose time is ≥ ms (bars.length when none): binary search, O(log n). */
export function lowerBound(bars: readonly Bar[], ms: number): number {
  let low = 0;
  let high = bars.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const bar = bars[mid];
    if (bar !== undefined && bar.time < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first bar whose time is > ms. */
export function upperBound(bars: readonly Bar[], ms: number): number {
  return lowerBound(bars, Math.floor(ms) + 1);
}

/** The bars whose minute starts in [fromMs, toMs], both ends included. */
export function barsBetween(bars: readonly Bar[], fromMs: number, toMs: number): readonly Bar[] {
  if (!(toMs >= fromMs)) return [];
  return bars.slice(lowerBound(bars, fromMs), upperBound(bars, toMs));
}

/**
 * The bar of the minute containing `ms`, or else the last bar before it that started within `toleranceMs`;
 * null when there is none (a gap longer than the tolerance, or before the first bar).
 */
export function barAt(bars: readonly Bar[], ms: number, toleranceMs: number = BAR_AT_TOLERANCE_MS): Bar | null {
  const index = upperBound(bars, ms) - 1;
  const bar = bars[index];
  if (bar === undefined) return null;
  if (ms - bar.time < BAR_MS) return bar;
  return ms - bar.time <= toleranceMs ? bar : null;
}
