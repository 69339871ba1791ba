import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { etMinuteToMs, parseTimestamp } from '../market/calendar.ts';
import { importBars } from './bars.ts';

/** Epoch ms of a New York wall-clock minute, e.g. et('2025-07-08', '09:30'). */
function et(date: string, hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return etMinuteToMs(date, hours * 60 + minutes);
}

const OPEN_0708 = et('2025-07-08', '09:30');

describe('bar layouts', () => {
  it('reads a yfinance dump: Datetime with a -04:00 offset and extra columns', () => {
    const text = [
      'Datetime,Open,High,Low,Close,Volume,Dividends,Stock Splits,Capital Gains,Repaired?',
      '2025-07-08 09:30:00-04:00,621.22,622.0,621.2,621.76,120000,0.0,0.0,0.0,False',
      '2025-07-08 09:31:00-04:00,621.69,621.79,621.63,621.63,90000,0.0,0.0,0.0,',
    ].join('\n');
    const result = importBars(text, 'yf.csv');
    expect(result.errors).toEqual([]);
    expect(result.series).toHaveLength(1);
    expect(result.series[0]?.symbol).toBe('SPY');
    expect(result.series[0]?.bars.map((bar) => bar.time)).toEqual([OPEN_0708, OPEN_0708 + 60_000]);
    expect(result.series[0]?.bars[0]).toMatchObject({ open: 621.22, high: 622, low: 621.2, close: 621.76, volume: 120000, extended: false });
  });

  it('reads an Alpaca dump: timestamp in UTC (+00:00), symbol column, trade_count and vwap ignored', () => {
    const text = [
      'timestamp,symbol,open,high,low,close,volume,trade_count,vwap',
      '2025-07-08 13:30:00+00:00,SPY,621.2,621.5,621.1,621.4,5038.0,103.0,621.3',
      '2025-07-08 13:30:00+00:00,QQQ,551.2,551.5,551.1,551.4,4000.0,90.0,551.3',
    ].join('\n');
    const result = importBars(text, 'alpaca.csv');
    expect(result.series.map((series) => series.symbol)).toEqual(['SPY', 'QQQ']);
    expect(result.series[1]?.bars[0]?.time).toBe(OPEN_0708);
  });

  it('reads a TradingView export: time in epoch seconds, Volume capitalised', () => {
    const seconds = OPEN_0708 / 1000;
    const text = `time,open,high,low,close,Volume\n${seconds},621.2,621.5,621.1,621.4,1000\n${seconds + 60},621.4,621.6,621.3,621.5,900\n`;
    const result = importBars(text, 'tv.csv', { symbol: 'spy' });
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.symbol).toBe('SPY');
    expect(result.series[0]?.bars.map((bar) => bar.time)).toEqual([OPEN_0708, OPEN_0708 + 60_000]);
  });

  it('reads Polygon aggregates: t in epoch milliseconds, o h l c v', () => {
    const text = `t,o,h,l,c,v,vw,n\n${OPEN_0708},621.2,621.5,621.1,621.4,1000,621.3,12\n`;
    expect(importBars(text, 'polygon.csv').series[0]?.bars[0]?.time).toBe(OPEN_0708);
  });

  it('reads IBKR historical bars: date with a zone name in the value', () => {
    const text = 'date,open,high,low,close,volume,average,barCount\n20250708 09:30:00 US/Eastern,621.2,621.5,621.1,621.4,1000,621.3,40\n';
    const result = importBars(text, 'ibkr.csv');
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.bars[0]?.time).toBe(OPEN_0708);
  });

  it('reads ISO times with T, Z, +00:00 and -0400 alike', () => {
    const rows = ['2025-07-08T13:30:00Z', '2025-07-08T09:31:00-0400', '2025-07-08 13:32:00+00:00', '2025-07-08T09:33-04:00'];
    const text = ['Timestamp,OPEN,HIGH,LOW,CLOSE,VOLUME', ...rows.map((time) => `${time},1,2,1,2,10`)].join('\n');
    const result = importBars(text, 'iso.csv');
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.bars.map((bar) => (bar.time - OPEN_0708) / 60_000)).toEqual([0, 1, 2, 3]);
  });

  it('reads BOM and CRLF files', () => {
    const text = '\uFEFFDatetime,Open,High,Low,Close,Volume\r\n2025-07-08 09:30:00-04:00,1,2,1,2,10\r\n\r\n';
    const result = importBars(text, 'bom.csv');
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.bars).toHaveLength(1);
  });

  it('asks for --tz when separate date and time columns carry no zone, instead of assuming one', () => {
    const text = 'Date,Time,Open,High,Low,Close,Volume\n07/08/2025,09:30,1,2,1,2,10\n07/08/2025,09:31,1,2,1,2,10\n';
    const result = importBars(text, 'split.csv');
    expect(result.series).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'split.csv', line: 2, field: 'Time' });
    expect(result.errors[0]?.reason).toMatch(/--tz/);
    expect(result.errors[0]?.reason).toMatch(/2 rows/);
  });

  it('reads separate date and time columns in the zone --tz names', () => {
    const text = 'Date,Time,Open,High,Low,Close,Volume\n07/08/2025,09:30,1,2,1,2,10\n2025-07-08,9:31:00 AM,1,2,1,2,10\n';
    const result = importBars(text, 'split.csv', { tz: 'America/New_York' });
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.bars.map((bar) => bar.time)).toEqual([OPEN_0708, OPEN_0708 + 60_000]);
    const utc = importBars(text, 'split.csv', { tz: 'UTC' });
    expect(utc.series[0]?.bars[0]?.time).toBe(Date.UTC(2025, 6, 8, 9, 30));
  });

  it('reads wall-clock times in the zone the header declares', () => {
    const text = 'Date,Time (ET),Open,High,Low,Close\n2025-07-08,09:30,1,2,1,2\n';
    const result = importBars(text, 'header-zone.csv');
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.bars[0]).toMatchObject({ time: OPEN_0708, volume: 0 });
  });

  it('rejects an unknown --tz and a file that is not bars, naming what it reads', () => {
    const bars = 'Datetime,Open,High,Low,Close\n2025-07-08 09:30:00-04:00,1,2,1,2\n';
    expect(importBars(bars, 'a.csv', { tz: 'Mars/Olympus' }).errors[0]?.reason).toMatch(/not a time zone/);
    const notBars = importBars('Date,Description,Amount\n2025-07-08,Deposit,100\n', 'cash.csv');
    expect(notBars.errors[0]).toMatchObject({ file: 'cash.csv', line: 1 });
    expect(notBars.errors[0]?.reason).toMatch(/header seen at line 1: "Date,Description,Amount"/);
    expect(notBars.errors[0]?.reason).toMatch(/yfinance .*Alpaca, Databento, Polygon/);
  });
});

