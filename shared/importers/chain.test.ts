import { describe, expect, it } from 'vitest';
import { importChain } from './chain.ts';

/** A few lines in CBOE's delayed-quotes layout (preamble, then calls and puts side by side). */
const CBOE_SAMPLE = [
  '',
  'SPDR S&P 500 ETF Trust,Last: 450.81,Change:  3.85',
  '"Date: September 14, 2023 at 4:31 PM EDT",Bid: 450.81,Ask: 450.83,Size: 9*11,"Volume: 71,039,449"',
  'Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest',
  'Thu Sep 14 2023,SPY230914C00450000,0.82,0.675,0.79,0.86,495740,0.1647,0.9702,0.155,23888,450.00,SPY230914P00450000,0.01,-3.745,0,0.01,459925,0.1791,-0.0298,0.155,1595',
  'Fri Sep 15 2023,SPY230915C00451000,1.1,0.5,1.0,1.2,1000,0,0.5,0.09,1200,451.00,SPY230915P00451000,1.3,-0.5,1.2,1.4,900,0.12,-0.5,0.09,abc',
].join('\r\n');

describe('option chain: CBOE delayed-quotes download', () => {
  const result = importChain(CBOE_SAMPLE, 'cboe.csv');

  it('reads the spot, the day and the time from the preamble', () => {
    expect(result.snapshot).toMatchObject({ file: 'cboe.csv', symbol: 'SPY', date: '2023-09-14', spot: 450.81, taken_at: '2023-09-14T16:31:00-04:00' });
  });

  it('splits each line into a call and a put; IV 0 is "no quote", not zero volatility', () => {
    expect(result.snapshot?.rows).toEqual([
      { expiry: '2023-09-14', strike: 450, right: 'C', open_interest: 23888, implied_volatility: 0.1647, gamma: 0.155 },
      { expiry: '2023-09-14', strike: 450, right: 'P', open_interest: 1595, implied_volatility: 0.1791, gamma: 0.155 },
      { expiry: '2023-09-15', strike: 451, right: 'C', open_interest: 1200, implied_volatility: null, gamma: 0.09 },
    ]);
  });

  it('reports a bad side with line and column, keeping the good side of the same line', () => {
    expect(result.errors).toEqual([{ file: 'cboe.csv', line: 6, field: 'Open Interest (puts)', reason: 'open interest "abc" is not a number ≥ 0' }]);
  });

  it('lets the caller override the day and the spot', () => {
    const overridden = importChain(CBOE_SAMPLE, 'cboe.csv', { date: '2023-09-15', spot: 451 });
    expect(overridden.snapshot).toMatchObject({ date: '2023-09-15', spot: 451 });
  });
});

describe('option chain: long layout, one contract a line', () => {
  it('reads strike, right, open interest, IV and optional gamma and expiry in any column case', () => {
    const text = 'STRIKE,Right,Open_Interest,IV,Gamma,Expiry\n450,C,100,0.18,0.05,2025-07-08\n450,put,80,0.19,,2025-07-08\n455,Call,50,0.17,0.03,20250709\n';
    const result = importChain(text, 'long.csv', { date: '2025-07-08', spot: 451.2 });
    expect(result.errors).toEqual([]);
    expect(result.snapshot).toMatchObject({ date: '2025-07-08', spot: 451.2, taken_at: null, symbol: 'SPY' });
    expect(result.snapshot?.rows).toEqual([
      { expiry: '2025-07-08', strike: 450, right: 'C', open_interest: 100, implied_volatility: 0.18, gamma: 0.05 },
      { expiry: '2025-07-08', strike: 450, right: 'P', open_interest: 80, implied_volatility: 0.19 },
      { expiry: '2025-07-09', strike: 455, right: 'C', open_interest: 50, implied_volatility: 0.17, gamma: 0.03 },
    ]);
  });

  it('takes the snapshot day as the expiry when there is no expiry column (0DTE), and IV in percent when the header says so', () => {
    const text = 'strike,right,oi,IV %\n450,C,100,18\n';
    const result = importChain(text, 'zero-dte.csv', { date: '2025-07-08' });
    expect(result.snapshot?.rows).toEqual([{ expiry: '2025-07-08', strike: 450, right: 'C', open_interest: 100, implied_volatility: 0.18 }]);
    expect(result.snapshot?.spot).toBeNull();
  });

  it('reads the day and the spot from date and spot columns', () => {
    const text = 'date,spot,strike,right,open_interest,iv\n2025-07-08,451.25,450,C,100,0.18\n';
    expect(importChain(text, 'cols.csv').snapshot).toMatchObject({ date: '2025-07-08', spot: 451.25 });
  });

  it('reports bad rows with line and column and keeps the others', () => {
    const text = 'strike,right,open_interest,iv\n450,C,100,0.18\n-5,C,100,0.18\n455,X,100,0.18\n460,P,-1,0.18\n465,P,10,abc\n450,C,7,0.2\n470,P,10,0.2\n';
    const result = importChain(text, 'bad.csv', { date: '2025-07-08' });
    expect(result.errors.map(({ line, field }) => [line, field])).toEqual([
      [3, 'strike'],
      [4, 'right'],
      [5, 'open_interest'],
      [6, 'iv'],
      [7, ''],
    ]);
    expect(result.errors[4]?.reason).toMatch(/already given at line 2/);
    expect(result.snapshot?.rows.map((row) => `${row.strike}${row.right}`)).toEqual(['450C', '470P']);
  });

  it('needs the snapshot day when the file does not give it, and names the layouts it reads otherwise', () => {
    const noDay = importChain('strike,right,open_interest,iv\n450,C,100,0.18\n', 'nodate.csv');
    expect(noDay.snapshot).toBeNull();
    expect(noDay.errors[0]?.reason).toMatch(/--date/);
    const notAChain = importChain('Date,Description,Amount\n2025-07-08,Deposit,100\n', 'cash.csv');
    expect(notAChain.errors[0]?.reason).toMatch(/CBOE delayed-quotes download/);
  });
});
