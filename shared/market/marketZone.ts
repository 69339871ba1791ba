import { IANAZone } from 'luxon';

/**
 * New York's UTC offset and wall-clock arithmetic, with the tz database (through luxon) as the only source
 * of the offset. Luxon asks Intl.DateTimeFormat.formatToParts for the offset of every DateTime it builds,
 * and that was two thirds of the engine's time. New York's offset changes at most once in a UTC day, and
 * only on a UTC hour boundary (02:00 local), so the offset is asked at both ends of a UTC day and remembered
 * for the whole day when they agree; a day with a change is remembered hour by hour the same way.
 * The conversions below repeat luxon's own steps (its `fixOffset` for wall time → instant, `tsToObj` for
 * instant → wall time), so gaps and overlaps resolve exactly as luxon resolves them.
 */
export const MARKET_ZONE = 'America/New_York';

const zone = IANAZone.create(MARKET_ZONE);
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The span where offsets are remembered and where the fast conversions apply; luxon answers outside it. */
export const FAST_FROM_MS = Date.UTC(1971, 0, 1);
export const FAST_UNTIL_MS = Date.UTC(2200, 0, 1);
export const FAST_FIRST_YEAR = 1971;
export const FAST_LAST_YEAR = 2199;

/** Some 270 years of UTC days, more than the fast span holds: in practice nothing is ever evicted. */
const OFFSET_CACHE_LIMIT = 100_000;
/** Offsets remembered per UTC day, and per UTC hour on a day whose offset changes. */
const offsetByDay = new Map<number, number>();
const offsetByHour = new Map<number, number>();

/** A span whose two ends disagree: the offset changes inside it. */
const CHANGES = Number.NaN;

/** The offset over [start, start + span) when both ends agree, otherwise CHANGES; remembered in `cache`. */
function spanOffset(cache: Map<number, number>, key: number, span: number): number {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const start = key * span;
  const first = zone.offset(start);
  const offset = zone.offset(start + span - 1) === first ? first : CHANGES;
  if (cache.size >= OFFSET_CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(key, offset);
  return offset;
}

/** New York's UTC offset in minutes at an instant, exactly as luxon's IANAZone.offset gives it. */
export function marketOffsetMinutes(epochMs: number): number {
  if (!(epochMs >= FAST_FROM_MS && epochMs < FAST_UNTIL_MS)) return zone.offset(epochMs);
  const daily = spanOffset(offsetByDay, Math.floor(epochMs / DAY_MS), DAY_MS);
  if (!Number.isNaN(daily)) return daily;
  const hourly = spanOffset(offsetByHour, Math.floor(epochMs / HOUR_MS), HOUR_MS);
  return Number.isNaN(hourly) ? zone.offset(epochMs) : hourly;
}

/**
 * luxon's fixOffset: the instant of a New York wall time (given as epoch ms of the same fields in UTC),
 * starting from a guessed offset. A time in the spring-forward gap moves forward by the gap; a time in the
 * fall-back overlap keeps the guess's side when the guess fits.
 */
export function wallTimeToInstant(localMs: number, guessOffset: number): { readonly ms: number; readonly offset: number } {
  let utcGuess = localMs - guessOffset * MINUTE_MS;
  const second = marketOffsetMinutes(utcGuess);
  if (guessOffset === second) return { ms: utcGuess, offset: guessOffset };
  utcGuess -= (second - guessOffset) * MINUTE_MS;
  const third = marketOffsetMinutes(utcGuess);
  if (second === third) return { ms: utcGuess, offset: second };
  return { ms: localMs - Math.min(second, third) * MINUTE_MS, offset: Math.max(second, third) };
}

const DATE_ONLY = /^(\d{4})-(\d\d)-(\d\d)$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a Gregorian month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? Number.NaN);
}

/** Year, month and day of a valid YYYY-MM-DD inside the fast span, otherwise null. */
export function fastDateParts(date: string): { readonly year: number; readonly month: number; readonly day: number } | null {
  const match = DATE_ONLY.exec(date);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < FAST_FIRST_YEAR || year > FAST_LAST_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * Epoch ms of a wall-clock minute of a New York day, the way `DateTime.fromISO(date, { zone }).startOf('day')
 * .set({ hour, minute })` computes it: midnight (never in a gap or an overlap in New York, whose clocks change
 * at 02:00) fixes the guessed offset, then that minute's wall time is resolved from it.
 */
export function fastEtMinuteToMs(parts: { readonly year: number; readonly month: number; readonly day: number }, minuteOfDay: number): number {
  const monthIndex = parts.month - 1;
  const midnightLocal = Date.UTC(parts.year, monthIndex, parts.day);
  const midnight = wallTimeToInstant(midnightLocal, marketOffsetMinutes(midnightLocal));
  const whole = Math.floor(minuteOfDay);
  const local = Date.UTC(parts.year, monthIndex, parts.day, Math.floor(whole / 60), whole % 60, 0, 0);
  return wallTimeToInstant(local, midnight.offset).ms + (minuteOfDay - whole) * MINUTE_MS;
}

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value));

/**
 * New York's calendar day, minute of the day and ISO weekday of an instant inside the fast span, the fields
 * luxon's `DateTime.fromMillis(ms, { zone })` reads: the UTC fields of the instant shifted by the offset.
 */
export function fastEtClock(epochMs: number): { readonly date: string; readonly minuteOfDay: number; readonly weekday: number } {
  const local = new Date(epochMs + marketOffsetMinutes(epochMs) * MINUTE_MS);
  const weekday = local.getUTCDay();
  return {
    date: `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}`,
    minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60 + local.getUTCMilliseconds() / 60000,
    weekday: weekday === 0 ? 7 : weekday,
  };
}
