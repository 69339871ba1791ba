import { describe, expect, it } from 'vitest';
import { PRICE_TICK, SCORE_DECIMALS, clamp01, fixed2, percent, roundScore, score } from './scoreMath.ts';

describe('score arithmetic', () => {
  it(`rounds scores to SCORE_DECIMALS = ${SCORE_DECIMALS} decimals inside [0, 1], and quotes them the same way`, () => {
    expect(SCORE_DECIMALS).toBe(2);
    expect(roundScore(0.676)).toBe(0.68);
    expect(roundScore(1.7)).toBe(1);
    expect(roundScore(-0.2)).toBe(0);
    expect(score(0.825000000001)).toBe('0.83');
    expect(fixed2(0.825000000001)).toBe('0.83');
    expect(fixed2(-0.001)).toBe('0.00');
    expect(percent(0.1089)).toBe('10.9%');
  });

  it('never lets a NaN or an infinity through', () => {
    expect(clamp01(Number.NaN)).toBe(0);
    expect(clamp01(Number.POSITIVE_INFINITY)).toBe(1);
    expect(clamp01(Number.NEGATIVE_INFINITY)).toBe(0);
  });

  it(`floors price ranges at PRICE_TICK = ${PRICE_TICK}`, () => {
    expect(PRICE_TICK).toBe(0.01);
  });
});
