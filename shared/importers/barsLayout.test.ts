import { describe, expect, it } from 'vitest';
import { importBars } from './bars.ts';
import { detectBarsLayout } from './barsLayout.ts';
import { readCsvLines } from './marketCsv.ts';

const layoutOf = (text: string): ReturnType<typeof detectBarsLayout> => detectBarsLayout(readCsvLines(text));
const OPEN = Date.parse('2025-07-08T09:30:00-04:00');

describe('bar layouts: header shapes', () => {
  it('yfinance download(): the field row, then the ticker row, then the index-name row; data after all three', () => {
    const layout = layoutOf('Price,Close,High,Low,Open,Volume\nTicker,SPY,SPY,SPY,SPY,SPY\nDatetime,,,,,\n2025-07-08 09:30:00-04:00,2,3,1,1.5,10\n');
    expect(layout).toMatchObject({ headerIndex: 0, dataIndex: 3, time: { kind: 'single', column: 0 }, headers: ['Datetime', 'Close', 'High', 'Low', 'Open', 'Volume'] });
    expect(layout?.groups).toEqual([{ open: 4, high: 2, low: 3, close: 1, volume: 5, symbol: 'SPY' }]);
  });

  it('yfinance with auto_adjust=False: `Adj Close` is not the close', () => {
    const layout = layoutOf('Price,Adj Close,Close,High,Low,Open,Volume\nTicker,SPY,SPY,SPY,SPY,SPY,SPY\nDate,,,,,,\n');
    expect(layout?.groups[0]).toMatchObject({ close: 2, open: 5 });
  });

  it('older pandas MultiIndex dump: blank first cells in the field and ticker rows', () => {
    const layout = layoutOf(',Open,Open,High,High,Low,Low,Close,Close\n,QQQ,SPY,QQQ,SPY,QQQ,SPY,QQQ,SPY\nDatetime,,,,,,,,\n');
    expect(layout?.groups.map((group) => [group.symbol, group.open, group.close])).toEqual([
      ['QQQ', 1, 7],
      ['SPY', 2, 8],
    ]);
    expect(layout?.dataIndex).toBe(3);
  });

  it("pandas' unnamed index column holds the time (Alpha Vantage JSON dumped with `1. open` columns)", () => {
    const layout = layoutOf(',1. open,2. high,3. low,4. close,5. volume\n2025-07-08 09:30:00,1,2,1,2,10\n');
    expect(layout).toMatchObject({ time: { kind: 'single', column: 0 }, dataIndex: 1, groups: [{ open: 1, high: 2, low: 3, close: 4, volume: 5, symbol: null }] });
  });

  it('Databento raw headers turn on fixed-point prices; pretty prices with a decimal point are left alone', () => {
    const header = 'ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol';
    expect(layoutOf(`${header}\n`)).toMatchObject({ fixedPointPrices: true, time: { kind: 'single', column: 0 }, symbol: 9 });
    const raw = importBars(`${header}\n${OPEN}000000,33,2,1,621200000000,621800000000,621100000000,621500000000,5,SPY\n`, 'raw.csv');
    const pretty = importBars(`${header}\n${OPEN}000000,33,2,1,621.2,621.8,621.1,621.5,5,SPY\n`, 'pretty.csv');
    expect(raw.series[0]?.bars[0]?.open).toBeCloseTo(621.2, 9);
    expect(pretty.series[0]?.bars[0]?.open).toBe(621.2);
  });

  it('time column priority: a full timestamp beats separate date and time columns, which beat a lone date', () => {
    expect(layoutOf('date,time,timestamp,open,high,low,close\n')?.time).toEqual({ kind: 'single', column: 2 });
    expect(layoutOf('<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n')?.time).toEqual({ kind: 'split', dateColumn: 2, timeColumn: 3 });
    expect(layoutOf('ticker,volume,open,close,high,low,window_start,transactions\n')).toMatchObject({ time: { column: 6 }, symbol: 0, groups: [{ volume: 1 }] });
  });
});

describe('bar symbols as the journal names them', () => {
  it('Polygon `T` beside `t`, streamed `s` starts, `O:` option tickers, padded OCC from Databento, Stooq `.US`', () => {
    const symbolsOf = (text: string): string[] => importBars(text, 'x.csv').series.map((series) => `${series.symbol}@${series.bars[0]?.time}`);
    expect(symbolsOf('T,v,vw,o,c,h,l,t,n\nSPY,1000,621.4,621.2,621.5,621.8,621.1,1751981400000,12\n')).toEqual([`SPY@${OPEN}`]);
    expect(symbolsOf('ev,sym,v,av,op,vw,o,c,h,l,a,z,s,e\nAM,SPY,1000,5000,620,621.4,621.2,621.5,621.8,621.1,621.3,10,1751981400000,1751981460000\n')).toEqual([`SPY@${OPEN}`]);
    expect(symbolsOf('ticker,volume,open,close,high,low,window_start,transactions\nO:SPY250708C00620000,10,1.2,1.3,1.4,1.1,1751981400000000000,3\n')).toEqual([`SPY250708C00620000@${OPEN}`]);
    expect(symbolsOf('ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n2025-07-08T13:30:00.000000000Z,33,1,1,1.2,1.4,1.1,1.3,10,SPY   250708C00620000\n')).toEqual([`SPY250708C00620000@${OPEN}`]);
  });
});

describe('bar layouts: files without a header row', () => {
  it('`date time,o,h,l,c,v` and `date,time,o,h,l,c,v` are recognised from their first rows', () => {
    expect(layoutOf('2025-07-08 09:30:00,1,2,1,2,10\n2025-07-08 09:31:00,2,3,2,3,11\n')).toMatchObject({
      headerless: true,
      dataIndex: 0,
      time: { kind: 'single', column: 0 },
      groups: [{ open: 1, high: 2, low: 3, close: 4, volume: 5 }],
      headers: ['column 1 (time)', 'column 2 (open)', 'column 3 (high)', 'column 4 (low)', 'column 5 (close)', 'column 6 (volume)'],
    });
    expect(layoutOf('07/08/2025,09:30,1,2,1,2,10\n')).toMatchObject({ time: { kind: 'split', dateColumn: 0, timeColumn: 1 }, groups: [{ open: 2, volume: 6 }] });
    expect(layoutOf('2025-07-08T13:30:00Z,1,2,1,2\n')).toMatchObject({ groups: [{ volume: -1 }] });
  });

  it('rows that disagree, or that are not time + four prices, are not taken for bars', () => {
    expect(layoutOf('2025-07-08 09:30:00,1,2,1,2,10\n07/08/2025,09:31,2,3,2,3,11\n')).toBeNull();
    expect(layoutOf('2025-07-08,Deposit,100,USD\n')).toBeNull();
    expect(layoutOf('SPY,620.4,1.1,0.2,5\n')).toBeNull();
  });

  it('a header-less file with offsets needs no --tz', () => {
    const result = importBars('2025-07-08 09:30:00-04:00,621.2,621.8,621.1,621.5,1000\n', 'frd.txt');
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.bars[0]).toMatchObject({ time: OPEN, close: 621.5, volume: 1000 });
  });

  it('a bad row in a header-less file is reported with its column number', () => {
    const result = importBars('2025-07-08 09:30:00,621.2,621.8,621.1,621.5,1000\n2025-07-08 09:31:00,621.5,621.0,621.4,621.6,900\n', 'frd.txt', { tz: 'America/New_York' });
    expect(result.errors).toEqual([{ file: 'frd.txt', line: 2, field: 'column 3 (high)', reason: 'high 621 is below low 621.4' }]);
  });
});
