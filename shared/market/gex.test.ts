import { describe, expect, it } from 'vitest';
import { sessionDay } from './calendar.ts';
import { callWall, gammaFlip, gexByStrike, modelGamma, netGexAt, putWall, yearsToExpiry } from './gex.ts';
import type { ChainRow } from './optionChain.ts';

const EXPIRY = '2025-07-18';
const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Priced exactly 0.1 year (36.5 days) before the expiry's 16:00 ET close. */
const PRICING = { asOfMs: sessionDay(EXPIRY).closeMs - 0.1 * YEAR_MS };

const contract = (strike: number, right: 'C' | 'P', open_interest: number, extra: Partial<ChainRow> = {}): ChainRow => ({
  expiry: EXPIRY,
  strike,
  right,
  open_interest,
  implied_volatility: 0.2,
  ...extra,
});

describe('GEX per strike, dealers long calls and short puts', () => {
  // Spot 100, so S² · 0.01 = 100.
  // Call 100: +0.05 · 10 OI · 100 · 100 = +5,000 dollars per 1 % move.
  // Put   95: −0.03 · 20 OI · 100 · 100 = −6,000.
  // Call 105: +0.02 · 50 OI · 100 · 100 = +10,000.
  // Put  100: −0.01 · 10 OI · 100 · 100 = −1,000 (same strike as the call 100: net +4,000).
  const chain = [
    contract(100, 'C', 10, { gamma: 0.05 }),
    contract(95, 'P', 20, { gamma: 0.03 }),
    contract(105, 'C', 50, { gamma: 0.02 }),
    contract(100, 'P', 10, { gamma: 0.01 }),
  ];
  const profile = gexByStrike(chain, 100, PRICING);

  it('signs calls positive and puts negative, scaled by OI · 100 · S² · 1 %', () => {
    const values = profile.strikes.map(({ strike, call_gex, put_gex, net_gex }) => [strike, call_gex, put_gex, net_gex].map((value) => Math.round(value)));
    expect(values).toEqual([
      [95, 0, -6000, -6000],
      [100, 5000, -1000, 4000],
      [105, 10000, 0, 10000],
    ]);
    expect(profile.skipped).toBe(0);
  });

  it('puts the call wall at the largest call GEX and the put wall at the most negative put GEX', () => {
    expect(callWall(profile)).toBe(105);
    expect(putWall(profile)).toBe(95);
    expect(callWall(gexByStrike([contract(95, 'P', 20, { gamma: 0.03 })], 100, PRICING))).toBeNull();
  });

  it('computes gamma by Black–Scholes when the file has none, and skips contracts with neither', () => {
    // ATM, σ = 0.2, T = 0.1, r = 0: d1 = σ√T/2 = 0.0316…, Γ = n(d1)/(S σ √T) = 0.39875/(100 · 0.063246) = 0.063047.
    const gamma = modelGamma(contract(100, 'C', 1), 100, PRICING);
    expect(gamma).toBeCloseTo(0.063047, 5);
    const computed = gexByStrike([contract(100, 'C', 1), contract(110, 'C', 5, { implied_volatility: null })], 100, PRICING);
    expect(computed.strikes[0]?.call_gex).toBeCloseTo(0.063047 * 1 * 100 * 100, 1);
    expect(computed.skipped).toBe(1);
  });

  it('gives an expired contract no gamma', () => {
    expect(yearsToExpiry(EXPIRY, sessionDay(EXPIRY).closeMs + 60_000)).toBeLessThan(0);
    expect(modelGamma(contract(100, 'C', 1), 100, { asOfMs: sessionDay(EXPIRY).closeMs + 60_000 })).toBe(0);
  });
});

describe('gamma flip: where re-priced net GEX changes sign', () => {
  it('finds the flip of a chain built so it is known', () => {
    // A put at 90 and a call at 110, same OI, σ and T, r = 0. BS gamma is n(d1)/(S σ √T), so the net GEX
    // OI·100·S²·1 %·[Γ(S,110) − Γ(S,90)] is zero where d1(110) = −d1(90):
    //   ln(S/110) + σ²T/2 = −ln(S/90) − σ²T/2  ⇒  S = √(90 · 110) · e^(−σ²T/2) = 99.4987 · e^(−0.002) = 99.3000.
    // Below it the nearer put dominates (negative), above it the call (positive).
    const chain = [contract(90, 'P', 1000), contract(110, 'C', 1000)];
    const expected = Math.sqrt(90 * 110) * Math.exp(-(0.2 * 0.2 * 0.1) / 2);
    expect(expected).toBeCloseTo(99.3, 3);
    expect(netGexAt(chain, 98, PRICING)).toBeLessThan(0);
    expect(netGexAt(chain, 101, PRICING)).toBeGreaterThan(0);
    expect(gammaFlip(chain, 100, PRICING)).toBeCloseTo(expected, 2);
  });

  it('is null when net GEX keeps one sign', () => {
    expect(gammaFlip([contract(100, 'C', 1000), contract(105, 'C', 10)], 100, PRICING)).toBeNull();
    expect(gammaFlip([contract(100, 'C', 1000, { implied_volatility: null })], 100, PRICING)).toBeNull();
  });

  it('takes the crossing nearest spot when there are several', () => {
    // Puts at 92 and 108 around a call at 100: negative far below, positive near 100, negative far above.
    const chain = [contract(92, 'P', 1000), contract(100, 'C', 1000), contract(108, 'P', 1000)];
    const flip = gammaFlip(chain, 102, PRICING);
    expect(flip).not.toBeNull();
    // By symmetry the two crossings sit about equally far from 100; spot 102 is nearer the upper one.
    expect(flip ?? 0).toBeGreaterThan(100);
    expect(netGexAt(chain, (flip ?? 0) - 0.5, PRICING)).toBeGreaterThan(0);
    expect(netGexAt(chain, (flip ?? 0) + 0.5, PRICING)).toBeLessThan(0);
  });
});
