import { describe, expect, it } from 'vitest';
import { importChain } from './chain.ts';
import { detectChainLayout } from './chainLayout.ts';

const detect = (header: string): ReturnType<typeof detectChainLayout> => detectChainLayout({ line: 1, fields: header.split(',') });

describe('chain layouts from their headers', () => {
  it('CBOE: side-by-side columns with Volume/Open Interest or Vol/Open Int; the older table without a strike column', () => {
    const current = detect('Expiration Date,Calls,Last Sale,Net,Bid,Ask,Vol,IV,Delta,Gamma,Open Int,Strike,Puts,Last Sale,Net,Bid,Ask,Vol,IV,Delta,Gamma,Open Int');
    expect(current).toMatchObject({ kind: 'cboe', strike: 11, expiry: 0 });
    expect(current?.sides.map((side) => [side.right, side.columns.iv, side.columns.gamma, side.columns.openInterest, side.columns.symbol])).toEqual([
      ['C', 7, 9, 10, 1],
      ['P', 18, 20, 21, 12],
    ]);
    expect(detect('Calls,Last Sale,Net,Bid,Ask,Vol,Open Int,Puts,Last Sale,Net,Bid,Ask,Vol,Open Int,')).toMatchObject({ kind: 'cboe-legacy', strike: -1 });
  });

  it('wide rows: OptionsDX brackets (no open interest) and ORATS names (one gamma for both sides)', () => {
    const optionsDx = detect('[QUOTE_DATE], [UNDERLYING_LAST], [EXPIRE_DATE], [C_GAMMA], [C_IV], [STRIKE], [P_GAMMA], [P_IV]');
    expect(optionsDx).toMatchObject({ kind: 'wide', strike: 5, expiry: 2, date: 0, spot: 1 });
    expect(optionsDx?.sides.map((side) => [side.columns.gamma, side.columns.iv, side.columns.openInterest])).toEqual([
      [3, 4, -1],
      [6, 7, -1],
    ]);
    const orats = detect('ticker,tradeDate,expirDate,strike,stockPrice,callOpenInterest,putOpenInterest,callMidIv,putMidIv,gamma');
    expect(orats?.sides.map((side) => [side.columns.openInterest, side.columns.iv, side.columns.gamma])).toEqual([
      [5, 7, 9],
      [6, 8, 9],
    ]);
  });

  it('long rows: the right from `option_type` before a `type` column, dotted names by their last part, IV in % by header', () => {
    expect(detect('symbol,type,strike,open_interest,option_type,greeks.mid_iv,greeks.gamma')).toMatchObject({ kind: 'long', right: 4, sides: [{ columns: { iv: 5, gamma: 6, symbol: 0 } }] });
    expect(detect('underlying_symbol,quote_date,root,expiration,strike,option_type,implied_volatility_1545,gamma_1545,active_underlying_price_1545,open_interest')).toMatchObject({
      kind: 'long',
      date: 1,
      expiry: 3,
      right: 5,
      spot: 8,
      sides: [{ columns: { iv: 6, gamma: 7, openInterest: 9 } }],
    });
    expect(detect('Strike,Type,OI,IV %')).toMatchObject({ ivPercent: true });
    expect(detect('contractSymbol,lastTradeDate,strike,lastPrice,openInterest,impliedVolatility')).toMatchObject({ kind: 'long', right: -1, strike: 2, sides: [{ columns: { symbol: 0 } }] });
  });

  it('headers that are not a chain', () => {
    expect(detect('Date,Open,High,Low,Close,Volume')).toBeNull();
    expect(detect('Strike,Bid,Ask')).toBeNull();
    expect(detect('<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>')).toBeNull();
    expect(detect('timestamp,symbol,open,high,low,close,volume,open_interest')).toBeNull();
  });
});

describe('reading long rows keyed by an option symbol', () => {
  it('yfinance option_chain dump: right and expiry from contractSymbol, the day from the file name', () => {
    const text = 'contractSymbol,lastTradeDate,strike,lastPrice,bid,ask,change,percentChange,volume,openInterest,impliedVolatility,inTheMoney,contractSize,currency\nSPY250708C00620000,2025-07-08 14:10:02+00:00,620.0,1.04,1.0,1.1,0.1,10.6,150,14100,0.139,True,REGULAR,USD\nSPY250708P00620000,2025-07-08 14:11:40+00:00,620.0,1.02,1.0,1.1,-0.1,-8.9,220,15500,0.142,False,REGULAR,USD\n';
    const result = importChain(text, 'spy-chain-2025-07-08.csv');
    expect(result.errors).toEqual([]);
    expect(result.snapshot?.rows).toEqual([
      { expiry: '2025-07-08', strike: 620, right: 'C', open_interest: 14100, implied_volatility: 0.139 },
      { expiry: '2025-07-08', strike: 620, right: 'P', open_interest: 15500, implied_volatility: 0.142 },
    ]);
  });

  it('a symbol that is not OCC, with no strike column, is a row error naming the column', () => {
    const result = importChain('option_symbol,open_interest,iv\nSPY250708C00620000,10,0.2\nSPY 620 CALL,5,0.2\n', 'occ.csv', { date: '2025-07-08' });
    expect(result.errors).toEqual([{ file: 'occ.csv', line: 3, field: 'option_symbol', reason: expect.stringMatching(/not an OCC option symbol .*no strike column/) }]);
    expect(result.snapshot?.rows).toHaveLength(1);
  });
});
