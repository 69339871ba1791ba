import { describe, expect, it } from 'vitest';
import { realizedPnl } from '../../domain/trade.ts';
import { importBrokerFile } from './index.ts';
import { parseSchwab, schwabDate } from './schwab.ts';

const HEADER = '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"';

describe('Schwab transactions', () => {
  it('keeps the "as of" trade date', () => {
    expect(schwabDate('03/11/2025 as of 03/10/2025')).toBe('2025-03-10');
    expect(schwabDate('03/10/2025')).toBe('2025-03-10');
  });

  it('newest-first date-only files keep their positions apart and their sides right', () => {
    const text = [
      '"Transactions  for account XXXX-1234 as of 03/11/2025 08:00:00 ET"',
      HEADER,
      '"03/10/2025","Sell to Close","SPY 03/10/2025 572.00 C","CALL","1","$1.10","$0.66","$109.34"',
      '"03/10/2025","Buy to Open","SPY 03/10/2025 572.00 C","CALL","1","$1.00","$0.66","($100.66)"',
      '"03/10/2025","Sell to Close","SPY 03/10/2025 572.00 C","CALL","1","$1.50","$0.66","$149.34"',
      '"03/10/2025","Buy to Open","SPY 03/10/2025 572.00 C","CALL","1","$1.20","$0.66","-$120.66"',
      '"Transactions Total","","","","","","","$37.36"',
      '',
      '',
    ].join('\r\n');
    const result = importBrokerFile(text, 's.csv');
    expect(result.errors).toEqual([]);
    expect(result.trades.map((trade) => [trade.side, trade.entry_price, trade.exit_price, trade.entry_time, realizedPnl(trade)])).toEqual([
      ['long', 1.2, 1.5, '2025-03-10', 28.68],
      ['long', 1, 1.1, '2025-03-10', 8.68],
    ]);
    expect(result.trades[0]?.account).toBe('XXXX-1234');
  });

  it('Expired, Assigned and Exchange or Exercise close positions', () => {
    const text = [
      HEADER,
      '"03/11/2025 as of 03/10/2025","Assigned","SPY 03/10/2025 575.00 C","CALL","1","","",""',
      '"03/11/2025 as of 03/10/2025","Expired","SPY 03/10/2025 560.00 P","PUT","1","","",""',
      '"03/10/2025","Sell to Open","SPY 03/10/2025 575.00 C","CALL","1","$0.80","$0.66","$79.34"',
      '"03/10/2025","Sell to Open","SPY 03/10/2025 560.00 P","PUT","1","$0.40","$0.66","$39.34"',
    ].join('\n');
    const result = importBrokerFile(text, 's.csv');
    expect(result.trades.map((trade) => [trade.strike, trade.close_reason, realizedPnl(trade)]).sort()).toEqual([
      [560, 'expired', 39.34],
      [575, 'assigned', 79.34],
    ]);
  });

  it('reports an unreadable option symbol with its line and skips stock rows', () => {
    const parsed = parseSchwab([HEADER, '"03/10/2025","Buy to Open","SPY MAR 572","x","1","$1.00","",""', '"03/10/2025","Buy","SPY","x","1","$571.00","",""'].join('\n'), 's.csv');
    expect(parsed.errors).toEqual([{ file: 's.csv', line: 2, field: 'Symbol', reason: "unrecognised option symbol 'SPY MAR 572'" }]);
    expect(parsed.warnings.join('\n')).toContain('not an option trade');
  });
});
