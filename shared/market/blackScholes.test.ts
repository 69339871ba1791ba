import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blackScholes, intrinsicValue, normalCdf, normalPdf, type Years } from './blackScholes.ts';

const years = (value: number) => value as Years;

describe('Black–Scholes', () => {
  it('N(x) matches the standard normal table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
    expect(normalPdf(0)).toBeCloseTo(0.3989423, 6);
    // relative precision in the far tail (deep out-of-the-money premiums)
    expect(normalCdf(-6) / 9.865876e-10).toBeCloseTo(1, 4);
  });

  it('gives the textbook values (Hull, Options Futures and Other Derivatives, example 15.6)', () => {
    const input = { spot: 42, strike: 40, years: years(0.5), vol: 0.2, rate: 0.1 };
    expect(blackScholes({ ...input, right: 'C' }).price).toBeCloseTo(4.76, 2);
    expect(blackScholes({ ...input, right: 'P' }).price).toBeCloseTo(0.81, 2);
    const atm = { spot: 100, strike: 100, years: years(1), vol: 0.2, rate: 0.05 };
    expect(blackScholes({ ...atm, right: 'C' }).price).toBeCloseTo(10.4506, 4);
    expect(blackScholes({ ...atm, right: 'P' }).price).toBeCloseTo(5.5735, 4);
    expect(blackScholes({ ...atm, right: 'C' }).delta).toBeCloseTo(0.6368, 4);
  });

  it('defaults the rate and dividend yield to 0', () => {
    const call = blackScholes({ spot: 100, strike: 100, years: years(1), vol: 0.2, right: 'C' });
    expect(call.price).toBeCloseTo(7.9656, 4); // 100 · (2N(0.1) − 1)
  });

  it('satisfies put–call parity C − P = S·e^(−qT) − K·e^(−rT)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 800, noNaN: true }),
        fc.double({ min: 0.8, max: 1.2, noNaN: true }),
        fc.double({ min: 1e-5, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        fc.double({ min: 0, max: 0.08, noNaN: true }),
        fc.double({ min: 0, max: 0.04, noNaN: true }),
        (spot, moneyness, time, vol, rate, dividendYield) => {
          const base = { spot, strike: spot * moneyness, years: years(time), vol, rate, dividendYield };
          const call = blackScholes({ ...base, right: 'C' });
          const put = blackScholes({ ...base, right: 'P' });
          const parity = spot * Math.exp(-dividendYield * time) - base.strike * Math.exp(-rate * time);
          expect(call.price - put.price).toBeCloseTo(parity, 5);
          expect(call.delta - put.delta).toBeCloseTo(Math.exp(-dividendYield * time), 6);
        },
      ),
    );
  });

  it('delta, gamma and theta agree with finite differences of the price', () => {
    const base = { spot: 620, strike: 622, years: years(3 / (365 * 24)), vol: 0.15, right: 'C' as const };
    const at = blackScholes(base);
    const h = 0.01;
    const up = blackScholes({ ...base, spot: base.spot + h }).price;
    const down = blackScholes({ ...base, spot: base.spot - h }).price;
    expect(at.delta).toBeCloseTo((up - down) / (2 * h), 4);
    expect(at.gamma).toBeCloseTo((up - 2 * at.price + down) / (h * h), 2);
    const dt = 1e-7;
    const later = blackScholes({ ...base, years: years(base.years - dt) }).price;
    expect(at.theta / ((later - at.price) / dt)).toBeCloseTo(1, 2);
    expect(at.theta).toBeLessThan(0);
  });

  it('is worth its intrinsic value with no time or no volatility left, never NaN', () => {
    expect(blackScholes({ spot: 625, strike: 620, years: years(0), vol: 0.2, right: 'C' })).toEqual({ price: 5, delta: 1, gamma: 0, theta: 0, vega: 0 });
    expect(blackScholes({ spot: 615, strike: 620, years: years(1), vol: 0, right: 'P' }).price).toBe(5);
    expect(blackScholes({ spot: 615, strike: 620, years: years(0), vol: 0.2, right: 'C' }).price).toBe(0);
    expect(intrinsicValue(615, 620, 'P')).toBe(5);
    expect(intrinsicValue(615, 620, 'C')).toBe(0);
  });
});
