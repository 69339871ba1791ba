import { describe, expect, it } from 'vitest';
import { combineLegs, legOfTrade } from '../domain/multiLeg.ts';
import type { TradeRecord } from '../domain/trade.ts';
import { blackScholes } from '../market/blackScholes.ts';
import { minutesToYears } from '../market/timeToExpiry.ts';
import { assessTrade } from './assessTrade.ts';
import { attributeMultiLegPnl, netTimeValue, positionDirection, pricingTrade, weightedLegs } from './multiLegPosition.ts';
import { etMs, makeContext, makeTrade, pathBars } from './regret/testkit.ts';

const DAY = '2025-07-08';
const SPOT = 620;
const VOL = 0.2;
const entryMs = etMs(DAY, '10:00');
const minutesLeft = 6 * 60;

/** A leg priced by Black–Scholes at the entry (6 h to the close) and at 10:30 with the spot at `exitSpot`. */
function pricedLeg(id: string, strike: number, right: 'C' | 'P', side: 'long' | 'short', exitSpot = SPOT, qty = 1): TradeRecord {
  const at = (spot: number, minutes: number) => Math.round(blackScholes({ spot, strike, right, vol: VOL, years: minutesToYears(minutes) }).price * 100) / 100;
  return makeTrade({ id, strike, right, side, qty, fees: 0, entry_price: at(SPOT, minutesLeft), exit_price: at(exitSpot, minutesLeft - 30) });
}

const spread = (...legs: TradeRecord[]): TradeRecord => combineLegs(legs.map(legOfTrade));

describe('a multi-leg trade is scored as one position', () => {
  it('a bull put credit spread is bullish: its direction is the sign of its net delta, not of a put bought', () => {
    const bullPut = spread(pricedLeg('S619', 619, 'P', 'short'), pricedLeg('L617', 617, 'P', 'long'));
    expect(bullPut.side).toBe('short');
    const net = positionDirection(bullPut, entryMs, SPOT, VOL);
    expect(net.delta).toBeGreaterThan(0);
    expect(net.direction).toBe('bullish');
    expect(net.explanation).toContain('net delta');
  });

  it('a bear call debit spread (long the lower call… sold) is bearish; a long call vertical bullish', () => {
    expect(positionDirection(spread(pricedLeg('S620', 620, 'C', 'short'), pricedLeg('L625', 625, 'C', 'long')), entryMs, SPOT, VOL).direction).toBe('bearish');
    expect(positionDirection(spread(pricedLeg('L620', 620, 'C', 'long'), pricedLeg('S625', 625, 'C', 'short')), entryMs, SPOT, VOL).direction).toBe('bullish');
  });

  it('without the spot or IV the direction is that of the leg that carries the position', () => {
    const bullPut = spread(pricedLeg('S619', 619, 'P', 'short'), pricedLeg('L617', 617, 'P', 'long'));
    expect(positionDirection(bullPut, entryMs, null, null)).toMatchObject({ direction: 'bullish', explanation: expect.stringContaining('carries the position') });
  });

  it('the IV of a multi-leg trade is priced from the leg that carries it, not from the net premium', () => {
    const bullPut = spread(pricedLeg('S619', 619, 'P', 'short'), pricedLeg('L617', 617, 'P', 'long'));
    const pricing = pricingTrade(bullPut);
    expect(pricing).toMatchObject({ strike: 619, right: 'P', side: 'short' });
    expect(pricing.entry_price).toBeGreaterThan(bullPut.entry_price);
  });

  it("a position's net time value is the legs' time values with their signs and ratios", () => {
    const condor = spread(pricedLeg('SP', 618, 'P', 'short'), pricedLeg('LP', 615, 'P', 'long'), pricedLeg('SC', 622, 'C', 'short'), pricedLeg('LC', 625, 'C', 'long'));
    expect(condor.strategy).toBe('iron_condor');
    const legs = weightedLegs(condor, entryMs);
    const byHand = [618, 615, 622, 625].reduce((total, strike, index) => {
      const right = strike < SPOT ? 'P' : 'C';
      const value = blackScholes({ spot: SPOT, strike, right, vol: VOL, years: minutesToYears(minutesLeft) }).price;
      return total + (index % 2 === 0 ? -1 : 1) * value;
    }, 0);
    expect(netTimeValue(legs, SPOT, VOL, 0)).toBeCloseTo(byHand, 9);
    expect(netTimeValue(legs, SPOT, VOL, 0)).toBeLessThan(0); // sold more time value than bought
  });

  it("an iron condor sold is a seller's decay; a long straddle a buyer's, with its net time value in the explanation", () => {
    const bars = pathBars(DAY, '09:30', [[0, SPOT], [389, SPOT]], 0.02);
    const market = { bars, context: makeContext({ atm_iv: VOL }) };
    const condor = spread(pricedLeg('SP', 618, 'P', 'short'), pricedLeg('LP', 615, 'P', 'long'), pricedLeg('SC', 622, 'C', 'short'), pricedLeg('LC', 625, 'C', 'long'));
    const straddle = spread(pricedLeg('C', 620, 'C', 'long'), pricedLeg('P', 620, 'P', 'long'));
    const sold = assessTrade(condor, market);
    const bought = assessTrade(straddle, market);
    expect(sold.explanations.decay_regret).toContain('short: sold');
    expect(sold.explanations.decay_regret).toContain('iron_condor net premium');
    expect(bought.explanations.decay_regret).toContain('bought');
    expect(bought.trade.strategy).toBe('straddle');
    expect(sold.decay_regret).not.toBeNull();
    expect(bought.decay_regret).not.toBeNull();
  });

  it("a multi-leg trade's P&L split is the sum of its legs' own splits and adds up to the premium change", () => {
    const legs = [pricedLeg('L620', 620, 'C', 'long', 623, 2), pricedLeg('S625', 625, 'C', 'short', 623, 2)];
    const vertical = spread(...legs);
    const input = { trade: vertical, entryMs, exitMs: entryMs + 30 * 60_000, underlyingEntry: SPOT, underlyingExit: 623, contextIv: VOL };
    const result = attributeMultiLegPnl(input);
    const attribution = result.attribution;
    expect(attribution).not.toBeNull();
    if (!attribution) return;
    const gross = legs.reduce((total, leg) => total + (leg.side === 'long' ? 1 : -1) * (leg.exit_price - leg.entry_price) * leg.qty * 100, 0);
    expect(attribution.premium_change).toBeCloseTo(gross, 2);
    expect(attribution.underlying + attribution.time + attribution.volatility + attribution.residual).toBeCloseTo(attribution.premium_change, 1);
    expect(attribution.underlying).toBeGreaterThan(0);
    expect(result.explanation).toContain("the 2 legs' own splits");
  });

  it('the engine line of a spread keeps its legs and strategy, and its pnl is the legs\' sum', () => {
    const vertical = spread(pricedLeg('L620', 620, 'C', 'long', 623), pricedLeg('S625', 625, 'C', 'short', 623));
    const entry = assessTrade(vertical, { bars: pathBars(DAY, '09:30', [[0, SPOT], [30, SPOT], [60, 623], [389, 623]]), context: null });
    expect(entry.trade.strategy).toBe('vertical');
    expect(entry.trade.legs).toHaveLength(2);
    expect(entry.pnl).toBeCloseTo((vertical.legs ?? []).reduce((total, leg) => total + leg.pnl, 0), 9);
    expect(entry.direction).toBe('bullish');
  });
});
