import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../../shared/domain/market.ts';
import { type BarsImportOptions, type BarsImportResult, importBars } from '../../shared/importers/bars.ts';

/**
 * Bar files in the layouts other vendors write, each a fixture written by this project from the vendor's
 * documented or publicly shown layout (test/fixtures/market/README.md). Every one holds the same five SPY
 * minutes of 2025-07-08, 09:30–09:34 ET, so each must import to exactly these bars.
 */
const read = (name: string): string => readFileSync(new URL(`../fixtures/market/${name}`, import.meta.url), 'utf8');
const importFixture = (name: string, options: BarsImportOptions = {}): BarsImportResult => importBars(read(name), name, options);

const OPEN_0930 = Date.parse('2025-07-08T09:30:00-04:00');
const EXPECTED = [
  { open: 621.2, high: 621.8, low: 621.1, close: 621.5, volume: 120000 },
  { open: 621.5, high: 621.9, low: 621.4, close: 621.6, volume: 90000 },
  { open: 621.6, high: 621.7, low: 621.2, close: 621.3, volume: 85000 },
  { open: 621.3, high: 621.45, low: 620.9, close: 621.0, volume: 99000 },
  { open: 621.0, high: 621.35, low: 620.95, close: 621.25, volume: 70000 },
].map((bar, index) => ({ time: OPEN_0930 + index * 60_000, ...bar, extended: false }));

function expectReferenceBars(series: BarSeries | undefined, volumeScale = 1): void {
  expect(series?.symbol).toBe('SPY');
  const bars = series?.bars.map((bar) => ({ ...bar, open: round(bar.open), high: round(bar.high), low: round(bar.low), close: round(bar.close), volume: Math.round(bar.volume * volumeScale) }));
  expect(bars).toEqual(EXPECTED);
}

const round = (value: number): number => Math.round(value * 1e6) / 1e6;

