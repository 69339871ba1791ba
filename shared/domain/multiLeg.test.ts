import { describe, expect, it } from 'vitest';
import { applyLegChoices, combineLegs, groupingProblem, groupTrades, LEG_ID_SEPARATOR, legIdsOf, legOfTrade, splitTrade } from './multiLeg.ts';
import { realizedPnl, tradeRecordSchema, type TradeLeg, type TradeRecord } from './trade.ts';

const single = (id: string, fields: Partial<TradeRecord>): TradeRecord =>
  tradeRecordSchema.parse({
    id,
    symbol: 'SPY',
    expiry: '2025-06-12',
    right: 'C',
    strike: 540,
    side: 'long',
    qty: 1,
    entry_time: '2025-06-12T10:00:00-04:00',
    exit_time: '2025-06-12T11:00:00-04:00',
    entry_price: 1,
    exit_price: 1,
    fees: 0,
    ...fields,
  });

const leg = (trade: TradeRecord): TradeLeg => legOfTrade(trade);

describe('combineLegs', () => {
  // Long 530C at 3.00, short 540C at 1.00, 2 each; closed at 4.10 and 1.60; 1.30 fees a leg.
  const long530 = single('L530', { strike: 530, qty: 2, entry_price: 3, exit_price: 4.1, fees: 1.3 });
  const short540 = single('S540', { strike: 540, side: 'short', qty: 2, entry_price: 1, exit_price: 1.6, fees: 1.3, exit_time: '2025-06-12T11:30:00-04:00' });

  it('a debit spread: net premium per spread as the prices, side long, qty the spreads, the legs pnl as its pnl', () => {
    const trade = combineLegs([leg(short540), leg(long530)]);
    expect(trade.side).toBe('long');
    expect(trade.qty).toBe(2);
    expect(trade.entry_price).toBeCloseTo(2, 9);
    expect(trade.exit_price).toBeCloseTo(2.5, 9);
    expect(trade.fees).toBeCloseTo(2.6, 9);
    // (4.10 − 3.00)·200 − 1.30 = 218.70; (1.00 − 1.60)·200 − 1.30 = −121.30; sum 97.40 = (2.50 − 2.00)·2·100 − 2.60.
    expect(trade.pnl).toBe(97.4);
    expect(trade.legs?.map((one) => one.pnl)).toEqual([218.7, -121.3]);
    expect(trade.strategy).toBe('vertical');
  });
  it('the reference leg of a debit spread is its bought leg, of a credit spread its sold leg', () => {
    expect(combineLegs([leg(short540), leg(long530)]).strike).toBe(530);
    const credit = combineLegs([leg(single('S530', { strike: 530, side: 'short', entry_price: 3, exit_price: 2 })), leg(single('L540', { strike: 540, entry_price: 1, exit_price: 0.5 }))]);
    expect(credit.side).toBe('short');
    expect(credit.strike).toBe(530);
    expect(credit.entry_price).toBeCloseTo(2, 9);
    expect(credit.exit_price).toBeCloseTo(1.5, 9);
    expect(credit.pnl).toBe(50);
    expect(realizedPnl({ ...credit, pnl: undefined })).toBe(50);
  });
  it('the id is the legs ids in leg order; the entry is the first entry and the exit the last exit', () => {
    const trade = combineLegs([leg(short540), leg(long530)]);
    expect(trade.id).toBe(['L530', 'S540'].join(LEG_ID_SEPARATOR));
    expect(trade.entry_time).toBe('2025-06-12T10:00:00-04:00');
    expect(trade.exit_time).toBe('2025-06-12T11:30:00-04:00');
  });
  it('a 1:2:1 butterfly is one spread per lot of wings', () => {
    const trade = combineLegs([
      leg(single('a', { strike: 535, qty: 3, entry_price: 6 })),
      leg(single('b', { strike: 540, qty: 6, side: 'short', entry_price: 3 })),
      leg(single('c', { strike: 545, qty: 3, entry_price: 1 })),
    ]);
    expect(trade.qty).toBe(3);
    expect(trade.entry_price).toBeCloseTo(1, 9);
    expect(trade.strategy).toBe('butterfly');
  });
  it('the record passes the trade schema and keeps the legs', () => {
    const trade = combineLegs([leg(short540), leg(long530)]);
    expect(tradeRecordSchema.parse(trade)).toEqual(trade);
  });
});

describe('split and group', () => {
  const a = single('A', { strike: 530, entry_price: 3, exit_price: 4 });
  const b = single('B', { strike: 540, side: 'short', entry_price: 1, exit_price: 1.5 });

  it('a split gives back the single-leg trades exactly, marked with the trade they came from', () => {
    const grouped = combineLegs([leg(a), leg(b)]);
    const split = splitTrade(grouped);
    expect(split.map(({ split_from: from, ...rest }) => ({ rest, from }))).toEqual([
      { rest: a, from: grouped.id },
      { rest: b, from: grouped.id },
    ]);
  });
  it('a group records what it was made from and has the same id as import would give the same legs', () => {
    const grouped = groupTrades([b, a]);
    expect(grouped.grouped_from).toEqual(['B', 'A']);
    expect(grouped.id).toBe(combineLegs([leg(a), leg(b)]).id);
    expect(grouped.pnl).toBe(realizedPnl(a) + realizedPnl(b));
  });
  it('legs of different underlyings, accounts or the same contract cannot be grouped', () => {
    expect(groupingProblem([a, b])).toBeNull();
    expect(groupingProblem([a, { ...b, symbol: 'QQQ' }])).toMatch(/underlyings/);
    expect(groupingProblem([a, { ...b, account: 'X' }])).toMatch(/accounts/);
    expect(groupingProblem([a, { ...b, strike: 530, right: 'C' }])).toMatch(/same contract/);
    expect(groupingProblem([a])).toMatch(/two legs/);
  });
  it("a re-import keeps the trader's choices: a split trade arrives as its legs, grouped trades as their group", () => {
    const grouped = combineLegs([leg(a), leg(b)]);
    expect(applyLegChoices([grouped], { split: [grouped.id], grouped: [] }).map((trade) => trade.id)).toEqual(['A', 'B']);
    const regrouped = applyLegChoices([a, b, single('C', { strike: 550 })], { split: [], grouped: [['B', 'A']] });
    expect(regrouped.map((trade) => trade.id)).toEqual(['C', grouped.id]);
    // A group whose members are not all in the import is left alone.
    expect(applyLegChoices([a], { split: [], grouped: [['A', 'B']] })).toEqual([a]);
    expect(legIdsOf(grouped.id)).toEqual(['A', 'B']);
  });
});
