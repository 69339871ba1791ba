import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { EARLY_CLOSE_MINUTE, MARKET_ZONE, REGULAR_CLOSE_MINUTE, REGULAR_OPEN_MINUTE, etClock, etMinuteToMs, isEarlyClose, nyseHolidays, parseTimestamp, sessionDay } from './calendar.ts';
import { FAST_FROM_MS, FAST_UNTIL_MS, marketOffsetMinutes } from './marketZone.ts';

// The straightforward luxon code the fast paths replace: every answer below must equal these exactly.
const reference = {
  parseTimestamp(text: string): number {
    const parsed = DateTime.fromISO(text.trim().replace(' ', 'T'), { setZone: true });
    return parsed.isValid ? parsed.toMillis() : Number.NaN;
  },
  etClock(epochMs: number): { date: string; minuteOfDay: number; weekday: number } {
    const dt = DateTime.fromMillis(epochMs, { zone: MARKET_ZONE });
    return { date: dt.toFormat('yyyy-MM-dd'), minuteOfDay: dt.hour * 60 + dt.minute + dt.second / 60 + dt.millisecond / 60000, weekday: dt.weekday };
  },
  etMinuteToMs(date: string, minuteOfDay: number): number {
    const base = DateTime.fromISO(date, { zone: MARKET_ZONE }).startOf('day');
    const whole = Math.floor(minuteOfDay);
    return base.set({ hour: Math.floor(whole / 60), minute: whole % 60 }).toMillis() + (minuteOfDay - whole) * 60000;
  },
  sessionDay(date: string) {
    const year = Number(date.slice(0, 4));
    const weekday = DateTime.utc(year, Number(date.slice(5, 7)), Number(date.slice(8, 10))).weekday;
    const isTradingDay = weekday <= 5 && !nyseHolidays(year).has(date);
    const earlyClose = isTradingDay && isEarlyClose(date);
    const closeMinute = earlyClose ? EARLY_CLOSE_MINUTE : REGULAR_CLOSE_MINUTE;
    return { date, isTradingDay, earlyClose, openMinute: REGULAR_OPEN_MINUTE, closeMinute, openMs: this.etMinuteToMs(date, REGULAR_OPEN_MINUTE), closeMs: this.etMinuteToMs(date, closeMinute) };
  },
};

const HOUR_MS = 3_600_000;
const FROM_2000 = Date.UTC(2000, 0, 1);
const UNTIL_2036 = Date.UTC(2036, 0, 1);
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The instants New York's clocks changed in 2000–2035, found from luxon (the tz database) by bisection. */
function transitions(): number[] {
  const found: number[] = [];
  const offsetAt = (ms: number): number => DateTime.fromMillis(ms, { zone: MARKET_ZONE }).offset;
  for (let day = FROM_2000; day < UNTIL_2036; day += 24 * HOUR_MS) {
    let low = day;
    let high = day + 24 * HOUR_MS;
    if (offsetAt(low) === offsetAt(high)) continue;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (offsetAt(middle) === offsetAt(low)) low = middle;
      else high = middle;
    }
    found.push(high);
  }
  return found;
}
const SWITCHES = transitions();

/** Instants from 2000 to 2035, half of them within four hours of a clock change, some with fractional ms. */
const instant = fc.oneof(
  fc.integer({ min: FROM_2000, max: UNTIL_2036 - 1 }),
  fc.tuple(fc.constantFrom(...SWITCHES), fc.integer({ min: -4 * HOUR_MS, max: 4 * HOUR_MS })).map(([at, delta]) => at + delta),
  fc.tuple(fc.constantFrom(...SWITCHES), fc.integer({ min: -5, max: 5 })).map(([at, delta]) => at + delta * 60_000 + (delta % 2) * 1000),
  fc.tuple(fc.integer({ min: FROM_2000, max: UNTIL_2036 - 1 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })).map(([ms, part]) => ms + part),
);

