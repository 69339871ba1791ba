import { describe, expect, it } from 'vitest';
import type { Bar } from '../domain/market.ts';
import { typicalPrice, vwapAt, vwapSeries } from './vwap.ts';

const bar = (minute: number, high: number, low: number, close: number, volume: number): Bar => ({ time: minute * 60_000, open: close, high, low, close, volume, extended: false });

describe('session VWAP', () => {
  const bars = [bar(0, 12, 9, 9, 100), bar(1, 13, 10, 13, 300), bar(3, 12, 12, 12, 0)];

  it('weights the typical price (high + low + close) / 3 by volume, cumulatively', () => {
    expect(typicalPrice(bars[0] as Bar)).toBe(10);
    expect(vwapSeries(bars)).toEqual([10, (10 * 100 + 12 * 300) / 400, (10 * 100 + 12 * 300) / 400]);
  });

  it('is cumulative up to a time, including the bar of that minute and skipping missing minutes', () => {
    expect(vwapAt(bars, 0)).toBe(10);
    expect(vwapAt(bars, 30_000)).toBe(10);
    expect(vwapAt(bars, 2 * 60_000)).toBe(11.5);
    expect(vwapAt(bars, -1)).toBeNull();
  });

  it('is null until volume has traded, never a made-up price', () => {
    expect(vwapSeries([bar(0, 2, 1, 1.5, 0)])).toEqual([null]);
    expect(vwapAt([bar(0, 2, 1, 1.5, 0)], 0)).toBeNull();
  });
});
