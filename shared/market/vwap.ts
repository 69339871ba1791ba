import type { Bar } from '../domain/market.ts';
import { upperBound } from './barWindow.ts';

/** The price a bar's volume is credited at: the typical price (high + low + close) / 3. */
export function typicalPrice(bar: Bar): number {
  return (bar.high + bar.low + bar.close) / 3;
}

/**
 * Running session VWAP after each bar: Σ typical·volume / Σ volume over the bars so far. Pass the session's
 * regular-hours bars only (see sessionLevels.regularSessionBars). Null until some volume has traded, so a
 * volume-less file never yields a made-up VWAP.
 */
export function vwapSeries(sessionBars: readonly Bar[]): (number | null)[] {
  const series: (number | null)[] = [];
  let priceVolume = 0;
  let volume = 0;
  for (const bar of sessionBars) {
    priceVolume += typicalPrice(bar) * bar.volume;
    volume += bar.volume;
    series.push(volume > 0 ? priceVolume / volume : null);
  }
  return series;
}

/** Session VWAP cumulative up to and including the bar of the minute containing `ms`; null before any volume. */
export function vwapAt(sessionBars: readonly Bar[], ms: number): number | null {
  const end = upperBound(sessionBars, ms);
  let priceVolume = 0;
  let volume = 0;
  for (let index = 0; index < end; index += 1) {
    const bar = sessionBars[index];
    if (bar === undefined) continue;
    priceVolume += typicalPrice(bar) * bar.volume;
    volume += bar.volume;
  }
  return volume > 0 ? priceVolume / volume : null;
}
