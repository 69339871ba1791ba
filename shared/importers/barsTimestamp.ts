import { DateTime, IANAZone } from 'luxon';
import { MARKET_ZONE } from '../market/calendar.ts';

/**
 * Reading a bar's time from the shapes data vendors write. A time with an offset (or an epoch number) is
 * absolute and read as such. A wall-clock time without an offset is only read when a zone is known — from
 * the value itself (`… US/Eastern`), from `--tz`, or from the column header (`Time (ET)`) — never from the
 * machine's zone and never guessed, because a wrong guess shifts every bar by hours.
 */

/** Epoch numbers below this are seconds; up to 1e14 milliseconds; then microseconds; then nanoseconds. */
export const EPOCH_SECONDS_BELOW = 1e11;
const EPOCH_MILLIS_BELOW = 1e14;
const EPOCH_MICROS_BELOW = 1e17;
/** Bars before 1990 are not plausible 1-minute data; such a number is more likely a misread column. */
export const EARLIEST_PLAUSIBLE_MS = Date.UTC(1990, 0, 1);

export type TimeParse =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly reason: string; readonly needsZone?: boolean; readonly dateOnly?: boolean };

/** Zone labels vendors append to times, mapped to tz database names (ET/CT/PT labels follow DST by date; Barchart stamps CT). */
const ZONE_LABELS: Readonly<Record<string, string>> = {
  ET: MARKET_ZONE,
  EST: MARKET_ZONE,
  EDT: MARKET_ZONE,
  EASTERN: MARKET_ZONE,
  CT: 'America/Chicago',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  PT: 'America/Los_Angeles',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  UTC: 'UTC',
  GMT: 'UTC',
};

/** `GMT-0400`, `UTC+02:00`, `GMT-4`: a fixed offset written as a zone (Dukascopy, CBOE in some locales). */
const OFFSET_LABEL = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** A tz database name, one of the labels above or a `GMT±hh[mm]` offset, resolved; null when it names no zone. */
export function resolveZone(label: string): string | null {
  const trimmed = label.trim();
  const known = ZONE_LABELS[trimmed.toUpperCase()];
  if (known) return known;
  const offset = OFFSET_LABEL.exec(trimmed);
  if (offset) return Number(offset[2]) > 14 ? null : `UTC${offset[1] ?? '+'}${Number(offset[2])}:${offset[3] ?? '00'}`;
  return trimmed.includes('/') && IANAZone.isValidZone(trimmed) ? trimmed : null;
}

/**
 * The zone a column header declares, e.g. `Time (ET)`, `datetime_utc`, `Date (America/New_York)`;
 * null when it declares none.
 */
export function zoneFromHeader(header: string): string | null {
  const bracketed = /\(([^)]+)\)/.exec(header);
  if (bracketed?.[1]) {
    const zone = resolveZone(bracketed[1]);
    if (zone) return zone;
  }
  const suffix = /[_\s-](et|est|edt|utc|gmt)$/i.exec(header.trim());
  if (suffix?.[1]) return resolveZone(suffix[1]);
  // Dukascopy's `Gmt time`, `utc_time`.
  const prefix = /^(utc|gmt)[_\s-]/i.exec(header.trim());
  return prefix?.[1] ? resolveZone(prefix[1]) : null;
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const DATE_PART =
  /^(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})(\d{2})(\d{2})|(\d{1,2})\/(\d{1,2})\/(\d{4})|(\d{1,2})\.(\d{1,2})\.(\d{4}))$/;
const TIME_PART = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:\s*([AaPp][Mm]))?$/;
/** `093000` or `0930`, as Stooq, MetaStock and NinjaTrader write the time of day. */
const COMPACT_TIME_PART = /^(\d{2})(\d{2})(\d{2})?$/;

type WallClock = {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
};

