import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../domain/market.ts';
import { BAR_AT_TOLERANCE_MS, BAR_MS, barAt, barsBetween, lowerBound, upperBound } from './barWindow.ts';

const bar = (minute: number, close = 100 + minute): Bar => ({ time: minute * BAR_MS, open: close, high: close, low: close, close, volume: 1, extended: false });

describe('bar window', () => {
  it('lowerBound finds the first bar at or after a time, as a linear scan would', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 60 }), fc.integer({ min: -10, max: 510 }), (minutes, probe) => {
        const bars = [...minutes].sort((a, b) => a - b).map((minute) => bar(minute));
        const ms = probe * BAR_MS;
        const scan = bars.findIndex((candidate) => candidate.time >= ms);
        expect(lowerBound(bars, ms)).toBe(scan === -1 ? bars.length : scan);
        const after = bars.findIndex((candidate) => candidate.time > ms);
        expect(upperBound(bars, ms)).toBe(after === -1 ? bars.length : after);
      }),
    );
  });

  it('barsBetween returns the bars whose minute starts in [from, to]', () => {
    const bars = [0, 1, 2, 5, 6].map((minute) => bar(minute));
    expect(barsBetween(bars, BAR_MS, 5 * BAR_MS).map((item) => item.time / BAR_MS)).toEqual([1, 2, 5]);
    expect(barsBetween(bars, 3 * BAR_MS, 4 * BAR_MS)).toEqual([]);
    expect(barsBetween(bars, 5 * BAR_MS, BAR_MS)).toEqual([]);
  });

  it('barAt gives the bar of the minute, else the last one before within BAR_AT_TOLERANCE_MS (5 min): a gap is skipped, never a zero price', () => {
    expect(BAR_MS).toBe(60_000);
    expect(BAR_AT_TOLERANCE_MS).toBe(5 * 60_000);
    const bars = [0, 1, 2, 10].map((minute) => bar(minute));
    expect(barAt(bars, 1.5 * BAR_MS)?.time).toBe(BAR_MS);
    expect(barAt(bars, 5 * BAR_MS)?.close).toBe(102); // minutes 3–9 missing: the last real price stands
    expect(barAt(bars, 7.5 * BAR_MS)).toBeNull(); // beyond the tolerance: unknown
    expect(barAt(bars, -BAR_MS)).toBeNull();
    expect(barAt(bars, 10 * BAR_MS + 59_999)?.time).toBe(10 * BAR_MS);
  });
});
