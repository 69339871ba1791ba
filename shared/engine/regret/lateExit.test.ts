import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { buildRegretContext } from './context.ts';
import { LATE_EXIT_CRUSH_EXPONENT, LATE_EXIT_FULL_HOLD_MIN, LATE_EXIT_PIN_WINDOW_MIN, LATE_EXIT_VWAP_BAND_RANGES, crushLateness, scoreLateExitRegret } from './lateExit.ts';
import { etMs, makeInput, makeTrade, pathBars } from './testkit.ts';

const at = (clock: string) => `2025-07-08T${clock}:00-04:00`;
type Waypoints = (readonly [number, number])[];
// Heavy volume at 620 all morning pins the VWAP there; a light-volume rally to 621.50 at 10:45 comes back
// to 620 by 11:00 and sits on it.
const magnetDay = (tail: Waypoints): Bar[] =>
  pathBars('2025-07-08', '09:30', [[0, 620], [60, 620], [75, 621.5], [90, 620], ...tail], 0.02).map((bar, index) => ({ ...bar, volume: index <= 60 ? 100_000 : 100 }));
const pinnedDay = magnetDay([[389, 620]]);
const lateExit = (overrides: Parameters<typeof makeTrade>[0], bars: readonly Bar[] | null = pinnedDay) =>
  scoreLateExitRegret(buildRegretContext(makeInput(makeTrade({ entry_time: at('10:40'), exit_time: at('11:20'), entry_price: 1, exit_price: 0.9, ...overrides }), bars)));

