import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightBarStyle, weightScale } from './weightScale.ts';

describe('current-weight bars: log scale centred on 1.00', () => {
  it('weights below 0.5 are not clipped: 0.456 and 0.559 sit visibly apart', () => {
    const scale = weightScale([0.456, 0.559, 1.236]);
    expect(scale.position(0.559) - scale.position(0.456)).toBeGreaterThan(0.04);
    expect(scale.position(0.456)).toBeGreaterThan(0);
  });

  it('the range is at least ×0.5 … ×2 and widens to fit the weights, symmetric around 1.00', () => {
    expect(weightScale([0.9, 1.1])).toMatchObject({ min: 0.5, max: 2 });
    const wide = weightScale([0.3, 1.2]);
    expect(wide.min).toBeLessThanOrEqual(0.3);
    expect(wide.min * wide.max).toBeCloseTo(1, 10);
    expect(wide.position(1)).toBe(0.5);
  });

  it('halving and doubling draw bars of the same length', () => {
    const scale = weightScale([0.5, 2]);
    expect(weightBarStyle(0.5, scale).width).toBe(weightBarStyle(2, scale).width);
  });

  it('ticks are labelled and include 1.00', () => {
    const scale = weightScale([0.456, 1.236]);
    expect(scale.ticks.map((tick) => tick.label)).toEqual(['0.5', '1.00', '2']);
    expect(weightScale([1 / 40, 30]).ticks.length).toBeLessThanOrEqual(5);
  });

  it('every weight is placed inside the bar, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 100, noNaN: true }), { minLength: 2, maxLength: 8 }), (weights) => {
        const scale = weightScale(weights);
        const sorted = [...weights].sort((a, b) => a - b);
        const positions = sorted.map(scale.position);
        for (const position of positions) expect(position).toBeGreaterThanOrEqual(0);
        for (const position of positions) expect(position).toBeLessThanOrEqual(1);
        for (let i = 1; i < positions.length; i += 1) expect(positions[i]!).toBeGreaterThanOrEqual(positions[i - 1]!);
      }),
    );
  });
});
