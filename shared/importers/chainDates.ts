import { DateTime } from 'luxon';
import { MARKET_ZONE } from '../market/calendar.ts';

/** Dates as option-chain downloads write them. */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function isoDay(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * YYYY-MM-DD from `2023-09-14`, `20230914`, `09/14/2023`, CBOE's `Thu Sep 14 2023` or `September 14, 2023`;
 * null when unreadable.
 */
export function parseChainDate(text: string): string | null {
  const trimmed = text.trim();
  let m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(trimmed);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (m) return isoDay(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(trimmed);
  if (m) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    return month ? isoDay(Number(m[3]), month, Number(m[2])) : null;
  }
  return null;
}

/** Expiry from an OCC-style option symbol (`SPY230914C00360000`, padded or not); null when not one. */
export function expiryFromOptionSymbol(symbol: string): { root: string; expiry: string } | null {
  const m = /^([A-Z.]+)\s*(\d{2})(\d{2})(\d{2})[CP]\d{8}$/.exec(symbol.trim().toUpperCase());
  if (!m) return null;
  const expiry = isoDay(2000 + Number(m[2]), Number(m[3]), Number(m[4]));
  return expiry && m[1] ? { root: m[1], expiry } : null;
}

export type ChainPreamble = {
  readonly spot: number | null;
  readonly date: string | null;
  /** ISO 8601 with offset, New York time, when the preamble gives the time of day. */
  readonly takenAt: string | null;
};

/**
 * CBOE's delayed-quotes download opens with lines like `SPDR S&P 500 ETF Trust,Last: 450.81,…` and
 * `"Date: September 14, 2023 at 4:31 PM EDT",Bid: …`: the spot and the moment of the snapshot.
 */
export function readChainPreamble(lines: readonly string[]): ChainPreamble {
  let spot: number | null = null;
  let date: string | null = null;
  let takenAt: string | null = null;
  for (const line of lines) {
    const last = /Last:\s*\$?([\d,]+(?:\.\d+)?)/i.exec(line);
    if (last?.[1] && spot === null) {
      const value = Number(last[1].replace(/,/g, ''));
      if (value > 0) spot = value;
    }
    const stamp = /Date:\s*([A-Za-z]+\s+\d{1,2},\s*\d{4})(?:\s+at\s+(\d{1,2}):(\d{2})\s*([AP]M))?/i.exec(line);
    if (stamp?.[1] && date === null) {
      date = parseChainDate(stamp[1]);
      if (date && stamp[2] && stamp[3] && stamp[4]) {
        const hour = (Number(stamp[2]) % 12) + (stamp[4].toUpperCase() === 'PM' ? 12 : 0);
        // CBOE stamps its downloads in New York time (EDT/EST), so the zone is the exchange's.
        const dt = DateTime.fromISO(date, { zone: MARKET_ZONE }).set({ hour, minute: Number(stamp[3]) });
        takenAt = dt.isValid ? dt.toISO({ suppressMilliseconds: true }) : null;
      }
    }
  }
  return { spot, date, takenAt };
}