const offsetText = fc.oneof(
  fc.constant('Z'),
  fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45), fc.constantFrom(':', '', 'hours-only')).map(([sign, hours, minutes, style]) =>
    style === 'hours-only' ? `${sign}${pad(hours)}` : `${sign}${pad(hours)}${style}${pad(minutes)}`,
  ),
);

/** A timestamp as exporters write it: local fields of an instant at some offset, T or space, optional seconds and fraction. */
const timestampText = fc
  .record({
    ms: instant.map(Math.floor),
    offset: offsetText,
    separator: fc.constantFrom('T', ' '),
    seconds: fc.boolean(),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^[.,][0-9]{1,12}$/)),
    padding: fc.constantFrom('', ' ', '\t', ' \n'),
  })
  .map(({ ms, offset, separator, seconds, fraction, padding }) => {
    const match = /^([+-])(\d\d):?(\d\d)?$/.exec(offset);
    const minutes = match === null ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
    const local = new Date(ms + minutes * 60_000);
    const clock = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}${seconds ? `:${pad(local.getUTCSeconds())}${fraction}` : ''}`;
    return `${padding}${local.toISOString().slice(0, 10)}${separator}${clock}${offset}${padding}`;
  });

/** Field soup: out-of-range months, days, hours, minutes, seconds and offsets, odd fractions and separators. */
const oddTimestamp = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 19 }),
    fc.integer({ min: 0, max: 39 }),
    fc.integer({ min: 0, max: 29 }),
    fc.integer({ min: 0, max: 69 }),
    fc.integer({ min: 0, max: 69 }),
    fc.constantFrom('', '.', '.9999999999999999999', '.5', ',25', '.0000000000000000000000000000001'),
    fc.constantFrom('T', ' ', 't', '  ', ''),
    fc.constantFrom('Z', 'z', '', '+24:00', '-99:99', '+05:75', '-00:00', '+0530', '[America/New_York]', '-04:00[America/New_York]', ' -04:00'),
  )
  .map(([year, month, day, hour, minute, second, fraction, separator, offset]) => `${pad(year, 4)}-${pad(month)}-${pad(day)}${separator}${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}${offset}`);

describe('the fast calendar answers exactly what luxon answers', () => {
  it('finds a clock change in every year 2000–2035 (the generators below hit them)', () => {
    expect(SWITCHES).toHaveLength(72);
  });

  it('parseTimestamp equals luxon on exporters’ timestamps across DST switches (Z, ±HH:MM, ±HHMM, ±HH, T or space, fractions)', () => {
    fc.assert(
      fc.property(timestampText, (text) => {
        expect(parseTimestamp(text)).toBe(reference.parseTimestamp(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('parseTimestamp equals luxon on malformed and out-of-range fields, and on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(oddTimestamp, fc.string(), fc.stringMatching(/^[0-9T:. +Z-]{0,30}$/)), (text) => {
        expect(Object.is(parseTimestamp(text), reference.parseTimestamp(text))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    for (const text of ['2025-07-08T24:00:00Z', '2025-02-29T10:00Z', '2024-02-29T10:00Z', '0099-01-01T00:00Z', '2025-07-08T09:30:00.9999999Z', '2025-07-08T09:30-04', '2025-07-08', '2025-07-08T09:30:00', ' 2025-07-08 09:30:00 -04:00', '']) {
      expect(Object.is(parseTimestamp(text), reference.parseTimestamp(text)), text).toBe(true);
    }
  });

  it('etClock equals luxon for instants 2000–2035, at the switches, with fractional ms, and outside the cached span', () => {
    fc.assert(
      fc.property(fc.oneof(instant, fc.integer({ min: -2 * 10 ** 12, max: 8 * 10 ** 12 })), (ms) => {
        expect(etClock(ms)).toStrictEqual(reference.etClock(ms));
      }),
      { numRuns: 5000 },
    );
    for (const ms of [FAST_FROM_MS - 1, FAST_FROM_MS, FAST_UNTIL_MS - 1, FAST_UNTIL_MS, ...SWITCHES.flatMap((at) => [at - 1, at])]) {
      expect(etClock(ms)).toStrictEqual(reference.etClock(ms));
    }
  });

  it('the remembered offset equals the tz database at every hour around every switch', () => {
    for (const at of SWITCHES) {
      for (let ms = at - 3 * HOUR_MS; ms <= at + 3 * HOUR_MS; ms += 15 * 60_000) {
        expect(marketOffsetMinutes(ms)).toBe(DateTime.fromMillis(ms, { zone: MARKET_ZONE }).offset);
      }
    }
  });

  it('the remembered offset equals the tz database at the start, noon and end of every UTC day of the cached span', () => {
    const tz = IANAZone.create(MARKET_ZONE);
    const luxonOffset = (ms: number): number => tz.offset(ms);
    const wrong: number[] = [];
    for (let day = FAST_FROM_MS; day < FAST_UNTIL_MS; day += 24 * HOUR_MS) {
      for (const ms of [day, day + 12 * HOUR_MS, day + 24 * HOUR_MS - 1]) if (marketOffsetMinutes(ms) !== luxonOffset(ms)) wrong.push(ms);
    }
    expect(wrong).toEqual([]);
  });

  it('etMinuteToMs equals luxon, including minutes in the spring-forward gap and the fall-back overlap', () => {
    const switchDays = SWITCHES.map((at) => isoDate(at));
    const date = fc.oneof(fc.integer({ min: FROM_2000, max: UNTIL_2036 - 1 }).map(isoDate), fc.constantFrom(...switchDays));
    const minute = fc.oneof(
      fc.integer({ min: 0, max: 1439 }),
      fc.integer({ min: 60, max: 200 }),
      fc.double({ min: -1440, max: 2880, noNaN: true }),
      fc.integer({ min: -100_000, max: 100_000 }),
    );
    fc.assert(
      fc.property(date, minute, (day, minuteOfDay) => {
        expect(Object.is(etMinuteToMs(day, minuteOfDay), reference.etMinuteToMs(day, minuteOfDay))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const day of ['2025-02-30', '2025-13-01', '2025-7-8', 'garbage', '', '1965-07-08', '2250-07-08', '2025-07-08T12:00', '20250708']) {
      expect(Object.is(etMinuteToMs(day, 570), reference.etMinuteToMs(day, 570)), day).toBe(true);
    }
    // luxon refuses a minute that is not a finite number, and still does
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => etMinuteToMs('2025-07-08', bad)).toThrow();
      expect(() => reference.etMinuteToMs('2025-07-08', bad)).toThrow();
    }
  });

  it('every day 2000–2035 at midnight and at 02:30, and every ten minutes of each switch day', () => {
    const wrong: string[] = [];
    const check = (date: string, minuteOfDay: number): void => {
      if (etMinuteToMs(date, minuteOfDay) !== reference.etMinuteToMs(date, minuteOfDay)) wrong.push(`${date} minute ${minuteOfDay}`);
    };
    for (let day = FROM_2000; day < UNTIL_2036; day += 24 * HOUR_MS) for (const minuteOfDay of [0, 150]) check(isoDate(day), minuteOfDay);
    for (const date of SWITCHES.map((at) => isoDate(at))) for (let minuteOfDay = 0; minuteOfDay < 24 * 60; minuteOfDay += 10) check(date, minuteOfDay);
    expect(wrong).toEqual([]);
  });

  it('sessionDay equals the uncached luxon computation for every day 2000–2035, and is remembered per date', () => {
    for (let day = FROM_2000; day < UNTIL_2036; day += 24 * HOUR_MS) {
      const date = isoDate(day);
      expect({ ...sessionDay(date) }).toStrictEqual(reference.sessionDay(date));
    }
    expect(sessionDay('2025-07-03')).toBe(sessionDay('2025-07-03'));
    expect(Object.isFrozen(sessionDay('2025-07-03'))).toBe(true);
    for (const date of ['garbage', '2025-02-30', '1960-07-08']) {
      expect({ ...sessionDay(date) }).toStrictEqual(reference.sessionDay(date));
    }
  });
});
