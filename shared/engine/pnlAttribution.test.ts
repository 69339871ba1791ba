import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tradeRecordSchema, type TradeRecordInput } from '../domain/trade.ts';
import { blackScholes, type Years } from '../market/blackScholes.ts';
import { timeToExpiryYears } from '../market/timeToExpiry.ts';
import { applyOverride, assessTrade } from './assessTrade.ts';
import { attributePnl, IV_CRUSH_FLAG } from './pnlAttribution.ts';

const DAY = '2025-06-11';
const at = (clock: string): number => Date.parse(`${DAY}T${clock}:00-04:00`);
const trade = (fields: Partial<TradeRecordInput>) =>
  tradeRecordSchema.parse({
    id: 'T1',
    symbol: 'SPY',
    expiry: DAY,
    right: 'C',
    strike: 600,
    side: 'long',
    qty: 1,
    entry_time: `${DAY}T12:00:00-04:00`,
    exit_time: `${DAY}T12:30:00-04:00`,
    entry_price: 1,
    exit_price: 1,
    ...fields,
  });
const premium = (spot: number, clock: string, vol: number, right: 'C' | 'P' = 'C'): number =>
  Math.round(blackScholes({ spot, strike: 600, years: timeToExpiryYears(at(clock), DAY) as Years, vol, right }).price * 100) / 100;

describe('P&L attribution: the premium change split into underlying, time, volatility and residual', () => {
  it('the four parts add up to the premium change, for any trade the model can price', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'C' | 'P'>('C', 'P'),
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        fc.double({ min: 595, max: 605, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.08, max: 0.4, noNaN: true }),
        fc.double({ min: 0.08, max: 0.4, noNaN: true }),
        (right, side, s0, move, vol0, vol1) => {
          const entryPrice = premium(s0, '11:00', vol0, right);
          const exitPrice = premium(s0 + move, '13:00', vol1, right);
          const result = attributePnl({ trade: trade({ right, side, entry_time: `${DAY}T11:00:00-04:00`, exit_time: `${DAY}T13:00:00-04:00`, entry_price: entryPrice, exit_price: exitPrice }), entryMs: at('11:00'), exitMs: at('13:00'), underlyingEntry: s0, underlyingExit: s0 + move, contextIv: 0.15 });
          const parts = result.attribution;
          expect(parts).not.toBeNull();
          if (!parts) return;
          const sign = side === 'long' ? 1 : -1;
          expect(parts.premium_change).toBeCloseTo(sign * (exitPrice - entryPrice) * 100, 6);
          expect(parts.underlying + parts.time + parts.volatility + parts.residual).toBeCloseTo(parts.premium_change, 6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('with both IVs implied from the trade\'s own premiums, the model explains the change: the residual is cents at most', () => {
    const result = attributePnl({ trade: trade({ entry_price: premium(600, '12:00', 0.2), exit_price: premium(601, '12:30', 0.18) }), entryMs: at('12:00'), exitMs: at('12:30'), underlyingEntry: 600, underlyingExit: 601, contextIv: null });
    expect(result.attribution?.iv_entry).toBeCloseTo(0.2, 2);
    expect(result.attribution?.iv_exit).toBeCloseTo(0.18, 2);
    expect(Math.abs(result.attribution?.residual ?? 1)).toBeLessThanOrEqual(1);
    expect(result.attribution?.underlying).toBeGreaterThan(0);
    expect(result.attribution?.time).toBeLessThan(0);
    expect(result.attribution?.volatility).toBeLessThan(0);
  });

  it('an IV crush that turns a right-way move into a loss is flagged iv_crush, and the flag reaches the label', () => {
    // The case: a long call, the underlying up about half a point, the premium down 0.76 → 0.47.
    const entryPrice = 0.76;
    const exitPrice = 0.47;
    const result = attributePnl({ trade: trade({ entry_price: entryPrice, exit_price: exitPrice, entry_time: `${DAY}T14:00:00-04:00`, exit_time: `${DAY}T14:20:00-04:00` }), entryMs: at('14:00'), exitMs: at('14:20'), underlyingEntry: 599.9, underlyingExit: 600.38, contextIv: null });
    expect(result.ivCrush).toBe(true);
    expect(result.attribution?.underlying).toBeGreaterThan(0);
    expect(result.attribution?.volatility).toBeLessThan(-(result.attribution?.underlying ?? 0));
    expect(result.explanation).toMatch(/IV crush: the underlying moved the trade's way/);
    const record = trade({ entry_price: entryPrice, exit_price: exitPrice, entry_time: `${DAY}T14:00:00-04:00`, exit_time: `${DAY}T14:20:00-04:00`, underlying_entry: 599.9, underlying_exit: 600.38 });
    const entry = assessTrade(record, { bars: null, context: null });
    expect(entry.flags).toContain(IV_CRUSH_FLAG);
    expect(entry.explanations.final_label).toMatch(/implied volatility, not the direction \(iv_crush\)/);
    expect(applyOverride(entry, { final_label: 'poor_execution' }).flags).toContain(IV_CRUSH_FLAG);
  });

  it('a right-way move that beat the IV drop is no crush; a short gains from falling IV', () => {
    const winner = attributePnl({ trade: trade({ entry_price: premium(600, '12:00', 0.2), exit_price: premium(602, '12:30', 0.17) }), entryMs: at('12:00'), exitMs: at('12:30'), underlyingEntry: 600, underlyingExit: 602, contextIv: null });
    expect(winner.ivCrush).toBe(false);
    const short = attributePnl({ trade: trade({ side: 'short', entry_price: premium(600, '12:00', 0.2), exit_price: premium(600, '12:30', 0.15) }), entryMs: at('12:00'), exitMs: at('12:30'), underlyingEntry: 600, underlyingExit: 600, contextIv: null });
    expect(short.attribution?.volatility).toBeGreaterThan(0);
    expect(short.attribution?.time).toBeGreaterThan(0);
    expect(short.ivCrush).toBe(false);
  });

  it('null, with the reason, without the underlying price or without times of day', () => {
    expect(attributePnl({ trade: trade({}), entryMs: at('12:00'), exitMs: at('12:30'), underlyingEntry: null, underlyingExit: 600, contextIv: 0.2 })).toMatchObject({ attribution: null, explanation: 'no P&L attribution: the underlying price at entry not known' });
    expect(attributePnl({ trade: trade({}), entryMs: null, exitMs: null, underlyingEntry: 600, underlyingExit: 600, contextIv: 0.2 }).explanation).toMatch(/entry and exit times of day/);
  });

  it('an exit premium with no time value left (at the bell) keeps the entry IV and says so', () => {
    const result = attributePnl({ trade: trade({ entry_price: premium(600, '15:30', 0.2), exit_price: 0, exit_time: `${DAY}T16:00:00-04:00`, entry_time: `${DAY}T15:30:00-04:00` }), entryMs: at('15:30'), exitMs: at('16:00'), underlyingEntry: 600, underlyingExit: 599, contextIv: null });
    expect(result.attribution?.iv_exit_source).toBe('entry');
    expect(result.explanation).toMatch(/exit IV taken as the entry's/);
  });
});
