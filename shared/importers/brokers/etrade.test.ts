import { describe, expect, it } from 'vitest';
import { formatRowError } from '../../domain/errors.ts';
import { realizedPnl } from '../../domain/trade.ts';
import { etradeContract, parseEtrade } from './etrade.ts';
import { importBrokerFile } from './index.ts';

const HEADER = 'TransactionDate,TransactionType,SecurityType,Symbol,Quantity,Amount,Price,Commission,Description';

describe('E*TRADE transaction history', () => {
  it('reads the contract from the description', () => {
    expect(etradeContract('CALL SPY 09/23/22 371.000')).toEqual({ symbol: 'SPY', expiry: '2022-09-23', right: 'C', strike: 371, multiplier: 100 });
    expect(etradeContract('PUT SPY 09/23/22 370.500')).toMatchObject({ right: 'P', strike: 370.5 });
    expect(etradeContract('SPDR S&P 500 ETF TRUST')).toBeNull();
  });

  it('newest-first date-only rows; negative sell quantities; Commission is the fee; the account from the preamble', () => {
    const text = [
      'For Account:,####1234',
      '',
      HEADER,
      "09/23/22,Sold To Close,OPTN,SPY Sep 23 '22 $371 Call,-1,149.50,1.50,0.50,CALL SPY 09/23/22 371.000",
      "09/23/22,Bought To Open,OPTN,SPY Sep 23 '22 $371 Call,1,-123.50,1.23,0.50,CALL SPY 09/23/22 371.000",
    ].join('\r\n');
    const result = importBrokerFile(text, 'et.csv');
    expect(result.format).toBe('etrade');
    expect(result.errors).toEqual([]);
    // (1.50 − 1.23)·100 = 27 − 1.00 = 26.
    expect(result.trades.map((trade) => [trade.side, trade.entry_price, trade.exit_price, trade.entry_time, trade.fees, realizedPnl(trade)])).toEqual([
      ['long', 1.23, 1.5, '2022-09-23', 1, 26],
    ]);
    expect(result.trades[0]?.account).toBe('####1234');
    expect(result.fills.map((fill) => [fill.side, fill.effect, fill.qty, fill.source.line])).toEqual([
      ['buy', 'open', 1, 5],
      ['sell', 'close', 1, 4],
    ]);
  });

  it('Sold Short opens, Bought To Cover closes; Option Expired, Assigned and Exercised close at 0', () => {
    const text = [
      HEADER,
      "09/26/22,Option Assigned,OPTN,SPY Sep 23 '22 $365 Call,1,0,0,0,CALL SPY 09/23/22 365.000",
      "09/23/22,Option Expired,OPTN,SPY Sep 23 '22 $360 Put,1,0,0,0,PUT SPY 09/23/22 360.000",
      "09/23/22,Bought To Cover,OPTN,SPY Sep 23 '22 $375 Call,1,-130.50,1.30,0.50,CALL SPY 09/23/22 375.000",
      "09/23/22,Sold Short,OPTN,SPY Sep 23 '22 $375 Call,-1,89.50,0.90,0.50,CALL SPY 09/23/22 375.000",
      "09/23/22,Sold Short,OPTN,SPY Sep 23 '22 $365 Call,-1,79.50,0.80,0.50,CALL SPY 09/23/22 365.000",
      "09/23/22,Sold Short,OPTN,SPY Sep 23 '22 $360 Put,-1,9.50,0.10,0.50,PUT SPY 09/23/22 360.000",
    ].join('\n');
    const result = importBrokerFile(text, 'et.csv');
    expect(result.errors).toEqual([]);
    expect(result.trades.map((trade) => [trade.strike, trade.side, trade.close_reason, realizedPnl(trade)]).sort()).toEqual([
      [360, 'short', 'expired', 9.5],
      [365, 'short', 'assigned', 79.5],
      [375, 'short', 'closed', -41],
    ]);
    expect(parseEtrade([HEADER, "09/23/22,Option Exercised,OPTN,x,1,0,0,0,CALL SPY 09/23/22 365.000"].join('\n'), 'et.csv').fills[0]).toMatchObject({ kind: 'exercise', price: 0 });
  });

  it('other security types are skipped with one counted warning; bad option rows are errors with their line', () => {
    const text = [
      HEADER,
      "09/23/22,Bought To Open,OPTN,SPY Sep 23 '22 $371 Call,two,-123.50,1.23,0.50,CALL SPY 09/23/22 371.000",
      '09/22/22,Bought,EQ,SPY,10,-3761.00,376.10,0.00,SPDR S&P 500 ETF TRUST',
      '09/21/22,Online Transfer,,,0,5000.00,0,0.00,TRANSFER FROM XXXX',
      "09/23/22,Bought To Open,OPTN,SPY,1,-123.50,1.23,0.50,SPY OPTION",
    ].join('\n');
    const parsed = parseEtrade(text, 'et.csv');
    expect(parsed.errors.map(formatRowError)).toEqual([
      "et.csv:2: Quantity: unreadable quantity 'two'",
      "et.csv:5: Description: no option contract in 'SPY OPTION' (expected like 'CALL SPY 09/23/22 371.000')",
    ]);
    expect(parsed.warnings).toEqual(['et.csv: 2 rows skipped: not an option (SecurityType other than OPTN: stock, fund, cash)']);
  });
});