function fractionToMs(fraction: string | undefined): number {
  return fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function validClock(clock: WallClock): boolean {
  const { year, month, day, hour, minute, second } = clock;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDatePart(text: string): Pick<WallClock, 'year' | 'month' | 'day'> | null {
  const m = DATE_PART.exec(text);
  if (!m) return null;
  if (m[1]) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (m[4]) return { year: Number(m[4]), month: Number(m[5]), day: Number(m[6]) };
  // US order (MM/DD/YYYY), as US brokers and charting platforms write it.
  if (m[9]) return { year: Number(m[9]), month: Number(m[7]), day: Number(m[8]) };
  // Dotted day-first (DD.MM.YYYY), as Dukascopy and European platforms write it.
  return { year: Number(m[12]), month: Number(m[11]), day: Number(m[10]) };
}

function parseTimePart(text: string): Pick<WallClock, 'hour' | 'minute' | 'second' | 'millisecond'> | null {
  const compact = COMPACT_TIME_PART.exec(text);
  if (compact) return { hour: Number(compact[1]), minute: Number(compact[2]), second: Number(compact[3] ?? '0'), millisecond: 0 };
  const m = TIME_PART.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const meridiem = m[5]?.toUpperCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  return { hour, minute: Number(m[2]), second: Number(m[3] ?? '0'), millisecond: fractionToMs(m[4]) };
}

function parseEpoch(text: string): TimeParse {
  const value = Number(text);
  const ms =
    value < EPOCH_SECONDS_BELOW ? value * 1000 : value < EPOCH_MILLIS_BELOW ? value : value < EPOCH_MICROS_BELOW ? value / 1e3 : value / 1e6;
  if (!Number.isFinite(ms) || ms < EARLIEST_PLAUSIBLE_MS) {
    return { ok: false, reason: `"${text}" is not a plausible epoch time (seconds, milliseconds, µs or ns since 1970)` };
  }
  return { ok: true, ms: Math.round(ms) };
}

function parseIsoWithOffset(m: RegExpExecArray): TimeParse {
  const clock: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? '0'),
    millisecond: fractionToMs(m[7]),
  };
  if (!validClock(clock)) return { ok: false, reason: `"${m[0]}" is not a real date and time` };
  const utc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.millisecond);
  return { ok: true, ms: utc - offsetMinutes(m[8] ?? 'Z') * 60000 };
}

/** Splits `date time [zone]` (space or `T` between date and time) into its parts. */
function splitWallClock(text: string): { date: string; time: string | null; zoneLabel: string | null } {
  const parts = text.replace(/^(\d{4}-\d{2}-\d{2})T/, '$1 ').replace(/^(\d{8})-(?=\d)/, '$1 ').split(/\s+/);
  const [date = '', ...rest] = parts;
  if (rest.length === 0) return { date, time: null, zoneLabel: null };
  const last = rest[rest.length - 1] ?? '';
  const zoneLabel = rest.length > 1 && resolveZone(last) ? last : null;
  const timeTokens = zoneLabel ? rest.slice(0, -1) : rest;
  return { date, time: timeTokens.join(' '), zoneLabel };
}

/**
 * Epoch ms of the moment a bar-time text names. `zone` is used only for wall-clock times without an
 * offset; when it is null such a time fails with `needsZone`.
 */
export function parseBarTime(raw: string, zone: string | null): TimeParse {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty time' };
  if (/^\d+(\.\d+)?$/.test(text)) {
    if (/^\d{8}$/.test(text) && parseDatePart(text)) {
      return { ok: false, dateOnly: true, reason: `"${text}" is a date without a time of day; 1-minute bars need the minute (this looks like a daily file)` };
    }
    return parseEpoch(text);
  }
  const iso = ISO_WITH_OFFSET.exec(text);
  if (iso) return parseIsoWithOffset(iso);
  const { date, time, zoneLabel } = splitWallClock(text);
  const day = parseDatePart(date);
  if (!day) return { ok: false, reason: `"${text}" is not a time we read (epoch, ISO 8601 with offset, or date and time)` };
  if (time === null) return { ok: false, dateOnly: true, reason: `"${text}" is a date without a time of day; 1-minute bars need the minute (this looks like a daily file)` };
  const clockTime = parseTimePart(time);
  if (!clockTime) return { ok: false, reason: `"${text}" has a time of day we do not read ("${time}")` };
  const clock: WallClock = { ...day, ...clockTime };
  if (!validClock(clock)) return { ok: false, reason: `"${text}" is not a real date and time` };
  const effectiveZone = zoneLabel ? resolveZone(zoneLabel) : zone;
  if (!effectiveZone) {
    return {
      ok: false,
      needsZone: true,
      reason: `"${text}" has no UTC offset or zone; pass --tz with the zone the file was written in (e.g. --tz America/New_York)`,
    };
  }
  const dt = DateTime.fromObject(clock, { zone: effectiveZone });
  if (!dt.isValid) return { ok: false, reason: `"${text}" does not exist in ${effectiveZone}` };
  return { ok: true, ms: dt.toMillis() };
}
