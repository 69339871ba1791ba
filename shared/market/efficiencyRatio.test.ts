import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { efficiencyRatio } from './efficiencyRatio.ts';

describe('Kaufman efficiency ratio', () => {
  it('is 1 for a straight line and small for chop', () => {
    expect(efficiencyRatio([1, 2, 3, 4, 5])).toBe(1);
    expect(efficiencyRatio([5, 4, 3])).toBe(1);
    expect(efficiencyRatio([1, 2, 1, 2, 1, 2])).toBeCloseTo(1 / 5, 9);
    expect(efficiencyRatio([1, 2, 1, 2, 1, 2, 1])).toBe(0);
    expect(efficiencyRatio([10, 11, 10.5, 11.5])).toBeCloseTo(1.5 / 2.5, 9);
  });

  it('counts a flat run as 0 and needs two closes', () => {
    expect(efficiencyRatio([3, 3, 3])).toBe(0);
    expect(efficiencyRatio([3])).toBeNull();
    expect(efficiencyRatio([])).toBeNull();
  });

  it('stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 2, maxLength: 50 }), (closes) => {
        const value = efficiencyRatio(closes) ?? -1;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }),
    );
  });
});
