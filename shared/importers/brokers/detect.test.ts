import { describe, expect, it } from 'vitest';
import { detectBrokerFormat, resolveBrokerFormat } from './detect.ts';

describe('broker format detection', () => {
  it('detects each format from its header or preamble', () => {
    expect(detectBrokerFormat('\uFEFFAccount Statement for 1 (x) since 3/10/25 through 3/10/25,,\r\n')).toBe('thinkorswim');
    expect(detectBrokerFormat('Statement,Header,Field Name,Field Value\n')).toBe('ibkr');
    expect(detectBrokerFormat('"Symbol","Date/Time","Quantity","TradePrice","Buy/Sell"\n')).toBe('ibkr');
    expect(detectBrokerFormat('Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity\n')).toBe('tastytrade');
    expect(detectBrokerFormat('"Transactions for account ...1"\n"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"\n')).toBe('schwab');
    expect(detectBrokerFormat('Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time\n')).toBe('webull');
    expect(detectBrokerFormat('"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"\r\n')).toBe('robinhood');
    expect(detectBrokerFormat('For Account:,####1234\n\nTransactionDate,TransactionType,SecurityType,Symbol,Quantity,Amount,Price,Commission,Description\n')).toBe('etrade');
    expect(detectBrokerFormat('\n\nBrokerage\n\n Run Date,Action,Symbol,Description,Type,Quantity,Price ($),Commission ($),Fees ($),Accrued Interest ($),Amount ($),Settlement Date\n')).toBe('fidelity');
  });

  it('a file in a format we do not read says which formats we do', () => {
    const result = resolveBrokerFormat('time,open,high,low,close\n', 'bars.csv');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ file: 'bars.csv', line: 1 });
      for (const name of ['thinkorswim', 'ibkr', 'tastytrade', 'schwab', 'webull', 'robinhood', 'etrade', 'fidelity']) expect(result.error.reason).toContain(name);
    }
  });

  it('the format can be overridden', () => {
    expect(resolveBrokerFormat('anything', 'x.csv', 'schwab')).toEqual({ ok: true, format: 'schwab' });
  });
});
