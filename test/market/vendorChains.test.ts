import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ChainImportOptions, type ChainImportResult, importChain } from '../../shared/importers/chain.ts';
import { chainToDayContext } from '../../shared/market/chainContext.ts';
import type { ChainRow } from '../../shared/market/optionChain.ts';

/**
 * Option-chain files in the layouts other vendors write, each a fixture written by this project from the
 * vendor's documented or publicly shown layout (test/fixtures/market/README.md). They hold the same 0DTE
 * SPY chain of 2025-07-08 (spot 620.40):
 *
 *   strike   call OI  call IV   put OI  put IV
 *    615        900    0.150    15500   0.160
 *    618       2100    0.145     3100   0.150
 *    620      14100    0.139    15500   0.142
 *    622       9000    0.137      700   0.145
 *    625      21900    0.140      300   0.150
 *
 * Max pain by hand (payout ÷ 100): at 615 puts 3·3100 + 5·15500 + 7·700 + 10·300 = 94,700; at 618 calls
 * 3·900 = 2,700 and puts 2·15500 + 4·700 + 7·300 = 35,900 → 38,600; at 620 calls 5·900 + 2·2100 = 8,700 and
 * puts 2·700 + 5·300 = 2,900 → 11,600; at 622 calls 7·900 + 4·2100 + 2·14100 = 42,900 and puts 3·300 = 900 →
 * 43,800; at 625 calls 9,000 + 14,700 + 70,500 + 27,000 = 121,200. So max pain is 620.
 */
const read = (name: string): string => readFileSync(new URL(`../fixtures/market/${name}`, import.meta.url), 'utf8');
const importFixture = (name: string, options: ChainImportOptions = {}): ChainImportResult => importChain(read(name), name, options);

const CHAIN: ReadonlyArray<[number, number, number, number, number]> = [
  [615, 900, 0.15, 15500, 0.16],
  [618, 2100, 0.145, 3100, 0.15],
  [620, 14100, 0.139, 15500, 0.142],
  [622, 9000, 0.137, 700, 0.145],
  [625, 21900, 0.14, 300, 0.15],
];

function reference(withIv = true): Array<Pick<ChainRow, 'expiry' | 'strike' | 'right' | 'open_interest' | 'implied_volatility'>> {
  return CHAIN.flatMap(([strike, callOi, callIv, putOi, putIv]) => [
    { expiry: '2025-07-08', strike, right: 'C' as const, open_interest: callOi, implied_volatility: withIv ? callIv : null },
    { expiry: '2025-07-08', strike, right: 'P' as const, open_interest: putOi, implied_volatility: withIv ? putIv : null },
  ]);
}

/** The rows without gamma, rounded, sorted by strike then right, to compare with the reference. */
function contracts(result: ChainImportResult): ReturnType<typeof reference> {
  return (result.snapshot?.rows ?? [])
    .map(({ expiry, strike, right, open_interest, implied_volatility }) => ({
      expiry,
      strike,
      right,
      open_interest,
      implied_volatility: implied_volatility === null ? null : Math.round(implied_volatility * 1e6) / 1e6,
    }))
    .sort((a, b) => a.strike - b.strike || a.right.localeCompare(b.right));
}

describe('CBOE delayed-quotes download, other variants', () => {
  it('2019–2022 layout: `SPY (…),620.40,+1.10` and `Jul 08 2025 @ 10:15 ET` preamble, Vol and Open Int columns', () => {
    const result = importFixture('chain-cboe-vol-openint-20250708.csv');
    expect(result.errors).toEqual([]);
    expect(result.snapshot).toMatchObject({ symbol: 'SPY', date: '2025-07-08', spot: 620.4, taken_at: '2025-07-08T10:15:00-04:00' });
    expect(contracts(result)).toEqual(reference());
    expect(result.snapshot?.rows[0]?.gamma).toBe(0.21);
    expect(chainToDayContext(result.snapshot ?? fail())).toMatchObject({ max_pain: 620 });
  });

  it('the table before 2019: strike and expiry inside `25 Jul 620.00 (SPY2508G620)`, exchange rows (`-8`) skipped', () => {
    const result = importFixture('chain-cboe-legacy-20250708.dat');
    expect(result.errors).toEqual([]);
    expect(result.snapshot).toMatchObject({ symbol: 'SPY', date: '2025-07-08', spot: 620.4 });
    expect(contracts(result)).toEqual(reference(false));
    // No IV in this table: max pain only.
    expect(chainToDayContext(result.snapshot ?? fail())).toMatchObject({ max_pain: 620 });
  });

  it('a download from a browser in another locale: `Date: 2025年7月8日 GMT-4 10:30`', () => {
    const text = read('chain-cboe-vol-openint-20250708.csv')
      .replace(/^.*\r\n.*\r\n/, 'SPDR S&P 500 ETF Trust,Last: 620.4,Change: 1.1\r\nDate: 2025年7月8日 GMT-4 10:30,Bid: 620.39,Ask: 620.41,Size: 3*5,Volume: 0\r\n');
    expect(importChain(text, 'quotedata.csv').snapshot).toMatchObject({ date: '2025-07-08', spot: 620.4, taken_at: '2025-07-08T10:30:00-04:00' });
  });
});