describe('bad bar rows are errors with line and column; the good rows go on', () => {
  const text = [
    'Datetime,Open,High,Low,Close,Volume',
    '2025-07-08 09:30:00-04:00,10,11,9,10,100',
    '2025-07-08 09:31:00-04:00,10,9,11,10,100', // high < low
    '2025-07-08 09:32:00-04:00,10,11,0,10,100', // non-positive low
    'not a time,10,11,9,10,100',
    '2025-07-08 09:34:00-04:00,10,11,9,abc,100',
    '2025-07-08 09:35:00-04:00,12,11,9,10,100', // open above high
    '2025-07-08 09:36:00-04:00,10,11,9,10,-5',
    '2025-07-08 09:37:00-04:00,10,11,9,10,100',
  ].join('\n');
  const result = importBars(text, 'bad.csv');

  it('reports each bad row with file, line, column and reason', () => {
    expect(result.errors.map(({ line, field }) => [line, field])).toEqual([
      [3, 'High'],
      [4, 'Low'],
      [5, 'Datetime'],
      [6, 'Close'],
      [7, 'Open'],
      [8, 'Volume'],
    ]);
    expect(result.errors.every((error) => error.file === 'bad.csv' && error.reason.length > 0)).toBe(true);
    expect(result.errors[0]?.reason).toBe('high 9 is below low 11');
  });

  it('keeps the good rows', () => {
    expect(result.series[0]?.bars.map((bar) => bar.time)).toEqual([OPEN_0708, OPEN_0708 + 7 * 60_000]);
  });
});

