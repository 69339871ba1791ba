import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBars } from '../../shared/importers/bars.ts';
import { etClock } from '../../shared/market/calendar.ts';

/** The real vendor files in test/fixtures/real/bars, read exactly as published. */
const REAL_BARS = new URL('../fixtures/real/bars/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, REAL_BARS), 'utf8');

function minuteOf(time: number): { date: string; hhmm: string } {
  const clock = etClock(time);
  const minute = Math.round(clock.minuteOfDay);
  return { date: clock.date, hhmm: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}` };
}

describe('real yfinance file (SPY 2025-07-08 … 2025-07-14, -04:00 offsets, 04:00–19:59 ET)', () => {
  const result = importBars(read('spy-1min-20250708-20250714-yfinance.csv'), 'spy-1min-20250708-20250714-yfinance.csv');
  const bars = result.series[0]?.bars ?? [];

  it('reads every row: 4,696 bars of SPY, no errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.series.map((series) => series.symbol)).toEqual(['SPY']);
    expect(bars).toHaveLength(4696);
  });

  it('counts the regular-hours bars of each session', () => {
    expect(result.sessions.map(({ date, regularBars, extendedBars, earlyClose }) => [date, regularBars, extendedBars, earlyClose])).toEqual([
      ['2025-07-08', 388, 554, false],
      ['2025-07-09', 390, 547, false],
      ['2025-07-10', 383, 552, false],
      ['2025-07-11', 389, 552, false],
      ['2025-07-14', 390, 551, false],
    ]);
  });

  it('marks 04:00–09:29 and 16:00+ as extended, 09:30–15:59 as regular', () => {
    const misMarked = bars.filter((bar) => {
      const { hhmm } = minuteOf(bar.time);
      return bar.extended !== (hhmm < '09:30' || hhmm >= '16:00');
    });
    expect(misMarked).toEqual([]);
    expect(bars.filter((bar) => bar.extended)).toHaveLength(4696 - (388 + 390 + 383 + 389 + 390));
    const at = (hhmm: string) => bars.find((bar) => minuteOf(bar.time).date === '2025-07-09' && minuteOf(bar.time).hhmm === hhmm);
    expect(at('04:00')?.extended).toBe(true);
    // yfinance's pre-market that day stops at 09:14 (line 1250); the open is line 1251.
    const openBar = at('09:30');
    const openIndex = bars.findIndex((bar) => bar === openBar);
    expect(minuteOf(bars[openIndex - 1]?.time ?? 0)).toEqual({ date: '2025-07-09', hhmm: '09:14' });
    expect(bars[openIndex - 1]?.extended).toBe(true);
    expect(at('09:30')?.extended).toBe(false);
    expect(at('15:59')?.extended).toBe(false);
    expect(at('16:00')?.extended).toBe(true);
  });

  it('reports the missing regular-hours minutes as gaps, as many as each session lacks', () => {
    const gaps = result.warnings.filter((warning) => warning.kind === 'gap');
    const missingByDate = new Map<string, number>();
    for (const gap of gaps) {
      const date = minuteOf(gap.from ?? 0).date;
      missingByDate.set(date, (missingByDate.get(date) ?? 0) + (gap.missingBars ?? 0));
    }
    for (const session of result.sessions) expect(missingByDate.get(session.date) ?? 0, session.date).toBe(390 - session.regularBars);
    const first = gaps[0];
    expect(first && minuteOf(first.from ?? 0)).toEqual({ date: '2025-07-08', hhmm: '11:03' });
    expect(first?.lines).toEqual([408, 409]);
    expect(gaps.find((gap) => gap.missingBars === 5) && minuteOf(gaps.find((gap) => gap.missingBars === 5)?.from ?? 0)).toEqual({ date: '2025-07-10', hhmm: '09:32' });
    expect(result.warnings.filter((warning) => warning.kind !== 'gap')).toEqual([]);
  });
});

describe('real Alpaca file (SPY 2025-04-24 … 2025-04-25, UTC +00:00, symbol/trade_count/vwap columns)', () => {
  const result = importBars(read('spy-1min-20250424-20250425-alpaca.csv'), 'spy-1min-20250424-20250425-alpaca.csv');

  it('reads every row: 1,774 bars, 390 regular bars per session, nothing missing', () => {
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.bars).toHaveLength(1774);
    expect(result.sessions.map(({ date, regularBars }) => [date, regularBars])).toEqual([
      ['2025-04-24', 390],
      ['2025-04-25', 390],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('reads UTC times: the first bar is 04:00 ET pre-market, 13:30Z is the 09:30 ET open', () => {
    const bars = result.series[0]?.bars ?? [];
    expect(minuteOf(bars[0]?.time ?? 0)).toEqual({ date: '2025-04-24', hhmm: '04:00' });
    expect(bars[0]?.extended).toBe(true);
    const open = bars.find((bar) => bar.time === Date.UTC(2025, 3, 24, 13, 30));
    expect(open?.extended).toBe(false);
    expect(bars.filter((bar) => !bar.extended)).toHaveLength(780);
  });
});

describe('real Alpaca option-contract bar files, each its own symbol', () => {
  const files = [
    ['option-SPY250506P00551000-1min-alpaca.csv', 'SPY250506P00551000', 18],
    ['option-SPY250507C00551000-1min-alpaca.csv', 'SPY250507C00551000', 35],
    ['option-SPY250508C00551000-1min-alpaca.csv', 'SPY250508C00551000', 12],
  ] as const;

  it.each(files)('%s reads as %s with every row', (file, symbol, rows) => {
    const result = importBars(read(file), file);
    expect(result.errors).toEqual([]);
    expect(result.series.map((series) => [series.symbol, series.bars.length])).toEqual([[symbol, rows]]);
    // A contract that trades a few times a day gets one sparse note per session, not hundreds of gaps.
    expect(result.warnings.every((warning) => warning.kind === 'sparse')).toBe(true);
    expect(result.warnings).toHaveLength(result.sessions.length);
  });
});
