import { describe, expect, it } from 'vitest';
import { clockTime, flexibleDate, wallTimeToIso } from './brokerTime.ts';
import { shareCost } from './thinkorswimCash.ts';

describe('broker dates and times in the forms exports use', () => {
  it('reads every date format IBKR Flex offers, and day-first only when told', () => {
    for (const text of ['20250613', '2025-06-13', '2025/06/13', '06/13/2025', '06/13/25', '13-Jun-25', '13-JUN-2025', '13 JUN 25', '13JUN25']) {
      expect(flexibleDate(text), text).toBe('2025-06-13');
    }
    expect(flexibleDate('13/06/2025', true)).toBe('2025-06-13');
    expect(flexibleDate('13/06/2025')).toBeNull();
    expect(flexibleDate('2025-02-30')).toBeNull();
    expect(flexibleDate('yesterday')).toBeNull();
  });

  it('reads 24-hour, compact and AM/PM clocks', () => {
    expect(clockTime('10:15:02')).toBe('10:15:02');
    expect(clockTime('101502')).toBe('10:15:02');
    expect(clockTime('9:30')).toBe('09:30:00');
    expect(clockTime('5:10 PM')).toBe('17:10:00');
    expect(clockTime('12:05 AM')).toBe('00:05:00');
    expect(clockTime('12:05 PM')).toBe('12:05:00');
    expect(clockTime('10:15:02.250')).toBe('10:15:02');
    expect(clockTime('25:00')).toBeNull();
    expect(clockTime('13:00 PM')).toBeNull();
  });

  it('a US zone abbreviation after the time is its offset, a named zone is that zone, else the given zone', () => {
    expect(wallTimeToIso('2025-06-13', '10:00:00', 'America/New_York', 'CDT')).toBe('2025-06-13T11:00:00-04:00');
    expect(wallTimeToIso('2025-11-28', '10:00:00', 'America/New_York', 'PST')).toBe('2025-11-28T13:00:00-05:00');
    expect(wallTimeToIso('2025-06-13', '10:00:00', 'UTC', 'US/Eastern')).toBe('2025-06-13T10:00:00-04:00');
    expect(wallTimeToIso('2025-06-13', '14:00:00', 'UTC')).toBe('2025-06-13T10:00:00-04:00');
    expect(wallTimeToIso('2025-06-13', '10:00:00', 'UTC', 'XYZ')).toBeNull();
  });
});

describe('thinkorswim multi-leg fees shared between legs', () => {
  it('in whole cents, in proportion to contracts, adding up to exactly what was charged', () => {
    expect(shareCost(1.48, [2, 2])).toEqual([0.74, 0.74]);
    expect(shareCost(2.6, [1, 2, 1])).toEqual([0.65, 1.3, 0.65]);
    const odd = shareCost(1.01, [1, 1, 1]);
    expect(Math.round(odd.reduce((sum, value) => sum + value, 0) * 100)).toBe(101);
  });
});
