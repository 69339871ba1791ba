import { DateTime } from 'luxon';
import { tradeRecordSchema, type TradeRecordInput } from '../../../shared/domain/trade.ts';
import { MARKET_ZONE } from '../../../shared/market/calendar.ts';

/**
 * The hand-entry form's values and their check. Times are typed as New York wall-clock HH:MM on the trade
 * day (the trader's session clock); they become ISO timestamps with the right ET offset for that day, so
 * daylight saving is handled by the date, never by this machine's zone.
 */

export type ManualTradeForm = {
  readonly id: string;
  readonly symbol: string;
  readonly date: string;
  readonly expiry: string;
  readonly right: 'C' | 'P';
  readonly strike: string;
  readonly side: 'long' | 'short';
  readonly qty: string;
  readonly entry_time: string;
  readonly exit_time: string;
  readonly entry_price: string;
  readonly exit_price: string;
  readonly fees: string;
  readonly underlying_entry: string;
  readonly underlying_exit: string;
};

export type ManualField = keyof ManualTradeForm;
export type FieldErrors = Partial<Record<ManualField, string>>;

export function emptyManualForm(today: string): ManualTradeForm {
  return {
    id: '',
    symbol: 'SPY',
    date: today,
    expiry: today,
    right: 'C',
    strike: '',
    side: 'long',
    qty: '1',
    entry_time: '',
    exit_time: '',
    entry_price: '',
    exit_price: '',
    fees: '0',
    underlying_entry: '',
    underlying_exit: '',
  };
}

/** Today in New York, YYYY-MM-DD (the default trade day). */
export function todayInNewYork(nowMs: number): string {
  return DateTime.fromMillis(nowMs, { zone: MARKET_ZONE }).toFormat('yyyy-MM-dd');
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "10:15" on 2025-07-08 in New York → "2025-07-08T10:15:00-04:00"; null when unreadable. */
export function etTimestamp(date: string, time: string): string | null {
  const match = TIME.exec(time.trim());
  if (!DATE.test(date) || !match) return null;
  const dt = DateTime.fromISO(date, { zone: MARKET_ZONE }).set({
    hour: Number(match[1]),
    minute: Number(match[2]),
    second: Number(match[3] ?? 0),
    millisecond: 0,
  });
  return dt.isValid ? dt.toISO({ suppressMilliseconds: true }) : null;
}

function number(text: string): number | null {
  const trimmed = text.trim().replace(/^\$/, '');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** A readable id from the contract and the entry time, used when the trader leaves the id empty. */
export function defaultTradeId(form: ManualTradeForm): string {
  const time = form.entry_time.trim().replace(':', '').slice(0, 4);
  return `manual-${form.date}-${time || 'na'}-${form.symbol.trim().toUpperCase()}-${form.strike.trim()}${form.right}`;
}

/** Checks the form; returns the trade record to send, or one message per field that is wrong. */
export function validateManualTrade(form: ManualTradeForm): { trade: TradeRecordInput; errors: null } | { trade: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const symbol = form.symbol.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9./]{0,9}$/.test(symbol)) errors.symbol = 'Enter the underlying, e.g. SPY.';
  if (!DATE.test(form.date) || !DateTime.fromISO(form.date).isValid) errors.date = 'Pick the trade day.';
  if (!DATE.test(form.expiry) || !DateTime.fromISO(form.expiry).isValid) errors.expiry = 'Pick the expiry date.';
  else if (!errors.date && form.expiry < form.date) errors.expiry = 'The option expired before the trade day.';

  const strike = number(form.strike);
  if (strike === null || strike <= 0) errors.strike = 'Enter the strike, e.g. 620.';
  const qty = number(form.qty);
  if (qty === null || qty <= 0) errors.qty = 'Enter how many contracts (more than 0).';
  const entryPrice = number(form.entry_price);
  if (entryPrice === null || entryPrice < 0) errors.entry_price = 'Enter the premium per share paid or received, e.g. 1.25.';
  const exitPrice = number(form.exit_price);
  if (exitPrice === null || exitPrice < 0) errors.exit_price = 'Enter the exit premium per share (0 if it expired worthless).';
  const fees = form.fees.trim() === '' ? 0 : number(form.fees);
  if (fees === null || fees < 0) errors.fees = 'Fees are a positive amount in dollars (0 if none).';

  const entryTime = errors.date ? null : etTimestamp(form.date, form.entry_time);
  const exitTime = errors.date ? null : etTimestamp(form.date, form.exit_time);
  if (!TIME.test(form.entry_time.trim())) errors.entry_time = 'Entry time as HH:MM in New York time, e.g. 10:15.';
  if (!TIME.test(form.exit_time.trim())) errors.exit_time = 'Exit time as HH:MM in New York time, e.g. 10:42.';
  else if (entryTime && exitTime && exitTime < entryTime) errors.exit_time = 'The exit is before the entry.';

  const underlyingEntry = number(form.underlying_entry);
  if (form.underlying_entry.trim() !== '' && (underlyingEntry === null || underlyingEntry <= 0)) errors.underlying_entry = 'A price above 0, or leave it empty.';
  const underlyingExit = number(form.underlying_exit);
  if (form.underlying_exit.trim() !== '' && (underlyingExit === null || underlyingExit <= 0)) errors.underlying_exit = 'A price above 0, or leave it empty.';

  if (Object.keys(errors).length > 0 || !entryTime || !exitTime || strike === null || qty === null || entryPrice === null || exitPrice === null || fees === null) {
    return { trade: null, errors };
  }
  const trade: TradeRecordInput = {
    id: form.id.trim() || defaultTradeId(form),
    symbol,
    expiry: form.expiry,
    right: form.right,
    strike,
    side: form.side,
    qty,
    entry_time: entryTime,
    exit_time: exitTime,
    entry_price: entryPrice,
    exit_price: exitPrice,
    fees,
    ...(underlyingEntry !== null ? { underlying_entry: underlyingEntry } : {}),
    ...(underlyingExit !== null ? { underlying_exit: underlyingExit } : {}),
  };
  // The contract's own schema has the last word; map anything it still refuses onto the form's fields.
  const checked = tradeRecordSchema.safeParse(trade);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0] ?? 'id') as ManualField;
      errors[field in form ? field : 'id'] ??= issue.message;
    }
    return { trade: null, errors };
  }
  return { trade, errors: null };
}
