import { DateTime, IANAZone } from 'luxon';
import { MARKET_ZONE, sessionDay } from '../../market/calendar.ts';

/**
 * Broker times become ISO 8601 in America/New_York with its offset, whatever zone the export used, so a
 * trade's day is always the New York trading day (a 15:59 ET fill stamped in UTC or in Tokyo time stays
 * on its ET day). A time without an offset is read in the broker's documented zone or the `tz` override,
 * never in the machine's zone.
 */
export const DEFAULT_BROKER_ZONE = MARKET_ZONE;

const ISO_OPTIONS = { suppressMilliseconds: true, includeOffset: true } as const;

function toMarketIso(dateTime: DateTime): string | null {
  if (!dateTime.isValid) return null;
  return dateTime.setZone(MARKET_ZONE).toISO(ISO_OPTIONS);
}

/** True when the zone name is one luxon knows (IANA names such as `UTC`, `Europe/London`). */
export function isKnownZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** A timestamp that carries its own offset (`2025-03-10T19:59:00Z`, `…+0100`, space or `T`). */
export function offsetTimeToIso(text: string): string | null {
  const trimmed = text.trim();
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) return null;
  return toMarketIso(DateTime.fromISO(trimmed.replace(' ', 'T'), { setZone: true }));
}

/** A wall-clock date (YYYY-MM-DD) and time (H:mm or H:mm:ss) read in `zone`. */
export function localTimeToIso(date: string, time: string, zone: string): string | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
  if (!match) return null;
  const [, hour, minute, second] = match;
  const base = DateTime.fromISO(date, { zone });
  if (!base.isValid) return null;
  const dateTime = base.set({ hour: Number(hour), minute: Number(minute), second: Number(second ?? 0) });
  // luxon moves a wall time inside a DST gap forward instead of failing; a broker never prints one.
  if (dateTime.hour !== Number(hour)) return null;
  return toMarketIso(dateTime);
}

/** `MM/DD/YYYY` or `M/D/YY` → `YYYY-MM-DD`, null when it is not a real date. */
export function usDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, month, day, year] = match;
  const fullYear = Number(year) < 100 ? 2000 + Number(year) : Number(year);
  const date = DateTime.fromObject({ year: fullYear, month: Number(month), day: Number(day) }, { zone: 'UTC' });
  return date.isValid ? date.toFormat('yyyy-MM-dd') : null;
}

/** `YYYYMMDD` or `YYYY-MM-DD` → `YYYY-MM-DD`. */
export function compactDate(text: string): string | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const date = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { zone: 'UTC' });
  return date.isValid ? date.toFormat('yyyy-MM-dd') : null;
}

/** The expiry day's session close (16:00 ET, 13:00 on early-close days) as ISO with offset. */
export function expiryCloseIso(expiry: string): string {
  const close = sessionDay(expiry).closeMs;
  return DateTime.fromMillis(close, { zone: MARKET_ZONE }).toISO(ISO_OPTIONS) ?? expiry;
}

/**
 * Sort instant of a fill time: epoch ms, and for a date-only time the start of that New York day, so
 * date-only fills come before timed ones on the same day (an expiry's 16:00 close sorts last).
 */
export function sortInstant(time: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(time)) return DateTime.fromISO(time, { zone: MARKET_ZONE }).toMillis();
  // The fills' own form (ISO with a ±HH:MM offset or Z) is what Date.parse reads exactly, far faster than luxon.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(time)) return Date.parse(time);
  return DateTime.fromISO(time.replace(' ', 'T'), { setZone: true }).toMillis();
}

export function isDateOnly(time: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(time);
}

const MONTH_NAMES: Readonly<Record<string, number>> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
};

function isoOf(year: number, month: number, day: number): string | null {
  const fullYear = year < 100 ? 2000 + year : year;
  const date = DateTime.fromObject({ year: fullYear, month, day }, { zone: 'UTC' });
  return date.isValid ? date.toFormat('yyyy-MM-dd') : null;
}

/**
 * A date in any of the forms brokers let the trader choose (IBKR Flex offers most of them):
 * `YYYYMMDD`, `YYYY-MM-DD`, `YYYY/MM/DD`, `MM/DD/YYYY`, `MM/DD/YY` (or day first when `dayFirst`),
 * `DD-MMM-YY`, `DD-MMM-YYYY`, `DD MMM YY`, `DDMMMYY`. Null when it is none of them or not a real date.
 */
export function flexibleDate(text: string, dayFirst = false): string | null {
  const value = text.trim().toUpperCase();
  const compact = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})$/.exec(value);
  if (compact) return isoOf(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const slashed = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$/.exec(value);
  if (slashed) {
    const [first, second] = [Number(slashed[1]), Number(slashed[2])];
    return dayFirst ? isoOf(Number(slashed[3]), second, first) : isoOf(Number(slashed[3]), first, second);
  }
  const named = /^(\d{1,2})[-\s]?([A-Z]{3})[-\s]?(\d{4}|\d{2})$/.exec(value);
  const month = named ? MONTH_NAMES[named[2] ?? ''] : undefined;
  if (named && month !== undefined) return isoOf(Number(named[3]), month, Number(named[1]));
  return null;
}

/**
 * A time of day as brokers print it — `10:15:02`, `9:30`, `101502`, `5:10 PM`, `10:15:02.123` — as 24-hour
 * `HH:mm:ss`, or null.
 */
export function clockTime(text: string): string | null {
  const match = /^(\d{1,2}):?(\d{2})(?::?(\d{2})(?:\.\d+)?)?\s*([AP]\.?M\.?)?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const meridiem = match[4]?.charAt(0).toUpperCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'P' ? 12 : 0);
  }
  const minute = Number(match[2]);
  const second = Number(match[3] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  return [hour, minute, second].map((part) => String(part).padStart(2, '0')).join(':');
}

/** US time-zone abbreviations brokers append to times (`… 10:15:02 EDT`), as fixed UTC offsets. */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  EDT: '-04:00', EST: '-05:00', CDT: '-05:00', CST: '-06:00', MDT: '-06:00', MST: '-07:00',
  PDT: '-07:00', PST: '-08:00', AKDT: '-08:00', AKST: '-09:00', HST: '-10:00', UTC: '+00:00', GMT: '+00:00', Z: '+00:00',
};

/** Named zones brokers write after a time (`US/Eastern`, `America/New_York`), as IANA names. */
export function zoneName(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (ZONE_ABBREVIATIONS[trimmed.toUpperCase()] !== undefined) return null;
  return isKnownZone(trimmed) ? trimmed : null;
}

/**
 * A wall-clock date and time read in `zone`, or at the fixed offset of a US zone abbreviation written
 * after it (`EDT`, `CST`), or in a named zone written after it (`US/Eastern`). Returns ISO in New York
 * time, or null when any part is unreadable.
 */
export function wallTimeToIso(date: string, time: string, zone: string, suffix = ''): string | null {
  const clock = clockTime(time);
  if (!clock) return null;
  const abbreviation = ZONE_ABBREVIATIONS[suffix.trim().toUpperCase()];
  if (abbreviation !== undefined) return offsetTimeToIso(`${date}T${clock}${abbreviation}`);
  if (suffix.trim() !== '') {
    const named = zoneName(suffix);
    return named ? localTimeToIso(date, clock, named) : null;
  }
  return localTimeToIso(date, clock, zone);
}
