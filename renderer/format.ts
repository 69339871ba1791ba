import { DateTime } from 'luxon';
import { MARKET_ZONE } from '../shared/market/calendar.ts';

/**
 * Display formatters shared by every screen. Times are always shown in New York time, whatever the
 * machine's zone, because that is the clock the trader's session, blocks and scores are on.
 */

const MINUS = '\u2212';
export const DASH = '\u2014';

const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** $1,234.50 with a sign: "+$118.70", "−$42.00", "$0.00"; '—' for null. */
export function money(value: number | null | undefined, options: { readonly sign?: boolean } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const rounded = Math.round(value * 100) / 100;
  const body = `$${moneyFormat.format(Math.abs(rounded))}`;
  if (rounded < 0) return `${MINUS}${body}`;
  if (rounded > 0 && options.sign !== false) return `+${body}`;
  return body;
}

/** 'good' for a profit, 'bad' for a loss, 'flat' otherwise: a class name for PnL colouring. */
export function pnlTone(value: number | null | undefined): 'good' | 'bad' | 'flat' {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'flat';
  if (value > 0.004) return 'good';
  if (value < -0.004) return 'bad';
  return 'flat';
}

/** A share in [0, 1] as "62%" (digits after the point on request); '—' for null. */
export function pct(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return `${(value * 100).toFixed(digits)}%`;
}

/** A regret score to 2 decimals, or '—' when the engine could not compute it. */
export function regret(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value.toFixed(2);
}

/** Plain number with a fixed number of decimals; '—' for null. */
export function num(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value.toFixed(digits);
}

function parse(value: string | number): DateTime | null {
  const dt =
    typeof value === 'number'
      ? DateTime.fromMillis(value, { zone: MARKET_ZONE })
      : DateTime.fromISO(value.trim().replace(' ', 'T'), { setZone: true }).setZone(MARKET_ZONE);
  return dt.isValid ? dt : null;
}

/** True when the text is a date without a time of day (some broker exports give only dates). */
function isDateOnly(value: string | number): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
}

/** "10:05" in New York time (ISO text with offset, or epoch ms); '—' when unreadable or date-only. */
export function etTime(value: string | number | null | undefined, withSeconds = false): string {
  if (value === null || value === undefined || isDateOnly(value)) return DASH;
  const dt = parse(value);
  return dt ? dt.toFormat(withSeconds ? 'HH:mm:ss' : 'HH:mm') : DASH;
}

/** "2025-03-10" in New York time. */
export function etDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  if (isDateOnly(value)) return String(value).trim();
  const dt = parse(value);
  return dt ? dt.toFormat('yyyy-MM-dd') : DASH;
}

/** "Mon 2025-03-10 10:05 ET". */
export function etDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  if (isDateOnly(value)) return String(value).trim();
  const dt = parse(value);
  return dt ? `${dt.toFormat('ccc yyyy-MM-dd HH:mm')} ET` : DASH;
}

/** "03/12/18 12:08": New York date with its year and time, compact enough for a table cell; a bare date as MM/DD/YY. */
export function etShortDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  if (isDateOnly(value)) {
    const [year = '', month = '', day = ''] = String(value).trim().split('-');
    return `${month}/${day}/${year.slice(2)}`;
  }
  const dt = parse(value);
  return dt ? dt.toFormat('MM/dd/yy HH:mm') : DASH;
}

/** Epoch ms of an ISO timestamp, or null (date-only or unreadable). */
export function epochOf(value: string | null | undefined): number | null {
  if (value === null || value === undefined || isDateOnly(value)) return null;
  const dt = parse(value);
  return dt ? dt.toMillis() : null;
}

/** "37m", "1h 05m"; '—' for null. */
export function duration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return DASH;
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole}m`;
  if (whole < 24 * 60) return `${Math.floor(whole / 60)}h ${String(whole % 60).padStart(2, '0')}m`;
  const days = Math.floor(whole / (24 * 60));
  const hours = Math.floor((whole % (24 * 60)) / 60);
  return hours === 0 ? `${days}d` : `${days}d ${hours}h`;
}

/** "SPY 07/08/25 620C": symbol, expiry month/day/year, strike without trailing zeros, right. */
export function contractLabel(trade: {
  readonly symbol: string;
  readonly expiry: string;
  readonly strike: number;
  readonly right: 'C' | 'P';
}): string {
  const [year, month, day] = trade.expiry.split('-');
  const strike = Number.isInteger(trade.strike) ? String(trade.strike) : String(Number(trade.strike.toFixed(2)));
  return `${trade.symbol} ${month ?? '??'}/${day ?? '??'}/${(year ?? '??').slice(2)} ${strike}${trade.right}`;
}

/** snake_case engine names for people: "momentum_break" → "Momentum break". */
export function humanize(name: string): string {
  const spaced = name.replace(/_/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Step 0…4 of the theme's regret scale for a score in [0, 1]; null stays null (drawn as "no score"). */
export function regretStep(value: number | null | undefined): 0 | 1 | 2 | 3 | 4 | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const clamped = Math.min(1, Math.max(0, value));
  return Math.min(4, Math.floor(clamped * 5)) as 0 | 1 | 2 | 3 | 4;
}

/** The CSS colour of a regret score on the theme's five-step scale. */
export function regretColor(value: number | null | undefined): string {
  const step = regretStep(value);
  return step === null ? 'var(--border)' : `var(--regret-${step})`;
}

/** "1,234". */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** "1 trade", "3 trades". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}