describe('unsorted rows, duplicate minutes and gaps are reported', () => {
  it('sorts unsorted rows and says so', () => {
    const text = 'Datetime,Open,High,Low,Close\n2025-07-08 09:31:00-04:00,1,2,1,2\n2025-07-08 09:30:00-04:00,1,2,1,2\n2025-07-08 09:32:00-04:00,1,2,1,2\n';
    const result = importBars(text, 'u.csv');
    expect(result.series[0]?.bars.map((bar) => bar.time)).toEqual([OPEN_0708, OPEN_0708 + 60_000, OPEN_0708 + 120_000]);
    const unsorted = result.warnings.filter((warning) => warning.kind === 'unsorted');
    expect(unsorted).toHaveLength(1);
    expect(unsorted[0]).toMatchObject({ file: 'u.csv', lines: [3] });
    expect(unsorted[0]?.message).toMatch(/sorted/);
  });

  it('keeps the first row of a duplicate minute and reports the rest', () => {
    const text = 'Datetime,Open,High,Low,Close\n2025-07-08 09:30:00-04:00,1,2,1,2\n2025-07-08 09:31:00-04:00,1,2,1,2\n2025-07-08 09:30:00-04:00,5,6,5,6\n';
    const result = importBars(text, 'd.csv');
    expect(result.series[0]?.bars).toHaveLength(2);
    expect(result.series[0]?.bars[0]?.open).toBe(1);
    const duplicates = result.warnings.filter((warning) => warning.kind === 'duplicate');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]?.lines).toEqual([2, 4]);
    expect(duplicates[0]?.message).toMatch(/kept line 2, dropped line\(s\) 4 \(their values differ\)/);
  });

  it('reports missing regular-hours minutes as gaps, with the lines either side', () => {
    const minutes = ['09:30', '09:31', '09:35', ...Array.from({ length: 385 }, (_, index) => {
      const minute = 9 * 60 + 36 + index;
      return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    })];
    const text = ['Datetime,Open,High,Low,Close', ...minutes.map((hhmm) => `2025-07-08 ${hhmm}:00-04:00,1,2,1,2`)].join('\n');
    const result = importBars(text, 'g.csv');
    const gaps = result.warnings.filter((warning) => warning.kind === 'gap');
    // 09:32, 09:33 and 09:34 are missing. The 385 rows from 09:36 end at 09:36 + 384 min = 16:00, the first
    // post-market bar: 384 of them are regular, so 3 + 384 = 387 regular bars and no gap before the close.
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ lines: [3, 4], from: et('2025-07-08', '09:32'), to: et('2025-07-08', '09:35'), missingBars: 3 });
    expect(result.sessions[0]).toMatchObject({ date: '2025-07-08', regularBars: 387, extendedBars: 1 });
  });

  it('marks 13:00 ET and later as extended on an early-close day (2025-11-28)', () => {
    const text = ['Datetime,Open,High,Low,Close', '12:58', '12:59', '13:00', '13:01'].map((row, index) => (index === 0 ? row : `2025-11-28 ${row}:00-05:00,1,2,1,2`)).join('\n');
    const result = importBars(text, 'friday.csv');
    expect(result.series[0]?.bars.map((bar) => bar.extended)).toEqual([false, false, true, true]);
    expect(result.sessions[0]).toMatchObject({ date: '2025-11-28', earlyClose: true, regularBars: 2, extendedBars: 2 });
    // Only 2 of 210 regular minutes (09:30–13:00) are present: one sparse warning, not a list of gaps.
    expect(result.warnings.map((warning) => warning.kind)).toEqual(['sparse']);
    expect(result.warnings[0]?.missingBars).toBe(208);
  });

  it('marks every bar of a holiday as extended (2025-07-04)', () => {
    const text = 'Datetime,Open,High,Low,Close\n2025-07-04 10:00:00-04:00,1,2,1,2\n';
    const result = importBars(text, 'h.csv');
    expect(result.series[0]?.bars[0]?.extended).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('checks 5-minute files on a 5-minute grid', () => {
    const rows = Array.from({ length: 78 }, (_, index) => `${(OPEN_0708 + index * 300_000) / 1000},1,2,1,2,10`);
    const result = importBars(['time,open,high,low,close,volume', ...rows].join('\n'), 'five.csv');
    expect(result.warnings.map((warning) => warning.kind)).toEqual(['interval']);
  });
});

describe('property: shuffled bar rows give the same series', () => {
  it('holds for any order of the same rows', () => {
    const rowArbitrary = fc.uniqueArray(fc.integer({ min: 0, max: 16 * 60 - 1 }), { minLength: 1, maxLength: 60 }).chain((minutes) =>
      fc.tuple(fc.constant(minutes), fc.shuffledSubarray(minutes, { minLength: minutes.length, maxLength: minutes.length })),
    );
    fc.assert(
      fc.property(rowArbitrary, ([minutes, shuffled]) => {
        const start = parseTimestamp('2025-07-08T04:00:00-04:00');
        const line = (minute: number): string => {
          const price = 600 + (minute % 17);
          return `${(start + minute * 60_000) / 1000},${price},${price + 1},${price - 1},${price},${minute}`;
        };
        const header = 'time,open,high,low,close,volume';
        const ordered = importBars([header, ...minutes.map(line)].join('\n'), 'a.csv');
        const mixed = importBars([header, ...shuffled.map(line)].join('\n'), 'a.csv');
        expect(mixed.series).toEqual(ordered.series);
        expect(mixed.sessions).toEqual(ordered.sessions);
      }),
      { numRuns: 60 },
    );
  });
});
