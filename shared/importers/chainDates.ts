import { DateTime } from 'luxon';
import { MARKET_ZONE } from '../market/calendar.ts';
import { resolveZone } from './barsTimestamp.ts';

/** Dates and moments as option-chain downloads write them: in cells, preambles, footers and file names. */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function isoDay(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthOf(name: string): number | undefined {
  return MONTHS[name.slice(0, 3).toLowerCase()];
}

/**
 * YYYY-MM-DD from `2023-09-14`, `20230914`, `09/14/2023`, `09/14/23`, CBOE's `Thu Sep 14 2023` or
 * `September 14, 2023`, a date with a midnight time (`2023-09-14 00:00:00`); null when unreadable.
 */
export function parseChainDate(text: string): string | null {
  const trimmed = text.trim().replace(/[ T]00:00(:00(\.0+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
  let m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(trimmed);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(trimmed);
  if (m) return isoDay(m[3]?.length === 2 ? 2000 + Number(m[3]) : Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(trimmed);
  if (m) {
    const month = monthOf(m[1] ?? '');
    return month ? isoDay(Number(m[3]), month, Number(m[2])) : null;
  }
  return null;
}

export type OptionSymbolParts = { readonly root: string; readonly expiry: string; readonly right: 'C' | 'P'; readonly strike: number };

/**
 * An OCC option symbol, padded or not, with Polygon's `O:` or thinkorswim's `.` prefix
 * (`SPY   250708C00620000`, `O:SPY250708C00620000`); null when the text is not one.
 */
export function parseOptionSymbol(symbol: string): OptionSymbolParts | null {
  const m = /^(?:O:|\.)?([A-Z.]{1,6}\d?)\s*(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/.exec(symbol.trim().toUpperCase());
  if (!m) return null;
  const expiry = isoDay(2000 + Number(m[2]), Number(m[3]), Number(m[4]));
  return expiry && m[1] ? { root: m[1], expiry, right: m[5] === 'P' ? 'P' : 'C', strike: Number(m[6]) / 1000 } : null;
}

/** Expiry from an OCC-style option symbol; null when not one. */
export function expiryFromOptionSymbol(symbol: string): { root: string; expiry: string } | null {
  const parts = parseOptionSymbol(symbol);
  return parts ? { root: parts.root, expiry: parts.expiry } : null;
}

/**
 * CBOE's quote table before 2019 had no strike or expiry columns: each contract cell reads
 * `18 Dec 100.00 (SPX1821L100)` — strike in the text, and in the code year, day and a month letter
 * (A–L calls January–December, M–X puts). A code with a `-x` suffix is one exchange's quote of a contract
 * the composite row already lists: `exchange` tells the caller to skip it.
 */
export function parseLegacyCboeContract(cell: string): { root: string; expiry: string; right: 'C' | 'P'; strike: number; exchange: boolean } | null {
  const m = /^\d{2}\s+[A-Za-z]{3}\s+([\d.]+)\s*\(([A-Z]+?)(\d{2})(\d{2})([A-X])[\d.]+(-[A-Z0-9]+)?\)$/.exec(cell.trim());
  if (!m) return null;
  const letter = (m[5] ?? 'A').charCodeAt(0) - 65;
  const expiry = isoDay(2000 + Number(m[3]), (letter % 12) + 1, Number(m[4]));
  const strike = Number(m[1]);
  if (!expiry || !m[2] || !(strike > 0)) return null;
  return { root: m[2], expiry, right: letter < 12 ? 'C' : 'P', strike, exchange: m[6] !== undefined };
}

export type ChainStamp = {
  readonly date: string;
  /** ISO 8601 with the New York offset, when the time of day is known. */
  readonly takenAt: string | null;
};

/** The New York day and moment of a wall-clock stamp in `zoneLabel` (CBOE: ET unless it says GMT±h). */
function stampOf(year: number, month: number, day: number, hour: number | null, minute: number, meridiem: string | undefined, zoneLabel: string | undefined): ChainStamp | null {
  const date = isoDay(year, month, day);
  if (!date) return null;
  if (hour === null) return { date, takenAt: null };
  const h = meridiem ? (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0) : hour;
  const zone = (zoneLabel ? resolveZone(zoneLabel) : null) ?? MARKET_ZONE;
  const moment = DateTime.fromObject({ year, month, day, hour: h, minute }, { zone }).setZone(MARKET_ZONE);
  if (!moment.isValid) return { date, takenAt: null };
  return { date: moment.toFormat('yyyy-MM-dd'), takenAt: moment.toISO({ suppressMilliseconds: true }) };
}

const ZONE = '(ET|EST|EDT|CT|CST|CDT|UTC|GMT(?:[+-]\\d{1,2}(?::?\\d{2})?)?)';
/** `Date: September 14, 2023 at 4:31 PM EDT` (CBOE since 2019, en-US browsers). */
const LONG_US = new RegExp(`([A-Za-z]{3,9})\\.?\\s+(\\d{1,2}),\\s*(\\d{4})(?:\\s+at\\s+(\\d{1,2}):(\\d{2})\\s*([AP]M)?\\s*${ZONE}?)?`, 'i');
/** `Date: 14 September 2023 at 16:31 GMT-4` (en-GB browsers). */
const LONG_DAY_FIRST = new RegExp(`(\\d{1,2})\\s+([A-Za-z]{3,9})\\.?\\s+(\\d{4})(?:,?\\s+(?:at\\s+)?(\\d{1,2}):(\\d{2})\\s*([AP]M)?\\s*${ZONE}?)?`, 'i');
/** `Jul 17 2026 @ 15:45 ET` (CBOE quotedata before 2019). */
const AT_SIGN = new RegExp(`([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{4})\\s*@\\s*(\\d{1,2}):(\\d{2})\\s*([AP]M)?\\s*${ZONE}?`, 'i');
/** `Date: 2026年3月19日 GMT-4 10:30` (CJK browsers). */
const CJK = new RegExp(`(\\d{4})年(\\d{1,2})月(\\d{1,2})日\\s*${ZONE}?\\s*(\\d{1,2})?:?(\\d{2})?`, 'i');
/** Barchart's footer: `Downloaded from Barchart.com as of 07-08-2025 10:15am CDT`. */
const AS_OF = new RegExp(`as of\\s+(\\d{1,2})-(\\d{1,2})-(\\d{4})(?:\\s+(\\d{1,2}):(\\d{2})\\s*([ap]m)?\\s*${ZONE}?)?`, 'i');

/** The moment a preamble or footer line stamps, in any of the forms above; null when it has none. */
export function parseChainStamp(line: string): ChainStamp | null {
  const num = (text: string | undefined): number | null => (text === undefined || text === '' ? null : Number(text));
  let m = AT_SIGN.exec(line);
  if (m) {
    const month = monthOf(m[1] ?? '');
    return month ? stampOf(Number(m[3]), month, Number(m[2]), num(m[4]), Number(m[5]), m[6], m[7]) : null;
  }
  m = CJK.exec(line);
  if (m) return stampOf(Number(m[1]), Number(m[2]), Number(m[3]), num(m[5]), Number(m[6] ?? '0'), undefined, m[4]);
  m = AS_OF.exec(line);
  if (m) return stampOf(Number(m[3]), Number(m[1]), Number(m[2]), num(m[4]), Number(m[5] ?? '0'), m[6], m[7]);
  const dated = /Date:\s*(.*)$/i.exec(line)?.[1];
  if (dated === undefined) return null;
  m = LONG_US.exec(dated);
  if (m && monthOf(m[1] ?? '')) return stampOf(Number(m[3]), monthOf(m[1] ?? '') ?? 0, Number(m[2]), num(m[4]), Number(m[5] ?? '0'), m[6], m[7]);
  m = LONG_DAY_FIRST.exec(dated);
  if (m && monthOf(m[2] ?? '')) return stampOf(Number(m[3]), monthOf(m[2] ?? '') ?? 0, Number(m[1]), num(m[4]), Number(m[5] ?? '0'), m[6], m[7]);
  return null;
}

export type ChainPreamble = {
  readonly spot: number | null;
  readonly date: string | null;
  /** ISO 8601 with offset, New York time, when the preamble gives the time of day. */
  readonly takenAt: string | null;
};

/**
 * CBOE's delayed-quotes download opens with lines like `SPDR S&P 500 ETF Trust,Last: 450.81,…` and
 * `"Date: September 14, 2023 at 4:31 PM EDT",Bid: …` — or, in older downloads, `SPX (S&P 500 INDEX),2684.79,+2.17`
 * and `Dec 28 2017 @ 11:12 ET`: the spot and the moment of the snapshot.
 */
export function readChainPreamble(lines: readonly string[]): ChainPreamble {
  let spot: number | null = null;
  let stamp: ChainStamp | null = null;
  for (const line of lines) {
    const last = /Last:\s*\$?([\d,]+(?:\.\d+)?)/i.exec(line) ?? /^[A-Z^.$]{1,8}\s*\([^)]*\),\s*\$?([\d.]+),/.exec(line);
    if (last?.[1] && spot === null) {
      const value = Number(last[1].replace(/,/g, ''));
      if (value > 0) spot = value;
    }
    stamp ??= parseChainStamp(line);
  }
  return { spot, date: stamp?.date ?? null, takenAt: stamp?.takenAt ?? null };
}

/**
 * What a chain's file name says. Barchart names its downloads
 * `spy-options-exp-2025-07-08-weekly-show-all-stacked-07-08-2025.csv`: the expiry after `exp-`, the download
 * day at the end. Any other name counts only when it holds exactly one date (`spy-chain-20250708.csv`).
 */
export function chainFileNameDates(file: string): { readonly expiry: string | null; readonly date: string | null } {
  const name = file.replace(/^.*[\\/]/, '');
  const expiry = /exp-(\d{4})-(\d{2})-(\d{2})/i.exec(name);
  const trailing = /(\d{2})-(\d{2})-(\d{4})(?:\.\w+)?$/.exec(name);
  if (expiry) {
    return { expiry: isoDay(Number(expiry[1]), Number(expiry[2]), Number(expiry[3])), date: trailing ? isoDay(Number(trailing[3]), Number(trailing[1]), Number(trailing[2])) : null };
  }
  const dates = [...name.matchAll(/(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)/g)].map((m) => isoDay(Number(m[1]), Number(m[2]), Number(m[3]))).filter((day): day is string => day !== null);
  return { expiry: null, date: new Set(dates).size === 1 ? (dates[0] ?? null) : null };
}
