import { daysInMonth } from './marketZone.ts';

/**
 * The common shape of a timestamp with its own offset, read by hand: `YYYY-MM-DD`, `T` or a space,
 * `HH:MM[:SS[.fraction]]`, then `Z`, `±HH`, `±HHMM` or `±HH:MM`. Luxon's ISO parser spent most of its time
 * building a DateTime only to return its epoch ms. Anything else (no offset, lowercase `t`/`z`, compact
 * dates, week dates, `24:00`, IANA suffixes) returns null and goes to luxon.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,30}))?)?(?:(Z)|([+-])(\d\d)(?::?(\d\d))?)$/;

/**
 * Epoch ms of an already trimmed timestamp matching ISO_WITH_OFFSET, computed as luxon does with
 * `setZone: true` (a fixed-offset zone): the fields as UTC minus the offset; a fraction becomes
 * ⌊0.fraction × 1000⌋ ms. Null when the text has another shape or a field luxon would reject, so the caller
 * asks luxon.
 */
export function fastParseIsoWithOffset(text: string): number | null {
  const match = ISO_WITH_OFFSET.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const fraction = match[7];
  const millisecond = fraction === undefined ? 0 : Math.floor(parseFloat(`0.${fraction}`) * 1000);
  // Years below 1000 (Date.UTC reads 0–99 as 19xx), 24:00 and a fraction that rounds up to 1000 ms go to luxon.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || millisecond > 999) return null;
  let offsetMinutes = 0;
  if (match[8] === undefined) {
    const offsetHours = Number(match[10]);
    const offsetRest = match[11] === undefined ? 0 : Number(match[11]);
    if (offsetHours > 23 || offsetRest > 59) return null;
    const magnitude = offsetHours * 60 + offsetRest;
    offsetMinutes = match[9] === '-' ? -magnitude : magnitude;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000;
}
