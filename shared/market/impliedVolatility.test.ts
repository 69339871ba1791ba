import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blackScholes, type Years } from './blackScholes.ts';
import { IV_MAX, IV_MAX_ITERATIONS, IV_MIN, IV_PRICE_SLACK, IV_TOLERANCE, impliedVolatility } from './impliedVolatility.ts';

const years = (value: number) => value as Years;

describe('implied volatility', () => {
  it('searches the bracket [IV_MIN, IV_MAX] = [1 %, 500 %] to IV_TOLERANCE within IV_MAX_ITERATIONS halvings', () => {
    expect(IV_MIN).toBe(0.01);
    expect(IV_MAX).toBe(5);
    expect(IV_TOLERANCE).toBe(1e-7);
    expect((IV_MAX - IV_MIN) / 2 ** IV_MAX_ITERATIONS).toBeLessThan(IV_TOLERANCE);
    expect(IV_PRICE_SLACK).toBe(1e-6);
  });

  it('round-trips: the volatility that priced a premium is recovered from it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 700, noNaN: true }),
        fc.double({ min: 0.9, max: 1.1, noNaN: true }),
        fc.double({ min: 10 / (365 * 24 * 60), max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.constantFrom('C' as const, 'P' as const),
        (spot, moneyness, time, vol, right) => {
          const strike = spot * moneyness;
          const option = { spot, strike, years: years(time), right };
          const { price, vega } = blackScholes({ ...option, vol });
          // A premium with no time value left says nothing about volatility; only invert where vega is visible.
          fc.pre(vega > 1e-3 && price > 1e-3);
          const implied = impliedVolatility({ ...option, premium: price });
          expect(implied).not.toBeNull();
          expect(blackScholes({ ...option, vol: implied ?? 0 }).price).toBeCloseTo(price, 4);
          expect(Math.abs((implied ?? 0) - vol)).toBeLessThan(1e-3);
        },
      ),
    );
  });

  it('implies a 0DTE SPY premium to a sensible volatility', () => {
    const option = { spot: 620, strike: 620, years: years(3 / (365 * 24)), right: 'C' as const };
    const premium = blackScholes({ ...option, vol: 0.14 }).price;
    expect(impliedVolatility({ ...option, premium })).toBeCloseTo(0.14, 5);
  });

  it('returns null when the premium is below intrinsic or outside the bracket', () => {
    const option = { spot: 625, strike: 620, years: years(0.01), right: 'C' as const };
    expect(impliedVolatility({ ...option, premium: 4.5 })).toBeNull(); // intrinsic is 5
    expect(impliedVolatility({ ...option, premium: 700 })).toBeNull(); // more than the underlying
    expect(impliedVolatility({ ...option, premium: Number.NaN })).toBeNull();
    expect(impliedVolatility({ ...option, years: years(0), premium: 5 })).toBeNull();
  });
});
