import { describe, expect, it } from 'vitest';
import { etMinuteToMs, parseTimestamp } from './calendar.ts';
import { EXPIRY_ROLLBACK_MAX_DAYS, MIN_TIME_TO_EXPIRY_MS, MS_PER_YEAR, expiryCloseMs, minutesToYears, msToExpiry, msToYears, timeToExpiryYears } from './timeToExpiry.ts';

describe('time to expiry', () => {
  it('uses one calendar clock: a year is 365 days of 24 hours', () => {
    expect(MS_PER_YEAR).toBe(31_536_000_000);
    expect(msToYears(MS_PER_YEAR)).toBe(1);
    expect(minutesToYears(60 * 24 * 365)).toBe(1);
  });

  it('runs to the expiry day’s 16:00 ET close', () => {
    const at1500 = parseTimestamp('2025-07-08T15:00:00-04:00');
    expect(msToExpiry(at1500, '2025-07-08')).toBe(60 * 60_000);
    expect(timeToExpiryYears(at1500, '2025-07-08')).toBeCloseTo(1 / (365 * 24), 12);
    // two days and one hour to Thursday's close, nights included
    expect(msToExpiry(at1500, '2025-07-10')).toBe((2 * 24 + 1) * 3600_000);
  });

  it('uses the 13:00 ET close on early-close days', () => {
    expect(msToExpiry(parseTimestamp('2025-07-03T12:00:00-04:00'), '2025-07-03')).toBe(60 * 60_000);
    expect(expiryCloseMs('2025-11-28')).toBe(etMinuteToMs('2025-11-28', 13 * 60));
  });

  it('moves an expiry on a closed day to the previous session (at most EXPIRY_ROLLBACK_MAX_DAYS back)', () => {
    expect(EXPIRY_ROLLBACK_MAX_DAYS).toBe(7);
    expect(expiryCloseMs('2025-04-18')).toBe(etMinuteToMs('2025-04-17', 16 * 60)); // Good Friday
    expect(expiryCloseMs('2025-07-12')).toBe(etMinuteToMs('2025-07-11', 16 * 60)); // Saturday
  });

  it('is floored at MIN_TIME_TO_EXPIRY_MS (1 minute) so it stays finite and stable as time runs to zero', () => {
    expect(MIN_TIME_TO_EXPIRY_MS).toBe(60_000);
    const close = expiryCloseMs('2025-07-08');
    expect(msToExpiry(close - 30_000, '2025-07-08')).toBe(60_000);
    expect(msToExpiry(close + 3600_000, '2025-07-08')).toBe(60_000);
    let previous = Number.POSITIVE_INFINITY;
    for (let minutesLeft = 120; minutesLeft >= -5; minutesLeft -= 1) {
      const value = timeToExpiryYears(close - minutesLeft * 60_000, '2025-07-08');
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(previous);
      previous = value;
    }
  });
});
