import { describe, expect, it } from 'vitest';
import { realizedPnl } from '../../domain/trade.ts';
import { buildRoundTrips } from './roundTrips.ts';
import { at, spyFill } from './testFills.ts';

describe('round trips: a trade is one position from flat back to flat', () => {
  it('scaling in and out stays one trade with quantity-weighted entry and exit prices', () => {
    const { trades, unmatched } = buildRoundTrips([
      spyFill({ time: at('10:00'), side: 'buy', qty: 2, price: 1.2, effect: 'open', commissions: 1.3 }),
      spyFill({ time: at('10:05'), side: 'buy', qty: 1, price: 1.5, effect: 'open', commissions: 0.65 }),
      spyFill({ time: at('10:20'), side: 'sell', qty: 1, price: 1.8, effect: 'close', commissions: 0.65 }),
      spyFill({ time: at('10:40'), side: 'sell', qty: 2, price: 2.1, effect: 'close', commissions: 1.3 }),
    ]);
    expect(unmatched).toEqual([]);
    expect(trades).toHaveLength(1);
    const [trade] = trades;
    // entry (2·1.20 + 1.50)/3 = 1.30, exit (1.80 + 2·2.10)/3 = 2.00; gross 0.70·3·100 = 210; fees 3.90.
    expect(trade).toMatchObject({ side: 'long', qty: 3, entry_price: 1.3, exit_price: 2, fees: 3.9, entry_time: at('10:00'), exit_time: at('10:40') });
    expect(trade && realizedPnl(trade)).toBe(206.1);
  });

  it('partial fills of one order add up to one trade', () => {
    const { trades } = buildRoundTrips([
      spyFill({ time: at('10:15:02'), qty: 1, price: 1.1, order_id: 'A' }),
      spyFill({ time: at('10:15:03'), qty: 2, price: 1.12, order_id: 'A' }),
      spyFill({ time: at('10:30:00'), side: 'sell', qty: 2, price: 1.4, order_id: 'B' }),
      spyFill({ time: at('10:30:01'), side: 'sell', qty: 1, price: 1.4, order_id: 'B' }),
    ]);
    expect(trades).toHaveLength(1);
    // (1.40·3 − 3.34)·100 = 86
    expect(trades[0] && realizedPnl(trades[0])).toBe(86);
  });

  it('several positions in one contract over a day are separate trades, however close in time', () => {
    const { trades } = buildRoundTrips([
      spyFill({ time: at('10:00:00'), side: 'buy', price: 2 }),
      spyFill({ time: at('10:00:30'), side: 'sell', price: 2.5 }),
      spyFill({ time: at('10:00:31'), side: 'buy', price: 2.2 }),
      spyFill({ time: at('10:45:00'), side: 'sell', price: 1.9 }),
    ]);
    expect(trades.map((trade) => realizedPnl(trade))).toEqual([50, -30]);
    expect(new Set(trades.map((trade) => trade.id)).size).toBe(2);
  });

  it('positions opened short are short trades', () => {
    const { trades } = buildRoundTrips([
      spyFill({ time: at('11:00'), side: 'sell', qty: 2, price: 0.9, effect: 'open', fees: 0.1, commissions: 1.3 }),
      spyFill({ time: at('11:30'), side: 'buy', qty: 2, price: 0.4, effect: 'close', fees: 0.1 }),
    ]);
    expect(trades[0]).toMatchObject({ side: 'short', entry_price: 0.9, exit_price: 0.4, fees: 1.5 });
    // (0.40 − 0.90)·2·100·(−1) − 1.50 = 98.50
    expect(trades[0] && realizedPnl(trades[0])).toBe(98.5);
  });

  it('fees split across FIFO slices are counted exactly once', () => {
    const one = buildRoundTrips([
      spyFill({ time: at('10:00'), qty: 3, price: 1, fees: 0.3, commissions: 2.7 }),
      spyFill({ time: at('10:10'), side: 'sell', qty: 1, price: 1.5, commissions: 0.5 }),
      spyFill({ time: at('10:20'), side: 'sell', qty: 1, price: 1.5, commissions: 0.5 }),
      spyFill({ time: at('10:30'), side: 'sell', qty: 1, price: 1.5, commissions: 0.5 }),
    ]);
    expect(one.trades[0]?.fees).toBe(4.5);
    // A sell of 3 against a long of 1 closes one trade and opens a short of 2: its 3.00 is shared 1 : 2.
    const flip = buildRoundTrips([
      spyFill({ time: at('10:00'), qty: 1, price: 1, commissions: 1 }),
      spyFill({ time: at('10:10'), side: 'sell', qty: 3, price: 2, commissions: 3 }),
      spyFill({ time: at('10:20'), side: 'buy', qty: 2, price: 1.5, commissions: 2 }),
    ]);
    expect(flip.trades.map((trade) => [trade.side, trade.qty, trade.fees])).toEqual([
      ['long', 1, 2],
      ['short', 2, 4],
    ]);
    const total = flip.trades.reduce((sum, trade) => sum + trade.fees, 0);
    expect(total).toBe(6);
  });

  it('fees are subtracted from the gross, not added', () => {
    const { trades } = buildRoundTrips([
      spyFill({ time: at('10:00'), price: 1, commissions: 0.65, fees: 0.02 }),
      spyFill({ time: at('10:10'), side: 'sell', price: 1, commissions: 0.65, fees: 0.03 }),
    ]);
    expect(trades[0] && realizedPnl(trades[0])).toBe(-1.35);
  });

  it('a long round trip is not rebuilt as an open short: a close with no open position is reported, not flipped', () => {
    const { trades, unmatched } = buildRoundTrips([
      spyFill({ time: at('09:45'), side: 'sell', qty: 1, price: 3, effect: 'close', source: { file: 'f.csv', line: 9 } }),
      spyFill({ time: at('10:00'), side: 'buy', qty: 1, price: 1, effect: 'open' }),
      spyFill({ time: at('10:30'), side: 'sell', qty: 1, price: 2, effect: 'close' }),
    ]);
    expect(trades).toHaveLength(1);
    expect(trades[0]?.side).toBe('long');
    expect(unmatched).toEqual([expect.objectContaining({ file: 'f.csv', line: 9, kind: 'unmatched_close', qty: 1 })]);
  });

  it('a close larger than the open position closes it and reports the excess', () => {
    const { trades, unmatched } = buildRoundTrips([
      spyFill({ time: at('10:00'), qty: 1, effect: 'open' }),
      spyFill({ time: at('10:30'), side: 'sell', qty: 3, price: 2, effect: 'close', commissions: 3 }),
    ]);
    expect(trades[0]).toMatchObject({ qty: 1, fees: 1 });
    expect(unmatched[0]).toMatchObject({ kind: 'unmatched_close', qty: 2 });
  });

  it('expiration closes the position at 0 at the session close with close_reason expired', () => {
    const { trades } = buildRoundTrips([
      spyFill({ time: at('14:00'), qty: 2, price: 0.15, commissions: 2.28 }),
      spyFill({ time: '2025-03-10', kind: 'expiration', side: undefined, qty: 2, price: 0 }),
    ]);
    expect(trades[0]).toMatchObject({ exit_price: 0, exit_time: '2025-03-10T16:00:00-04:00', close_reason: 'expired' });
    expect(trades[0] && realizedPnl(trades[0])).toBe(-32.28);
  });

  it('expiration on an early-close day closes at 13:00 ET', () => {
    const { trades } = buildRoundTrips([
      spyFill({ time: at('10:00', '2025-07-03'), expiry: '2025-07-03', side: 'sell', price: 0.5 }),
      spyFill({ time: '2025-07-03', expiry: '2025-07-03', kind: 'expiration', side: undefined, price: 0 }),
    ]);
    expect(trades[0]).toMatchObject({ exit_time: '2025-07-03T13:00:00-04:00', close_reason: 'expired', side: 'short' });
    expect(trades[0] && realizedPnl(trades[0])).toBe(50);
  });

  it('assignment and exercise close the option at 0 premium and are reported as such', () => {
    const assigned = buildRoundTrips([
      spyFill({ time: at('12:00'), right: 'P', strike: 568, side: 'sell', price: 1.1, commissions: 1.14 }),
      spyFill({ time: at('17:00'), right: 'P', strike: 568, kind: 'assignment', side: undefined, price: 0 }),
    ]);
    expect(assigned.trades[0]).toMatchObject({ close_reason: 'assigned', exit_price: 0, exit_time: at('17:00') });
    expect(assigned.trades[0] && realizedPnl(assigned.trades[0])).toBe(108.86);
    const exercised = buildRoundTrips([
      spyFill({ time: at('15:00'), price: 2 }),
      spyFill({ time: at('16:30'), kind: 'exercise', side: 'sell', price: 0 }),
    ]);
    expect(exercised.trades[0]).toMatchObject({ close_reason: 'exercised', exit_price: 0 });
  });

  it('an expiration with no open position is reported, not dropped', () => {
    const { trades, unmatched } = buildRoundTrips([spyFill({ time: '2025-03-10', kind: 'expiration', side: undefined, price: 0 })]);
    expect(trades).toEqual([]);
    expect(unmatched[0]?.kind).toBe('unmatched_close');
  });

  it('fills are processed in time order regardless of input order; tied times put the opening effect first', () => {
    const fills = [
      spyFill({ time: at('10:30'), side: 'sell', price: 2, effect: 'close' }),
      spyFill({ time: at('10:30'), side: 'buy', price: 1, effect: 'open' }),
    ];
    const { trades, unmatched } = buildRoundTrips(fills);
    expect(unmatched).toEqual([]);
    expect(trades[0]).toMatchObject({ side: 'long', entry_price: 1, exit_price: 2 });
  });

  it('a position still open at the end of the data, before its expiry, is reported with file and line', () => {
    const { trades, unmatched } = buildRoundTrips([
      spyFill({ time: at('10:00'), expiry: '2025-03-14', qty: 2, source: { file: 'x.csv', line: 4 } }),
      spyFill({ time: at('10:10'), expiry: '2025-03-14', side: 'sell', qty: 1 }),
    ]);
    expect(trades).toHaveLength(0);
    expect(unmatched).toEqual([expect.objectContaining({ file: 'x.csv', line: 4, kind: 'open_at_end', qty: 2 - 1 })]);
  });

  it('expiries: a position open past its expiry close with no removal row and no bars closes at 0, expiry_inferred, with a warning naming the contract', () => {
    const { trades, unmatched, warnings } = buildRoundTrips([
      spyFill({ time: at('10:00'), qty: 2, price: 1.1, commissions: 0, source: { file: 'x.csv', line: 4 } }),
      // The data runs past the 2025-03-10 close (the next day's trade), so the 572C is past its expiry.
      spyFill({ time: at('09:40', '2025-03-11'), expiry: '2025-03-11', strike: 580 }),
      spyFill({ time: at('09:50', '2025-03-11'), expiry: '2025-03-11', strike: 580, side: 'sell' }),
    ]);
    expect(unmatched).toEqual([]);
    const expired = trades.find((trade) => trade.strike === 572);
    expect(expired).toMatchObject({ close_reason: 'expired', exit_price: 0, exit_time: '2025-03-10T16:00:00-04:00', expiry_inferred: true, qty: 2 });
    expect(expired && realizedPnl(expired)).toBe(-220);
    expect(warnings.join('\n')).toMatch(/x\.csv:4: long 2 SPY 250310C00572000 was still open after its expiry's close .* \(expiry_inferred\)/);
  });

  it('expiries: as of the import time a position past its expiry is settled even when the file ends before the close', () => {
    const fills = [spyFill({ time: at('10:00'), qty: 1, price: 1 })];
    expect(buildRoundTrips(fills).unmatched).toHaveLength(1);
    const settled = buildRoundTrips(fills, { asOf: Date.parse('2025-03-12T12:00:00Z') });
    expect(settled.unmatched).toEqual([]);
    expect(settled.trades[0]).toMatchObject({ close_reason: 'expired', expiry_inferred: true });
  });

  it('expiries: with bars at the close, in the money settles at intrinsic value (long exercised, short assigned), out of the money at 0 without the flag', () => {
    const asOf = Date.parse('2025-03-12T12:00:00Z');
    const call = [spyFill({ time: at('10:00'), qty: 1, price: 1, commissions: 0 })]; // 572C
    const put = [spyFill({ time: at('10:00'), right: 'P', side: 'sell', qty: 1, price: 1, commissions: 0 })]; // 572P sold
    const closeAt = (price: number) => () => price;
    const longItm = buildRoundTrips(call, { asOf, underlyingAtClose: closeAt(574.25) }).trades[0];
    expect(longItm).toMatchObject({ close_reason: 'exercised', exit_price: 2.25 });
    expect(longItm?.expiry_inferred).toBeUndefined();
    expect(longItm && realizedPnl(longItm)).toBe(125);
    const shortItm = buildRoundTrips(put, { asOf, underlyingAtClose: closeAt(570.5) }).trades[0];
    expect(shortItm).toMatchObject({ close_reason: 'assigned', exit_price: 1.5 });
    expect(shortItm && realizedPnl(shortItm)).toBe(-50);
    const otm = buildRoundTrips(call, { asOf, underlyingAtClose: closeAt(571) }).trades[0];
    expect(otm).toMatchObject({ close_reason: 'expired', exit_price: 0 });
    expect(otm?.expiry_inferred).toBeUndefined();
  });

  it('trade ids are deterministic from the content', () => {
    const fills = [spyFill({ time: at('10:00') }), spyFill({ time: at('10:10'), side: 'sell', price: 2 })];
    const first = buildRoundTrips(fills).trades[0]?.id;
    expect(first).toBe('tastytrade:T1:SPY250310C00572000:2025-03-10T10:00:00-04:00#1');
    expect(buildRoundTrips([...fills].reverse()).trades[0]?.id).toBe(first);
  });

  it('different accounts and strikes are different positions', () => {
    const { trades } = buildRoundTrips([
      spyFill({ time: at('10:00'), account: 'A' }),
      spyFill({ time: at('10:01'), account: 'B', side: 'sell', effect: 'open' }),
      spyFill({ time: at('10:02'), account: 'A', side: 'sell', price: 2 }),
      spyFill({ time: at('10:03'), account: 'B', side: 'buy', price: 0.5 }),
    ]);
    expect(trades.map((trade) => [trade.account, trade.side, realizedPnl(trade)])).toEqual([
      ['A', 'long', 100],
      ['B', 'short', 50],
    ]);
  });
});
