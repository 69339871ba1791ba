import { describe, expect, it } from 'vitest';
import { realizedPnl } from '../../domain/trade.ts';
import { importBrokerFile, importBrokerFiles } from './index.ts';

const HEADER = 'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency';
const open1 = '2025-03-10T10:00:00-0400,Trade,Buy to Open,BUY_TO_OPEN,SPY   250310C00572000,Equity Option,x,-100.00,1,-100.00,-1.00,-0.14,100,SPY,SPY,3/10/25,572,CALL,1,-101.14,USD';
const close1 = '2025-03-10T10:30:00-0400,Trade,Sell to Close,SELL_TO_CLOSE,SPY   250310C00572000,Equity Option,x,150.00,1,150.00,0.00,-0.14,100,SPY,SPY,3/10/25,572,CALL,2,149.86,USD';
const close2 = '2025-03-10T11:00:00-0400,Trade,Sell to Close,SELL_TO_CLOSE,SPY   250310C00572000,Equity Option,x,200.00,1,200.00,0.00,-0.14,100,SPY,SPY,3/10/25,572,CALL,3,199.86,USD';

describe('importing several broker files', () => {
  it('the same fill arriving in two overlapping files is counted once', () => {
    const morning = [HEADER, close1, open1, open1].join('\n');
    const day = [HEADER, close2, close1, open1, open1].join('\n');
    const result = importBrokerFiles([
      { text: morning, file: 'morning.csv' },
      { text: day, file: 'day.csv' },
    ]);
    expect(result.fills).toHaveLength(4);
    expect(result.trades).toHaveLength(1);
    // qty 2: (1.75 − 1.00)·2·100 − (2·1.14 + 2·0.14) = 150 − 2.56 = 147.44
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(147.44);
    expect(result.warnings.join('\n')).toContain('counted once');
    expect(result.files).toEqual([
      { file: 'morning.csv', format: 'tastytrade' },
      { file: 'day.csv', format: 'tastytrade' },
    ]);
  });

  it('two identical rows in one file are two real fills', () => {
    const result = importBrokerFile([HEADER, close2, close1, open1, open1].join('\n'), 't.csv');
    expect(result.fills).toHaveLength(4);
    expect(result.trades[0]?.qty).toBe(2);
  });

  it('a position opened in one file and closed in the next is one trade, whatever order the files come in', () => {
    const first = importBrokerFiles([
      { text: [HEADER, close1].join('\n'), file: 'b.csv' },
      { text: [HEADER, open1].join('\n'), file: 'a.csv' },
    ]);
    expect(first.unmatched).toEqual([]);
    expect(first.trades).toHaveLength(1);
  });

  it('re-importing gives the same trade ids', () => {
    const text = [HEADER, close1, open1].join('\n');
    expect(importBrokerFile(text, 'x.csv').trades.map((trade) => trade.id)).toEqual(importBrokerFile(text, 'renamed.csv').trades.map((trade) => trade.id));
  });

  it('an unknown time zone is an error, not a silent guess', () => {
    const result = importBrokerFile([HEADER, open1].join('\n'), 't.csv', { tz: 'Mars/Olympus' });
    expect(result.errors[0]).toMatchObject({ field: 'tz' });
    expect(result.fills).toEqual([]);
  });

  it('an unknown format returns an error naming the formats we read', () => {
    const result = importBrokerFile('a,b,c\n1,2,3\n', 'x.csv');
    expect(result.format).toBeNull();
    expect(result.errors[0]?.reason).toContain('tastytrade');
  });
});
