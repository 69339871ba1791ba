import { describe, expect, it } from 'vitest';
import { expectedMove } from './expectedMove.ts';
import { minutesToYears, msToYears } from './timeToExpiry.ts';

describe('expected move', () => {
  it('is S · σ · √T on the one calendar clock', () => {
    expect(expectedMove(600, 0.2, msToYears(365 * 24 * 3600_000))).toBeCloseTo(120, 9);
    // SPY 620 at 15 % IV over one day: 620 · 0.15 · √(1/365) ≈ 4.87
    expect(expectedMove(620, 0.15, minutesToYears(24 * 60))).toBeCloseTo(4.8679, 3);
  });

  it('is 0, never NaN, for non-positive inputs', () => {
    expect(expectedMove(600, 0, minutesToYears(10))).toBe(0);
    expect(expectedMove(600, 0.2, minutesToYears(-10))).toBe(0);
    expect(expectedMove(Number.NaN, 0.2, minutesToYears(10))).toBe(0);
  });
});