describe('late_exit_regret', () => {
  it('late_exit_regret: held into a VWAP magnet scores high', () => {
    const result = lateExit({});
    expect(result.score ?? 0).toBeGreaterThan(0.8);
    expect(result.levels.vwapAtExit ?? 0).toBeCloseTo(620, 1);
    expect(result.explanation).toMatch(
      /^VWAP magnet: the underlying was at most 1\.\d\d from VWAP during the trade and 0\.\d\d at the exit \(approach \(1\.\d\d − 0\.\d\d\) \/ 1\.\d\d = \d\.\d\d\); the 6 closes of the last 5 min: 6 within ±0\.\d\d of VWAP \(2 typical minute ranges\), closeness 1\.00 \(mean of 1 inside the band, band \/ distance outside\); hold factor min\(1, 40 min \/ 15\) = 1\.00; /,
    );
  });

  it('late_exit_regret: held into expiry crush (a late-day 0DTE exit after the premium bled) scores high', () => {
    const result = lateExit({ entry_time: at('15:00'), exit_time: at('15:55'), entry_price: 1, exit_price: 0.1 }, null);
    expect(result.score ?? 0).toBeGreaterThanOrEqual(0.8);
    expect(result.explanation).toBe(
      'VWAP magnet dropped (no 1-minute bars for SPY on 2025-07-08); expiry crush: premium 1.00 → 0.10 (bled 0.90 of it), exit 5 min before the expiry close (lateness 1 − √(5 / 390) = 0.89 of the session\'s at-the-money time value gone); 0.90 × 0.89 = 0.80; the larger → 0.80',
    );
  });

  it('late_exit_regret: early exits score near 0', () => {
    expect(lateExit({ exit_time: at('10:45') }).score ?? 1).toBeLessThanOrEqual(0.05); // out on the rally, before the pull to VWAP
    // 90 % of the premium gone by 10:30, but only 8 % of the day's time value: this was the move, not the crush
    expect(lateExit({ entry_time: at('10:00'), exit_time: at('10:30'), entry_price: 1, exit_price: 0.1 }, null).score ?? 1).toBeLessThanOrEqual(0.1);
  });

  it('late_exit_regret: 0 means measurably nothing to regret — the premium did not bleed and the price did not come back toward VWAP', () => {
    // bought at 10:40 on the way up, out at the 10:45 top with the premium up
    const result = lateExit({ entry_time: at('10:40'), exit_time: at('10:45'), entry_price: 1, exit_price: 1.4 });
    expect(result.score).toBe(0);
    expect(result.explanation).toContain('bled 0.00 of it');
  });

  it('late_exit_regret: a seller held into the crush scores like a buyer (still short for the last pennies); no crush for an option that expires after the exit day', () => {
    const short = lateExit({ side: 'short', entry_time: at('15:00'), exit_time: at('15:55'), entry_price: 1, exit_price: 0.1 }, null);
    expect(short.score).toBe(0.8);
    expect(short.explanation).toContain('expiry crush: short: premium sold 1.00 → 0.10 (bled 0.90 of it)');
    expect(lateExit({ side: 'short', entry_time: at('10:00'), exit_time: at('10:30'), entry_price: 1, exit_price: 0.1 }, null).score ?? 1).toBeLessThanOrEqual(0.1);
    const weekly = lateExit({ expiry: '2025-07-11', entry_time: at('15:00'), exit_time: at('15:55'), entry_price: 1, exit_price: 0.1 }, null);
    expect(weekly.score).toBe(0);
    expect(weekly.explanation).toContain('expiry 2025-07-11 is not the exit day');
  });

  it(`late_exit_regret: the magnet reads the last LATE_EXIT_PIN_WINDOW_MIN = ${LATE_EXIT_PIN_WINDOW_MIN} minutes: closeness 1 within LATE_EXIT_VWAP_BAND_RANGES = ${LATE_EXIT_VWAP_BAND_RANGES} typical ranges of VWAP, band / distance beyond`, () => {
    expect(LATE_EXIT_PIN_WINDOW_MIN).toBe(5);
    expect(LATE_EXIT_VWAP_BAND_RANGES).toBe(2);
    // back to 620.60 only: outside the band of VWAP ≈ 620, so the closes count band / distance, not 1
    const result = lateExit({}, magnetDay([[100, 620.6], [389, 620.6]]));
    expect(result.explanation).toContain('the 6 closes of the last 5 min: 0 within');
    expect(result.score ?? 0).toBeGreaterThan(0);
    expect(result.score ?? 1).toBeLessThan(lateExit({}).score ?? 0);
  });

  it('late_exit_regret: a near miss of the VWAP magnet is graded — the closer to VWAP the price was pulled by the exit, the higher', () => {
    const pulledTo = (level: number) => lateExit({}, magnetDay([[100, level], [389, level]])).score ?? -1;
    const scores = [620.9, 620.6, 620.3, 620.1].map(pulledTo);
    for (let index = 1; index < scores.length; index += 1) expect(scores[index]).toBeGreaterThan(scores[index - 1] ?? 1);
    expect(scores[3]).toBeGreaterThan(0.8);
  });

  it(`late_exit_regret: a hold shorter than LATE_EXIT_FULL_HOLD_MIN = ${LATE_EXIT_FULL_HOLD_MIN} minutes counts in proportion`, () => {
    expect(LATE_EXIT_FULL_HOLD_MIN).toBe(15);
    const long = lateExit({ entry_time: at('10:45'), exit_time: at('11:15') });
    const short = lateExit({ entry_time: at('11:00'), exit_time: '2025-07-08T11:07:30-04:00' });
    expect(long.explanation).toContain('hold factor min(1, 30 min / 15) = 1.00');
    expect(short.explanation).toContain('hold factor min(1, 7.5 min / 15) = 0.50');
  });

  it(`late_exit_regret: expiry crush lateness = the share of the session's at-the-money time value gone at the exit, 1 − (minutes left / session minutes)^LATE_EXIT_CRUSH_EXPONENT (${LATE_EXIT_CRUSH_EXPONENT})`, () => {
    expect(LATE_EXIT_CRUSH_EXPONENT).toBe(0.5);
    const trade = { entry_time: at('14:00'), entry_price: 1, exit_price: 0 };
    expect(lateExit({ ...trade, exit_time: at('15:00') }, null).score).toBe(0.61);
    expect(lateExit({ ...trade, exit_time: at('15:30') }, null).score).toBe(0.72);
    expect(lateExit({ ...trade, exit_time: at('16:00') }, null).score).toBe(1);
    expect(crushLateness(etMs('2025-07-08', '09:30'), '2025-07-08')).toBe(0);
    expect(crushLateness(etMs('2025-07-08', '12:45'), '2025-07-08')).toBeCloseTo(1 - Math.SQRT1_2, 9);
    expect(crushLateness(etMs('2025-07-03', '12:00'), '2025-07-03')).toBeCloseTo(1 - Math.sqrt(60 / 210), 9); // early close at 13:00
    // never falls as the exit gets later
    let previous = -1;
    for (let minute = 0; minute <= 390; minute += 5) {
      const lateness = crushLateness(etMs('2025-07-08', '09:30') + minute * 60_000, '2025-07-08');
      expect(lateness).toBeGreaterThanOrEqual(previous);
      previous = lateness;
    }
  });

  it('late_exit_regret: null with the reason without a time of day', () => {
    expect(lateExit({ exit_time: '2025-07-08' })).toMatchObject({ score: null, explanation: 'the export gives no time of day (exit_time is 2025-07-08)' });
  });
});
