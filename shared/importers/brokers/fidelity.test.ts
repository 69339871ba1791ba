import { describe, expect, it } from 'vitest';
import { formatRowError } from '../../domain/errors.ts';
import { realizedPnl } from '../../domain/trade.ts';
import { fidelityContract, parseFidelity } from './fidelity.ts';
import { importBrokerFile } from './index.ts';

const PREAMBLE = ['', '', 'Brokerage', ''];
const HEADER = ' Run Date,Action,Symbol,Description,Type,Quantity,Price ($),Commission ($),Fees ($),Accrued Interest ($),Amount ($),Settlement Date';
const FOOTER = ['', '', '"The data and information in this spreadsheet is provided to you solely for your use and is not for distribution."', '"Date downloaded 09/25/2022 10:01 am"'];

function row(date: string, action: string, symbol: string, qty: string, price: string, commission: string, fees: string, amount: string): string {
  return ` ${date}," ${action} (SPY) SPDR S&P 500 ETF SEP 23 22 (100 SHS) (Margin)", ${symbol},"SPDR S&P 500 ETF",Margin,${qty},${price},${commission},${fees},,${amount},09/26/2022`;
}

describe('Fidelity account history', () => {
  it('reads option symbols with a leading space and dash, decimal strikes too', () => {
    expect(fidelityContract(' -SPY220923C371')).toEqual({ symbol: 'SPY', expiry: '2022-09-23', right: 'C', strike: 371, multiplier: 100 });
    expect(fidelityContract('-SPY220923P370.5')).toMatchObject({ right: 'P', strike: 370.5 });
    expect(fidelityContract('SPY')).toBeNull();
    expect(fidelityContract('-SPY221323C371')).toBeNull();
  });

  it('preamble, newest-first date-only rows, fees = Commission + Fees, footer disclaimer skipped', () => {
    const text = [
      ...PREAMBLE,
      HEADER,
      row('09/23/2022', 'YOU SOLD CLOSING TRANSACTION CALL', '-SPY220923C371', '-1', '1.50', '0.65', '0.03', '149.32'),
      row('09/23/2022', 'YOU BOUGHT OPENING TRANSACTION CALL', '-SPY220923C371', '1', '1.23', '0.65', '0.02', '-123.67'),
      ...FOOTER,
    ].join('\r\n');
    const result = importBrokerFile(text, 'fid.csv');
    expect(result.format).toBe('fidelity');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    // (1.50 − 1.23)·100 = 27 − (0.65 + 0.02 + 0.65 + 0.03) = 25.65.
    expect(result.trades.map((trade) => [trade.side, trade.entry_price, trade.exit_price, trade.entry_time, trade.fees, realizedPnl(trade)])).toEqual([
      ['long', 1.23, 1.5, '2022-09-23', 1.35, 25.65],
    ]);
    expect(result.fills.map((fill) => [fill.side, fill.effect, fill.commissions, fill.fees, fill.source.line])).toEqual([
      ['buy', 'open', 0.65, 0.02, 7],
      ['sell', 'close', 0.65, 0.03, 6],
    ]);
  });

  it('YOU SOLD OPENING / YOU BOUGHT CLOSING, EXPIRED and ASSIGNED', () => {
    const text = [
      HEADER,
      row('09/26/2022', 'ASSIGNED CALL', '-SPY220923C365', '1', '', '', '', ''),
      row('09/23/2022', 'EXPIRED PUT', '-SPY220923P360', '1', '', '', '', ''),
      row('09/23/2022', 'YOU BOUGHT CLOSING TRANSACTION PUT', '-SPY220923P370.5', '1', '0.95', '0.65', '0.03', '-95.68'),
      row('09/23/2022', 'YOU SOLD OPENING TRANSACTION PUT', '-SPY220923P370.5', '-1', '1.40', '0.65', '0.03', '139.32'),
      row('09/23/2022', 'YOU SOLD OPENING TRANSACTION CALL', '-SPY220923C365', '-1', '0.80', '0.65', '0.02', '79.33'),
      row('09/23/2022', 'YOU SOLD OPENING TRANSACTION PUT', '-SPY220923P360', '-1', '0.10', '0.65', '0.02', '9.33'),
    ].join('\n');
    const result = importBrokerFile(text, 'fid.csv');
    expect(result.errors).toEqual([]);
    expect(result.trades.map((trade) => [trade.strike, trade.side, trade.close_reason, realizedPnl(trade)]).sort()).toEqual([
      [360, 'short', 'expired', 9.33],
      [365, 'short', 'assigned', 79.33],
      [370.5, 'short', 'closed', 43.64],
    ]);
  });

  it('stock, dividend and transfer rows are skipped with one counted warning; bad option rows are errors with their line', () => {
    const text = [
      HEADER,
      row('09/23/2022', 'YOU BOUGHT OPENING TRANSACTION CALL', '-SPY220923C371', '1', '1.23', '0.65', 'x', '-123.67'),
      ' 09/22/2022," YOU BOUGHT SPDR S&P 500 ETF (SPY) (Cash)", SPY,"SPDR S&P 500 ETF",Cash,10,376.10,,,,-3761.00,09/26/2022',
      ' 09/21/2022," DIVIDEND RECEIVED SPDR S&P 500 ETF (SPY) (Cash)", SPY,"SPDR S&P 500 ETF",Cash,0.000,,,,,12.34,',
      ' 09/20/2022," ELECTRONIC FUNDS TRANSFER RECEIVED (Cash)", ,"No Description",Cash,0.000,,,,,5000.00,',
      row('09/23/2022', 'YOU SOLD CLOSING TRANSACTION CALL', 'SPY 09/23/22 371 C', '-1', '1.50', '0.65', '0.03', '149.32'),
      row('9/31/2022', 'YOU SOLD CLOSING TRANSACTION CALL', '-SPY220923C371', '-1', '1.50', '0.65', '0.03', '149.32'),
    ].join('\n');
    const parsed = parseFidelity(text, 'fid.csv');
    expect(parsed.errors.map(formatRowError)).toEqual([
      "fid.csv:2: Fees ($): unreadable fees 'x'",
      "fid.csv:6: Symbol: unrecognised option symbol 'SPY 09/23/22 371 C' (expected like '-SPY220923C371')",
      "fid.csv:7: Run Date: unreadable date '9/31/2022'",
    ]);
    expect(parsed.warnings).toEqual(['fid.csv: 3 rows skipped: not an option trade (stock, fund, dividend, transfer)']);
  });
});
