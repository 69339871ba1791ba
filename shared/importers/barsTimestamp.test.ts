import { describe, expect, it } from 'vitest';
import { parseBarTime, zoneFromHeader } from './barsTimestamp.ts';

const OPEN = Date.parse('2025-07-08T09:30:00-04:00');
const ms = (text: string, zone: string | null = null): number | string => {
  const parsed = parseBarTime(text, zone);
  return parsed.ok ? parsed.ms : parsed.reason;
};

describe('bar time values', () => {
  it('reads epoch seconds, milliseconds, microseconds and nanoseconds by magnitude', () => {
    expect(ms(String(OPEN / 1000))).toBe(OPEN);
    expect(ms(String(OPEN))).toBe(OPEN);
    expect(ms(`${OPEN}000`)).toBe(OPEN);
    expect(ms(`${OPEN}000000`)).toBe(OPEN);
    expect(ms('1751981400.0')).toBe(OPEN);
  });

  it('refuses implausible epochs and dates without a time of day', () => {
    expect(ms('12345')).toMatch(/not a plausible epoch/);
    expect(ms('20250708')).toMatch(/date without a time of day/);
    expect(ms('2025-07-08', 'America/New_York')).toMatch(/date without a time of day/);
  });

  it('reads offsets in every ISO spelling without consulting any zone', () => {
    for (const text of ['2025-07-08T09:30:00-04:00', '2025-07-08 09:30:00-0400', '2025-07-08T13:30:00Z', '2025-07-08T13:30:00.000+00:00', '2025-07-08 09:30-04']) {
      expect(ms(text, 'Asia/Tokyo'), text).toBe(OPEN);
    }
    expect(ms('2025-02-30T09:30:00Z')).toMatch(/not a real date/);
  });

  it('reads wall-clock times only in a stated zone: from the value, else the one given', () => {
    expect(ms('2025-07-08 09:30:00')).toMatch(/--tz/);
    expect(parseBarTime('2025-07-08 09:30:00', null)).toMatchObject({ ok: false, needsZone: true });
    expect(ms('2025-07-08 09:30:00', 'America/New_York')).toBe(OPEN);
    expect(ms('20250708 09:30:00 US/Eastern')).toBe(OPEN);
    expect(ms('20250708  13:30:00 UTC', 'America/New_York')).toBe(OPEN);
    expect(ms('07/08/2025 9:30 AM EDT')).toBe(OPEN);
    expect(ms('2025/07/08 21:30', 'Asia/Singapore')).toBe(OPEN);
    expect(ms('07/08/2025 13:30', 'UTC')).toBe(OPEN);
  });

  it('reads a zone declared by the column header', () => {
    expect(zoneFromHeader('Time (ET)')).toBe('America/New_York');
    expect(zoneFromHeader('datetime_utc')).toBe('UTC');
    expect(zoneFromHeader('Date (Europe/London)')).toBe('Europe/London');
    expect(zoneFromHeader('Datetime')).toBeNull();
    expect(zoneFromHeader('Gmt time')).toBe('UTC');
  });

  it('reads the date and time spellings of other platforms: dotted dates, HHMMSS, Central time, GMT offsets', () => {
    expect(ms('2025.07.08 09:30:00', 'America/New_York')).toBe(OPEN);
    expect(ms('08.07.2025 13:30:00.000', 'UTC')).toBe(OPEN);
    expect(ms('20250708 093000', 'America/New_York')).toBe(OPEN);
    expect(ms('20250708 0930', 'America/New_York')).toBe(OPEN);
    expect(ms('07/08/2025 08:30 CDT')).toBe(OPEN);
    expect(ms('08.07.2025 09:30:00.000 GMT-0400')).toBe(OPEN);
    expect(ms('2025-07-08 15:30:00 UTC+2')).toBe(OPEN);
    expect(ms('20250708 253000', 'UTC')).toMatch(/not a real date and time/);
  });
});
