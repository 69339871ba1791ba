import { describe, expect, it } from 'vitest';
import { chainFileNameDates, parseChainDate, parseChainStamp, parseLegacyCboeContract, parseOptionSymbol, readChainPreamble } from './chainDates.ts';

describe('chain dates in cells', () => {
  it('reads the spellings vendors use for a day', () => {
    for (const text of ['2025-07-08', '20250708', '07/08/2025', '7/8/25', 'Tue Jul 08 2025', 'July 8, 2025', '2025-07-08 00:00:00', '2025-07-08T00:00:00Z']) {
      expect(parseChainDate(text), text).toBe('2025-07-08');
    }
    expect(parseChainDate('2025-02-30')).toBeNull();
    expect(parseChainDate('2025-07-08 16:00')).toBeNull();
  });

  it('reads OCC symbols padded, unpadded, with Polygon’s `O:` and thinkorswim’s `.` prefix', () => {
    const expected = { root: 'SPY', expiry: '2025-07-08', right: 'C', strike: 620 };
    for (const text of ['SPY   250708C00620000', 'SPY250708C00620000', 'O:SPY250708C00620000', '.SPY250708C00620000']) expect(parseOptionSymbol(text), text).toEqual(expected);
    expect(parseOptionSymbol('SPXW250708P06250500')).toEqual({ root: 'SPXW', expiry: '2025-07-08', right: 'P', strike: 6250.5 });
    expect(parseOptionSymbol('SPY C620')).toBeNull();
  });

  it('reads the contract cell of the pre-2019 CBOE table; exchange-specific rows are flagged', () => {
    expect(parseLegacyCboeContract('13 Dec 125.00 (IBM1327L125)')).toEqual({ root: 'IBM', expiry: '2013-12-27', right: 'C', strike: 125, exchange: false });
    expect(parseLegacyCboeContract('18 Dec 100.00 (SPX1821X100)')).toEqual({ root: 'SPX', expiry: '2018-12-21', right: 'P', strike: 100, exchange: false });
    expect(parseLegacyCboeContract('13 Dec 125.00 (IBM1327L125-4)')?.exchange).toBe(true);
    expect(parseLegacyCboeContract('SPY230914C00450000')).toBeNull();
  });
});

describe('the moment a chain was taken', () => {
  const stamp = (line: string): ReturnType<typeof parseChainStamp> => parseChainStamp(line);

  it('CBOE since 2019: `Date: September 14, 2023 at 4:31 PM EDT`', () => {
    expect(stamp('"Date: September 14, 2023 at 4:31 PM EDT",Bid: 450.81')).toEqual({ date: '2023-09-14', takenAt: '2023-09-14T16:31:00-04:00' });
  });

  it('CBOE before 2019: `Dec 28 2017 @ 11:12 ET` (winter: −05:00)', () => {
    expect(stamp('Dec 28 2017 @ 11:12 ET,')).toEqual({ date: '2017-12-28', takenAt: '2017-12-28T11:12:00-05:00' });
  });

  it('other browser locales: CJK dates, day-first dates and GMT offsets are turned into New York time', () => {
    expect(stamp('Date: 2026年3月19日 GMT-4 10:30,Bid: 4999.50')).toEqual({ date: '2026-03-19', takenAt: '2026-03-19T10:30:00-04:00' });
    expect(stamp('Date: 14 September 2023 at 21:31 GMT+1,Bid: 1')).toEqual({ date: '2023-09-14', takenAt: '2023-09-14T16:31:00-04:00' });
    // A download at 05:00 in Tokyo is the previous New York day.
    expect(stamp('Date: September 15, 2023 at 5:00 AM GMT+9')).toEqual({ date: '2023-09-14', takenAt: '2023-09-14T16:00:00-04:00' });
  });

  it("Barchart's footer: `Downloaded from Barchart.com as of 07-08-2025 09:20am CDT`", () => {
    expect(stamp('Downloaded from Barchart.com as of 07-08-2025 09:20am CDT')).toEqual({ date: '2025-07-08', takenAt: '2025-07-08T10:20:00-04:00' });
  });

  it('a line without a stamp gives none', () => {
    expect(stamp('SPDR S&P 500 ETF Trust,Last: 450.81,Change:  3.85')).toBeNull();
  });

  it('the spot from `Last:` or from the older `SPX (S&P 500 INDEX),2684.79,+2.17` line', () => {
    expect(readChainPreamble(['SPX (S&P 500 INDEX),2684.79,+2.17,', 'Dec 28 2017 @ 11:12 ET,'])).toEqual({ spot: 2684.79, date: '2017-12-28', takenAt: '2017-12-28T11:12:00-05:00' });
    expect(readChainPreamble(['S&P 500 INDEX,Last: 5000.00,Change:  0.00'])).toEqual({ spot: 5000, date: null, takenAt: null });
  });
});

describe('dates in chain file names', () => {
  it("Barchart's `…-exp-YYYY-MM-DD-…-MM-DD-YYYY.csv`: the expiry and the download day", () => {
    expect(chainFileNameDates('spy-options-exp-2025-07-18-monthly-show-all-stacked-07-08-2025.csv')).toEqual({ expiry: '2025-07-18', date: '2025-07-08' });
  });

  it('any other name counts only when it holds exactly one date', () => {
    expect(chainFileNameDates('/data/spy-cboe-quotedata-20230914.csv')).toEqual({ expiry: null, date: '2023-09-14' });
    expect(chainFileNameDates('chain-2025-07-07-to-2025-07-08.csv')).toEqual({ expiry: null, date: null });
    expect(chainFileNameDates('quotedata.csv')).toEqual({ expiry: null, date: null });
  });
});
