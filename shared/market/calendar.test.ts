import { describe, expect, it } from 'vitest';
import { etClock, isRegularHours, parseTimestamp, sessionDay } from './calendar.ts';

describe('session calendar', () => {
  it('reads New York wall time from the tz database in summer and winter', () => {
    expect(etClock(parseTimestamp('2025-07-08T13:30:00Z')).minuteOfDay).toBe(9 * 60 + 30);
    expect(etClock(parseTimestamp('2025-01-08T14:30:00Z')).minuteOfDay).toBe(9 * 60 + 30);
    expect(etClock(parseTimestamp('2025-07-08 09:45:00-04:00')).minuteOfDay).toBe(9 * 60 + 45);
  });

  it('knows the NYSE holidays', () => {
    for (const day of ['2025-01-01', '2025-01-09', '2025-01-20', '2025-04-18', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25', '2026-07-03', '2027-12-24']) {
      expect(sessionDay(day).isTradingDay, day).toBe(false);
    }
    expect(sessionDay('2025-07-08').isTradingDay).toBe(true);
    expect(sessionDay('2022-12-31').isTradingDay).toBe(false); // Saturday
    expect(sessionDay('2021-12-31').isTradingDay).toBe(true); // New Year on Saturday is not observed Friday
  });

  it('closes at 13:00 ET on early-close days', () => {
    for (const day of ['2025-07-03', '2025-11-28', '2025-12-24', '2024-07-03', '2023-07-03']) {
      const session = sessionDay(day);
      expect(session.earlyClose, day).toBe(true);
      expect(session.closeMinute).toBe(13 * 60);
    }
    expect(sessionDay('2022-07-01').earlyClose).toBe(false);
    expect(sessionDay('2025-07-08').closeMinute).toBe(16 * 60);
  });

  it('marks pre- and post-market minutes as outside regular hours', () => {
    expect(isRegularHours(parseTimestamp('2025-07-08T09:29:00-04:00'))).toBe(false);
    expect(isRegularHours(parseTimestamp('2025-07-08T09:30:00-04:00'))).toBe(true);
    expect(isRegularHours(parseTimestamp('2025-07-08T15:59:00-04:00'))).toBe(true);
    expect(isRegularHours(parseTimestamp('2025-07-08T16:00:00-04:00'))).toBe(false);
    expect(isRegularHours(parseTimestamp('2025-11-28T13:30:00-05:00'))).toBe(false);
  });
});
