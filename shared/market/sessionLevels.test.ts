/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import type { Bar } from '../domain/market.ts';
import { parseYahooBars, pathBars } from '../engine/regret/testkit.ts';
import { etMinuteToMs, isRegularHours } from './calendar.ts';
import { MAX_SESSION_DAYS, OPENING_RANGE_MIN, PRIOR_SESSION_LOOKBACK_DAYS, priorSessionBars, regularBarsBetween, regularSessionBars, sessionLevels } from './sessionLevels.ts';

// The real yfinance dump (04:00–19:59 ET rows, pre/post rows with volume 0), read as published.
const files = import.meta.glob<string>('../../test/fixtures/real/bars/spy-1min-20250708-20250714-yfinance.csv', { query: '?raw', import: 'default', eager: true });
const realBars = parseYahooBars(Object.values(files)[0] ?? '');

describe('session levels', () => {
  it('reads the real yfinance file with its pre- and post-market rows', () => {
    expect(realBars.length).toBeGreaterThan(4000);
    expect(realBars.some((bar) => !isRegularHours(bar.time))).toBe(true);
  });

  it('takes regular-hours bars from the bar time, exactly as isRegularHours does, not from the extended flag', () => {
    const regular = realBars.filter((bar) => isRegularHours(bar.time));
    for (const date of ['2025-07-08', '2025-07-09', '2025-07-14']) {
      const session = regularSessionBars(realBars, date);
      const byCalendar = regular.filter((bar) => bar.time >= etMinuteToMs(date, 0) && bar.time < etMinuteToMs(date, 24 * 60));
      expect(session).toEqual(byCalendar);
      expect(session.length).toBeGreaterThan(380);
    }
    expect(regularSessionBars(realBars, '2025-07-12')).toEqual([]); // Saturday
  });

  it('pre- and post-market bad prints do not change the session high and low', () => {
    const day = realBars.filter((bar) => bar.time >= etMinuteToMs('2025-07-08', 0) && bar.time < etMinuteToMs('2025-07-09', 0));
    const allLow = Math.min(...day.map((bar) => bar.low));
    expect(allLow).toBeLessThan(600); // the file holds an extended-hours print near 523
    const levels = sessionLevels(regularSessionBars(realBars, '2025-07-08'));
    expect(levels?.low).toBeCloseTo(619.52, 2);
    expect(levels?.high).toBeCloseTo(622.11, 2);
    expect(levels?.vwap).toBeGreaterThan(619.52);
    expect(levels?.vwap).toBeLessThan(622.11);
  });

  it('builds the opening range from the first OPENING_RANGE_MIN = 15 minutes once they are over', () => {
    expect(OPENING_RANGE_MIN).toBe(15);
    const bars: Bar[] = pathBars('2025-07-08', '09:30', [[0, 100], [14, 101], [20, 103], [40, 99]], 0);
    const levels = sessionLevels(bars);
    expect(levels?.openingRange).toEqual({ high: 101, low: 100 });
    expect(levels?.high).toBe(103);
    expect(levels?.low).toBe(99);
    expect(sessionLevels(bars, etMinuteToMs('2025-07-08', 9 * 60 + 40))?.openingRange).toBeNull();
    expect(sessionLevels(bars, etMinuteToMs('2025-07-08', 9 * 60 + 44))?.openingRange).toEqual({ high: 101, low: 100 });
    expect(sessionLevels(bars, etMinuteToMs('2025-07-08', 9 * 60 + 50))?.high).toBe(103);
    expect(sessionLevels([])).toBeNull();
  });

  it('walks the regular sessions of a multi-day span, at most MAX_SESSION_DAYS of them', () => {
    expect(MAX_SESSION_DAYS).toBe(120);
    const span = regularBarsBetween(realBars, etMinuteToMs('2025-07-08', 15 * 60 + 50), etMinuteToMs('2025-07-09', 9 * 60 + 35));
    expect(span.every((bar) => isRegularHours(bar.time))).toBe(true);
    expect(span.length).toBe(10 + 6);
  });

  it(`finds the prior session by binary search, skipping weekends, holidays and days of only pre/post rows, within PRIOR_SESSION_LOOKBACK_DAYS = ${PRIOR_SESSION_LOOKBACK_DAYS} days`, () => {
    expect(PRIOR_SESSION_LOOKBACK_DAYS).toBe(7);
    expect(priorSessionBars(realBars, '2025-07-09')).toEqual(regularSessionBars(realBars, '2025-07-08'));
    expect(priorSessionBars(realBars, '2025-07-14')).toEqual(regularSessionBars(realBars, '2025-07-11')); // over the weekend
    expect(priorSessionBars(realBars, '2025-07-08')).toEqual([]); // the file starts that day (its pre-market rows are not a session)
    expect(priorSessionBars(realBars, '2025-07-25')).toEqual([]); // 11 days after the last session
    // July 3 (early close) → July 4 holiday → weekend → Monday July 7
    const thursday = pathBars('2025-07-03', '09:30', [[0, 600], [209, 601]], 0);
    const preMarketOnly = pathBars('2025-07-04', '08:00', [[0, 500], [30, 500]], 0);
    expect(priorSessionBars([...thursday, ...preMarketOnly], '2025-07-07')).toEqual(thursday);
  });
});
