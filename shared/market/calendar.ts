import { DateTime } from 'luxon';
import { fastParseIsoWithOffset } from './isoTimestamp.ts';
import { FAST_FROM_MS, FAST_UNTIL_MS, MARKET_ZONE, fastDateParts, fastEtClock, fastEtMinuteToMs } from './marketZone.ts';

/**
 * The US equity-options session calendar in America/New_York, from the tz database (never from the
 * machine's zone): regular hours, NYSE holidays and the 13:00 ET early closes, so time to expiry and the
 * last time block use the day's real close. The offset comes from the tz database through luxon, asked
 * once per UTC day (per hour on a day the clocks change, see marketZone.ts); the functions below answer
 * exactly what luxon answers.
 */
export { MARKET_ZONE };
export const REGULAR_OPEN_MINUTE = 9 * 60 + 30;
export const REGULAR_CLOSE_MINUTE = 16 * 60;
export const EARLY_CLOSE_MINUTE = 13 * 60;

/** Market-wide closures that no rule predicts (national days of mourning, emergencies). */
export const SPECIAL_CLOSURES: readonly string[] = [
  '2012-10-29', // Hurricane Sandy
  '2012-10-30',
  '2018-12-05', // President G. H. W. Bush
  '2025-01-09', // President Carter
];

export type EtClock = {
  /** Calendar day in New York, YYYY-MM-DD. */
  readonly date: string;
  /** Minutes since midnight in New York (fractional when the timestamp has seconds). */
  readonly minuteOfDay: number;
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
};

export type SessionDay = {
  readonly date: string;
  readonly isTradingDay: boolean;
  readonly earlyClose: boolean;
  /** Minutes since midnight ET of the open and close (close is 13:00 on early-close days). */
  readonly openMinute: number;
  readonly closeMinute: number;
  /** Epoch milliseconds of the open and the close. */
  readonly openMs: number;
  readonly closeMs: number;
};

/** Epoch ms from an ISO 8601 string with offset ("T" or space between date and time), NaN when unreadable. */
export function parseTimestamp(text: string): number {
  const trimmed = text.trim();
  const fast = fastParseIsoWithOffset(trimmed);
  if (fast !== null) return fast;
  const parsed = DateTime.fromISO(trimmed.replace(' ', 'T'), { setZone: true });
  return parsed.isValid ? parsed.toMillis() : Number.NaN;
}

export function etClock(epochMs: number): EtClock {
  if (epochMs >= FAST_FROM_MS && epochMs < FAST_UNTIL_MS) return fastEtClock(epochMs);
  const dt = DateTime.fromMillis(epochMs, { zone: MARKET_ZONE });
  return {
    date: dt.toFormat('yyyy-MM-dd'),
    minuteOfDay: dt.hour * 60 + dt.minute + dt.second / 60 + dt.millisecond / 60000,
    weekday: dt.weekday,
  };
}

/** Epoch ms of a wall-clock minute of a New York day. */
export function etMinuteToMs(date: string, minuteOfDay: number): number {
  const parts = Number.isFinite(minuteOfDay) ? fastDateParts(date) : null;
  if (parts !== null) return fastEtMinuteToMs(parts, minuteOfDay);
  const base = DateTime.fromISO(date, { zone: MARKET_ZONE }).startOf('day');
  const whole = Math.floor(minuteOfDay);
  return base.set({ hour: Math.floor(whole / 60), minute: whole % 60 }).toMillis() + (minuteOfDay - whole) * 60000;
}