describe('one contract a line', () => {
  it('Barchart options download: expiry and day from the file name, IV in %, footer skipped, spot from moneyness', () => {
    const name = 'spy-options-exp-2025-07-08-weekly-show-all-stacked-07-08-2025.csv';
    const result = importFixture(name);
    expect(result.errors).toEqual([]);
    expect(result.snapshot).toMatchObject({ symbol: 'SPY', date: '2025-07-08', spot: 620.4, taken_at: '2025-07-08T10:20:00-04:00' });
    expect(contracts(result)).toEqual(reference());
    const context = chainToDayContext(result.snapshot ?? fail());
    expect(context).toMatchObject({ max_pain: 620 });
    expect(context.atm_iv).toBeCloseTo((0.139 + 0.142) / 2, 9);
  });

  it('OCC option symbols instead of strike, right and expiry columns', () => {
    const result = importFixture('chain-occ-symbols-20250708.csv');
    expect(result.errors).toEqual([]);
    expect(result.snapshot).toMatchObject({ symbol: 'SPY', date: '2025-07-08', spot: null, notes: ['snapshot day 2025-07-08 taken from the file name'] });
    expect(contracts(result)).toEqual(reference());
  });

  it('Polygon/Massive snapshot flattened (`details.strike_price`, `greeks.gamma`, `O:` tickers)', () => {
    const result = importFixture('chain-polygon-snapshot-20250708.csv');
    expect(result.errors).toEqual([]);
    expect(result.snapshot).toMatchObject({ symbol: 'SPY', date: '2025-07-08', spot: 620.4 });
    expect(contracts(result)).toEqual(reference());
    expect(chainToDayContext(result.snapshot ?? fail())).toMatchObject({ max_pain: 620 });
  });

  it('Tradier: `type` is "option", the right is in `option_type`, IV in `greeks.mid_iv`', () => {
    const result = importFixture('chain-tradier-20250708.csv');
    expect(result.errors).toEqual([]);
    expect(contracts(result)).toEqual(reference());
  });

  it('CBOE DataShop option EOD: `root` SPX and SPXW at one strike are two contracts; the 15:45 underlying bid is the spot', () => {
    const header =
      'underlying_symbol,quote_date,root,expiration,strike,option_type,open,high,low,close,trade_volume,bid_size_1545,bid_1545,ask_size_1545,ask_1545,underlying_bid_1545,underlying_ask_1545,bid_size_eod,bid_eod,ask_size_eod,ask_eod,underlying_bid_eod,underlying_ask_eod,vwap,open_interest,delivery_code';
    const row = (root: string, oi: number): string => `^SPX,2025-07-08,${root},2025-07-18,6250,C,10,11,9,10.5,100,10,10.4,10,10.6,6260.1,6260.5,10,10.4,10,10.6,6259.9,6260.3,10.2,${oi},`;
    const result = importChain([header, row('SPX', 1500), row('SPXW', 2500)].join('\n'), 'UnderlyingOptionsEODQuotes_2025-07-08.csv');
    expect(result.errors).toEqual([]);
    expect(result.snapshot).toMatchObject({ symbol: 'SPX', date: '2025-07-08', spot: 6260.1 });
    expect(result.snapshot?.rows.map((contract) => contract.open_interest)).toEqual([1500, 2500]);
  });

  it('IV written in percent without saying so (median above 5) is divided by 100 and noted', () => {
    const text = 'Expiration Date,Type,Strike,Open Interest,Volume,Implied Volatility,Underlying Price\n2025-07-08,Call,620,14100,50,13.9,620.4\n2025-07-08,Put,620,15500,80,14.2,620.4\n';
    const result = importChain(text, 'long.csv', { date: '2025-07-08' });
    expect(result.snapshot?.rows.map((row) => row.implied_volatility)).toEqual([0.139, 0.142]);
    expect(result.snapshot?.notes).toEqual(['IV read as percent (its median is above 5) and divided by 100']);
  });
});

describe('one row per strike with call and put columns', () => {
  it('OptionsDX EOD: bracketed headers, two quote days (the last read unless --date), no open interest', () => {
    const name = 'chain-optionsdx-spy_eod_202507.txt';
    const last = importFixture(name);
    expect(last.errors).toEqual([]);
    expect(last.snapshot).toMatchObject({ symbol: 'SPY', date: '2025-07-08', spot: 620.4, open_interest_missing: true });
    expect(contracts(last)).toEqual(reference().map((row) => ({ ...row, open_interest: 0 })));
    expect(last.snapshot?.notes?.join('; ')).toMatch(/2 quote day\(s\) \(2025-07-07…2025-07-08\); read 2025-07-08 .*no open interest/);
    const context = chainToDayContext(last.snapshot ?? fail());
    expect(context.max_pain).toBeUndefined();
    expect(context.call_wall).toBeUndefined();
    expect(context.atm_iv).toBeCloseTo((0.139 + 0.142) / 2, 9);
    expect(context.source).toMatch(/no open interest/);
    expect(importFixture(name, { date: '2025-07-07' }).snapshot).toMatchObject({ date: '2025-07-07', spot: 618.9 });
  });

  it('ORATS strikes: callOpenInterest/putOpenInterest, callMidIv/putMidIv, one gamma per strike', () => {
    const result = importFixture('chain-orats-strikes-20250708.csv');
    expect(result.errors).toEqual([]);
    expect(result.snapshot).toMatchObject({ symbol: 'SPY', date: '2025-07-08', spot: 620.4 });
    expect(contracts(result)).toEqual(reference());
    expect(result.snapshot?.rows.every((row) => row.gamma === 0.21)).toBe(true);
  });
});

describe('a file that is not a chain we read', () => {
  it('names the file, the header seen and the layouts read', () => {
    const result = importChain('Symbol,Last,Change\nSPY,620.4,1.1\n', 'quotes.csv');
    expect(result.snapshot).toBeNull();
    expect(result.errors[0]).toMatchObject({ file: 'quotes.csv', line: 1 });
    expect(result.errors[0]?.reason).toMatch(/header seen at line 1: "Symbol,Last,Change"\. Expected CBOE delayed-quotes download/);
  });
});

function fail(): never {
  throw new Error('fixture chain did not import');
}