describe('yfinance download(): the three header rows pandas writes for MultiIndex columns', () => {
  it('Price/Ticker/Datetime rows over Close,High,Low,Open,Volume are read by name, not position', () => {
    const result = importFixture('bars-yfinance-download-20250708.csv');
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('two tickers side by side become two series; a blank minute of one ticker is no bar, not an error', () => {
    const result = importFixture('bars-yfinance-download-2tickers-20250708.csv');
    expect(result.errors).toEqual([]);
    expect(result.series.map((series) => [series.symbol, series.bars.length])).toEqual([
      ['QQQ', 4],
      ['SPY', 5],
    ]);
    expectReferenceBars(result.series.find((series) => series.symbol === 'SPY'));
    expect(result.series[0]?.bars[0]).toMatchObject({ time: OPEN_0930, open: 555, close: 555.1 });
  });

  it("group_by='ticker' (ticker row first) with a UTC index", () => {
    const result = importFixture('bars-yfinance-groupby-ticker-20250708.csv');
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });
});

describe('market-data APIs', () => {
  it('Databento ohlcv-1m CSV (pretty_ts, pretty_px): ts_event ISO with nanoseconds and Z', () => {
    const result = importFixture('bars-databento-ohlcv1m-20250708.csv');
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('Databento raw CSV: ts_event in ns epoch and fixed-point prices (1e-9 units)', () => {
    const result = importFixture('bars-databento-raw-20250708.csv');
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('Polygon/Massive flat file: window_start in ns, one series per ticker', () => {
    const result = importFixture('bars-polygon-flatfile-20250708.csv');
    expect(result.errors).toEqual([]);
    expect(result.series.map((series) => series.symbol)).toEqual(['QQQ', 'SPY']);
    expectReferenceBars(result.series[1]);
  });

  it('Alpaca REST bars as CSV: t ISO Z, o,h,l,c,v', () => {
    const result = importFixture('bars-alpaca-api-20250708.csv');
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('Tiingo IEX: date with milliseconds and Z, columns close,high,low,open', () => {
    const result = importFixture('bars-tiingo-iex-20250708.csv');
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('Schwab price history candles: datetime in epoch ms as the last column', () => {
    const result = importFixture('bars-schwab-pricehistory-20250708.csv');
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('Alpha Vantage intraday CSV: US/Eastern without offset, newest first — refused without --tz, sorted with it', () => {
    const refused = importFixture('bars-alphavantage-intraday-20250708.csv');
    expect(refused.series).toEqual([]);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toMatchObject({ line: 2, field: 'timestamp' });
    expect(refused.errors[0]?.reason).toMatch(/no UTC offset or zone; pass --tz .*\(5 rows like this were not imported\)/);
    const result = importFixture('bars-alphavantage-intraday-20250708.csv', { tz: 'America/New_York' });
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
    expect(result.warnings.map((warning) => warning.kind)).toContain('unsorted');
  });
});

describe('charting platforms and brokers', () => {
  it('TradingView export with ISO times and indicator columns', () => {
    const result = importFixture('bars-tradingview-iso-20250708.csv');
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('IBKR API bars `20250708  09:30:00` (two spaces, no zone; volume in lots of 100) need --tz', () => {
    expect(importFixture('bars-ibkr-api-20250708.csv').errors[0]?.reason).toMatch(/--tz/);
    const result = importFixture('bars-ibkr-api-20250708.csv', { tz: 'America/New_York' });
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0], 100);
  });

  it('Barchart: Latest as the close, quoted volumes, newest first, footer skipped; Central time needs --tz', () => {
    const refused = importFixture('bars-barchart-20250708.csv');
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]?.reason).toMatch(/pass --tz .*footer is stamped CDT.*--tz America\/Chicago/);
    const result = importFixture('bars-barchart-20250708.csv', { tz: 'America/Chicago' });
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('Stooq bulk `<TICKER>,<PER>,<DATE>,<TIME>` with HHMMSS times in Warsaw time; `SPY.US` is SPY', () => {
    const result = importFixture('bars-stooq-spy.us-20250708.txt', { tz: 'Europe/Warsaw' });
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('MetaTrader `<DATE>\\t<TIME>` (YYYY.MM.DD) and Sierra Chart `Date, Time, …, Last` with the zone given', () => {
    const mt5 = '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n2025.07.08\t16:30:00\t621.2\t621.8\t621.1\t621.5\t100\t120000\t1\n';
    expect(importBars(mt5, 'mt5.csv', { tz: 'Europe/Athens' }).series[0]?.bars).toEqual([EXPECTED[0]]);
    const sierra = 'Date, Time, Open, High, Low, Last, Volume, NumberOfTrades, BidVolume, AskVolume\n2025/7/8, 09:30:00.000, 621.2, 621.8, 621.1, 621.5, 120000, 10, 500, 500\n';
    expect(importBars(sierra, 'sierra.txt', { tz: 'America/New_York' }).series[0]?.bars).toEqual([EXPECTED[0]]);
  });

  it('Dukascopy `Gmt time` (DD.MM.YYYY) is UTC by its header; volume in millions', () => {
    const result = importFixture('bars-dukascopy-20250708.csv');
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0], 1e6);
  });
});

describe('European spreadsheets', () => {
  it('`;`-separated with decimal commas (`621,20`, volume `120.000`)', () => {
    const text = 'Date;Time;Open;High;Low;Close;Volume\n08.07.2025;15:30:00;621,20;621,80;621,10;621,50;120.000\n';
    const result = importBars(text, 'export.csv', { tz: 'Europe/Berlin' });
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.bars).toEqual([EXPECTED[0]]);
  });
});

describe('files without a header row (FirstRate Data, Kibot)', () => {
  it('FirstRate `YYYY-MM-DD HH:MM:SS,o,h,l,c,v` in ET: refused without --tz with a message that says why', () => {
    const refused = importFixture('bars-firstrate-SPY_1min-20250708.txt');
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toMatchObject({ file: 'bars-firstrate-SPY_1min-20250708.txt', line: 1, field: 'column 1 (time)' });
    expect(refused.errors[0]?.reason).toMatch(/no header row .*--tz America\/New_York/);
    const result = importFixture('bars-firstrate-SPY_1min-20250708.txt', { tz: 'America/New_York' });
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });

  it('Kibot `MM/DD/YYYY,HH:MM,o,h,l,c,v` with --tz', () => {
    const result = importFixture('bars-kibot-SPY-20250708.txt', { tz: 'America/New_York' });
    expect(result.errors).toEqual([]);
    expectReferenceBars(result.series[0]);
  });
});

describe('files that cannot give 1-minute bars', () => {
  it('a daily export (Norgate) is refused with one error: a date without a time of day, counted', () => {
    const result = importFixture('bars-norgate-daily-20250708.csv');
    expect(result.series).toEqual([]);
    expect(result.errors.map((error) => [error.line, error.field])).toEqual([[2, 'Date']]);
    expect(result.errors[0]?.reason).toMatch(/date without a time of day; .*daily file\) \(2 rows like this were not imported\)/);
  });

  it('daily bars stamped at midnight are read but flagged as daily', () => {
    const text = 'Date,Open,High,Low,Close,Volume\n2025-07-07 00:00:00-04:00,623,624,617,620,1\n2025-07-08 00:00:00-04:00,621,622,619,620,1\n';
    const result = importBars(text, 'daily.csv');
    expect(result.warnings.filter((warning) => warning.kind === 'interval').map((warning) => warning.message)).toEqual([
      expect.stringMatching(/daily bars/),
    ]);
  });

  it('an unreadable layout names the file, the header seen and the layouts read', () => {
    const result = importBars('\nSymbol,Description,Qty,Price\nSPY,SPDR,10,620\n', 'positions.csv');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'positions.csv', line: 2 });
    expect(result.errors[0]?.reason).toMatch(/header seen at line 2: "Symbol,Description,Qty,Price"/);
    expect(result.errors[0]?.reason).toMatch(/Expected .*timestamp.*open, high, low, close/);
  });
});
