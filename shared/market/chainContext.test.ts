import { describe, expect, it } from 'vitest';
import { dayContextSchema } from '../domain/market.ts';
import { analyzeChain, atmImpliedVolatility, chainToDayContext, pickExpiry } from './chainContext.ts';
import type { ChainRow, ChainSnapshot } from './optionChain.ts';

const row = (expiry: string, strike: number, right: 'C' | 'P', open_interest: number, implied_volatility: number | null = 0.2): ChainRow => ({
  expiry,
  strike,
  right,
  open_interest,
  implied_volatility,
});

/** Two expiries: the snapshot day (0DTE) and the next day, with a put-heavy low side and a call-heavy high side. */
const rows: ChainRow[] = [
  ...[440, 445, 450, 455, 460].flatMap((strike) => [
    row('2025-07-08', strike, 'C', strike >= 450 ? 2000 : 100, strike === 450 ? 0.16 : 0.18),
    row('2025-07-08', strike, 'P', strike <= 450 ? 2000 : 100, strike === 450 ? 0.18 : 0.2),
  ]),
  row('2025-07-09', 450, 'C', 10),
  row('2025-07-09', 450, 'P', 10),
];
const snapshot: ChainSnapshot = { file: 'spy-chain.csv', symbol: 'SPY', date: '2025-07-08', spot: 451, taken_at: null, rows };

describe('day context from an option chain', () => {
  it('uses the 0DTE expiry when the chain has it, else the nearest later one', () => {
    expect(pickExpiry(rows, '2025-07-08')).toBe('2025-07-08');
    expect(pickExpiry(rows, '2025-07-09')).toBe('2025-07-09');
    expect(pickExpiry(rows, '2025-07-05')).toBe('2025-07-08');
    expect(pickExpiry(rows, '2025-07-20')).toBe('2025-07-09');
    expect(pickExpiry(rows, '2025-07-08', '2025-07-09')).toBe('2025-07-09');
    expect(pickExpiry(rows, '2025-07-08', '2025-08-01')).toBeNull();
  });

  it('takes ATM IV from the strike nearest spot: the mean of its call and put IV', () => {
    // Spot 451: strike 450 is nearest, (0.16 + 0.18) / 2 = 0.17.
    expect(atmImpliedVolatility(rows.filter((r) => r.expiry === '2025-07-08'), 451)).toBeCloseTo(0.17, 10);
    expect(atmImpliedVolatility([row('2025-07-08', 450, 'C', 1, null), row('2025-07-08', 455, 'C', 1, 0.3)], 451)).toBe(0.3);
  });

  it('fills max pain, flip, walls, ATM IV and names the file as the source', () => {
    const context = chainToDayContext(snapshot);
    expect(dayContextSchema.parse(context)).toEqual(context);
    // Max pain by hand (0DTE only): settle 450 pays calls 100·10 + 100·5 = 1,500 and puts 100·5 + 100·10 = 1,500
    // → 3,000; settle 445 pays calls 100·5 = 500 and puts 2000·5 + 100·10 + 100·15 = 12,500 → 13,000. 450 wins.
    expect(context.max_pain).toBe(450);
    expect(context.atm_iv).toBeCloseTo(0.17, 10);
    expect([440, 445, 450, 455, 460]).toContain(context.call_wall);
    expect([440, 445, 450, 455, 460]).toContain(context.put_wall);
    expect(context.gex_flip).toBeGreaterThan(440);
    expect(context.gex_flip).toBeLessThan(460);
    expect(context.source).toBe('chain spy-chain.csv, expiry 2025-07-08');
  });

  it('says why GEX is missing when the snapshot has no spot', () => {
    const context = chainToDayContext({ ...snapshot, spot: null });
    expect(context.max_pain).toBe(450);
    expect(context.gex_flip).toBeUndefined();
    expect(context.call_wall).toBeUndefined();
    expect(context.source).toMatch(/no spot price/);
    expect(analyzeChain({ ...snapshot, spot: null })?.gex).toBeNull();
  });

  it('says so when the requested expiry is not in the chain', () => {
    const context = chainToDayContext(snapshot, { expiry: '2025-08-01' });
    expect(context.max_pain).toBeUndefined();
    expect(context.source).toMatch(/expiry 2025-08-01 not in the chain/);
  });
});