function ymd(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function weekdayOf(year: number, month: number, day: number): number {
  return DateTime.utc(year, month, day).weekday;
}

/** The n-th given weekday (1 = Monday) of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = weekdayOf(year, month, 1);
    return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDay = DateTime.utc(year, month, 1).daysInMonth ?? 31;
  const last = weekdayOf(year, month, lastDay);
  return lastDay - ((last - weekday + 7) % 7);
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

/** A fixed-date holiday moves to Friday when on Saturday and to Monday when on Sunday. */
function observed(year: number, month: number, day: number): string {
  const weekday = weekdayOf(year, month, day);
  const dt = DateTime.utc(year, month, day).plus({ days: weekday === 6 ? -1 : weekday === 7 ? 1 : 0 });
  return dt.toFormat('yyyy-MM-dd');
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** NYSE full-day holidays of a year. */
export function nyseHolidays(year: number): ReadonlySet<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = new Set<string>();
  // New Year's Day on a Saturday is not observed on the Friday before (NYSE rule 7.2).
  if (weekdayOf(year, 1, 1) !== 6) days.add(observed(year, 1, 1));
  days.add(ymd(year, 1, nthWeekday(year, 1, 1, 3))); // Martin Luther King Jr. Day
  days.add(ymd(year, 2, nthWeekday(year, 2, 1, 3))); // Washington's Birthday
  const easter = easterSunday(year);
  days.add(DateTime.utc(year, easter.month, easter.day).minus({ days: 2 }).toFormat('yyyy-MM-dd')); // Good Friday
  days.add(ymd(year, 5, nthWeekday(year, 5, 1, -1))); // Memorial Day
  if (year >= 2022) days.add(observed(year, 6, 19)); // Juneteenth
  days.add(observed(year, 7, 4)); // Independence Day
  days.add(ymd(year, 9, nthWeekday(year, 9, 1, 1))); // Labor Day
  days.add(ymd(year, 11, nthWeekday(year, 11, 4, 4))); // Thanksgiving
  days.add(observed(year, 12, 25)); // Christmas
  for (const special of SPECIAL_CLOSURES) if (special.startsWith(String(year))) days.add(special);
  holidayCache.set(year, days);
  return days;
}

/** 13:00 ET closes: July 3 (Mon–Thu), the day after Thanksgiving, December 24 (Mon–Thu). */
export function isEarlyClose(date: string): boolean {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const weekday = weekdayOf(year, month, day);
  if (weekday > 4 && !(month === 11)) return false;
  if (month === 7 && day === 3) return weekday <= 4;
  if (month === 12 && day === 24) return weekday <= 4;
  if (month === 11) return day === nthWeekday(year, 11, 4, 4) + 1;
  return false;
}

/** Distinct dates remembered by sessionDay: some forty years of calendar days; the oldest goes first. */
const SESSION_CACHE_LIMIT = 15_000;
const sessionCache = new Map<string, SessionDay>();

/**
 * The session of a New York calendar day. Remembered per date (the engine asks for the same few thousand
 * days once per trade); the same frozen object is returned for the same date.
 */
export function sessionDay(date: string): SessionDay {
  const known = sessionCache.get(date);
  if (known !== undefined) return known;
  const session = Object.freeze(computeSessionDay(date));
  if (sessionCache.size >= SESSION_CACHE_LIMIT) {
    const oldest = sessionCache.keys().next();
    if (oldest.done !== true) sessionCache.delete(oldest.value);
  }
  sessionCache.set(date, session);
  return session;
}

function computeSessionDay(date: string): SessionDay {
  const year = Number(date.slice(0, 4));
  const weekday = weekdayOf(year, Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  const isTradingDay = weekday <= 5 && !nyseHolidays(year).has(date);
  const earlyClose = isTradingDay && isEarlyClose(date);
  const closeMinute = earlyClose ? EARLY_CLOSE_MINUTE : REGULAR_CLOSE_MINUTE;
  return {
    date,
    isTradingDay,
    earlyClose,
    openMinute: REGULAR_OPEN_MINUTE,
    closeMinute,
    openMs: etMinuteToMs(date, REGULAR_OPEN_MINUTE),
    closeMs: etMinuteToMs(date, closeMinute),
  };
}

/** True when the instant falls in [open, close) of a trading day. */
export function isRegularHours(epochMs: number): boolean {
  const clock = etClock(epochMs);
  const session = sessionDay(clock.date);
  return session.isTradingDay && clock.minuteOfDay >= session.openMinute && clock.minuteOfDay < session.closeMinute;
}
