import { describe, expect, it } from 'vitest';
import { holderPayout, maxPain } from './maxPain.ts';
import type { ChainRow } from './optionChain.ts';

const row = (strike: number, right: 'C' | 'P', open_interest: number): ChainRow => ({ expiry: '2025-07-08', strike, right, open_interest, implied_volatility: 0.2 });

describe('max pain: the strike minimising the intrinsic value paid to holders, by open interest, ×100', () => {
  it('finds it on a small chain worked by hand', () => {
    // Calls OI: 100→10, 105→20, 110→5.   Puts OI: 100→5, 105→10, 110→40.
    // Settle 100: calls pay 0;                       puts pay 10·(105−100) + 40·(110−100) = 50 + 400 = 450
    // Settle 105: calls pay 10·(105−100) = 50;       puts pay 40·(110−105) = 200                → 250
    // Settle 110: calls pay 10·10 + 20·5 = 200;      puts pay 0                                 → 200
    // Minimum 200 at 110; in dollars 200 · 100 = 20,000.
    const chain = [row(100, 'C', 10), row(105, 'C', 20), row(110, 'C', 5), row(100, 'P', 5), row(105, 'P', 10), row(110, 'P', 40)];
    expect(maxPain(chain)).toEqual({ strike: 110, payout: 20_000 });
    expect(holderPayout(chain, 100)).toBe(45_000);
    expect(holderPayout(chain, 105)).toBe(25_000);
  });

  it('breaks a tie toward the lower strike', () => {
    // Same chain with put OI at 110 = 30: settle 105 → 50 + 30·5 = 200; settle 110 → 200; settle 100 → 50 + 300 = 350.
    const chain = [row(100, 'C', 10), row(105, 'C', 20), row(110, 'C', 5), row(100, 'P', 5), row(105, 'P', 10), row(110, 'P', 30)];
    expect(maxPain(chain)).toEqual({ strike: 105, payout: 20_000 });
  });

  it('is at the only strike when every contract is there, and null without open interest', () => {
    expect(maxPain([row(450, 'C', 3), row(450, 'P', 7)])).toEqual({ strike: 450, payout: 0 });
    expect(maxPain([row(450, 'C', 0), row(455, 'P', 0)])).toBeNull();
    expect(maxPain([])).toBeNull();
  });

  it('matches holderPayout minimised over the strikes on a lopsided chain', () => {
    // Heavy calls low and heavy puts high pull the pin to the middle.
    const chain = [row(95, 'C', 500), row(100, 'C', 50), row(105, 'C', 10), row(95, 'P', 10), row(100, 'P', 60), row(105, 'P', 400)];
    const strikes = [95, 100, 105];
    const payouts = strikes.map((strike) => holderPayout(chain, strike));
    // 95: puts 60·5 + 400·10 = 4,300 → 430,000.  100: calls 500·5 = 2,500; puts 400·5 = 2,000 → 450,000.
    // 105: calls 500·10 + 50·5 = 5,250 → 525,000. Minimum at 95.
    expect(payouts).toEqual([430_000, 450_000, 525_000]);
    expect(maxPain(chain)?.strike).toBe(95);
  });
});
