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
  return DateTime.fromISO(time.replace(' ', 'T'), { setZone: true }).toMillis();
}

export function isDateOnly(time: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(time);
}
