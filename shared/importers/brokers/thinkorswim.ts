import { PREMIUM_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { DEFAULT_BROKER_ZONE, localTimeToIso, sortInstant, usDate } from './brokerTime.ts';
import { cellsOutOfRange, hasColumns, headerSeen, isBlankRow, parseAmount, readCsvRows, tableRows, type CsvRow, type RecordRow } from './csvText.ts';
import { contractKey, oldestFirst, SkipTally, type BrokerParse, type BrokerParseOptions, type Fill } from './fill.ts';
import { readOptionSymbol, STANDARD_MULTIPLIER, type OptionContract } from './optionSymbol.ts';
import { findCash, readCashBalance, sectionHeaderIndex, shareCost, type CashTrade } from './thinkorswimCash.ts';

/**
 * thinkorswim exports (times are the platform's wall clock, America/New_York unless `tz` says otherwise):
 * - Account Statement (Monitor → Account Statement → Export to File), possibly after a `This document was
 *   exported from the paperMoney platform.` line: titled sections, each a header and rows ended by a blank
 *   line. Fills come from `Account Trade History`:
 *   `,Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type`. The other
 *   legs of a multi-leg order leave `Exec Time` and `Spread` blank (their `Net Price` reads CREDIT/DEBIT).
 *   Fees come from `Cash Balance` (`thinkorswimCash.ts`), one row per order.
 * - Today's Trade Activity: the `Filled Orders` section, `,,Exec Time,Spread,Side,Qty,…` (sometimes with a
 *   `Price Improvement` column); it has no fees.
 * `Exp` is `10 MAR 25` (a weekly or daily) or, in old statements, `MAR 15` (the standard monthly expiry,
 * the third Friday).
 */
export const TOS_TRADE_HISTORY = 'Account Trade History';
export const TOS_FILLED_ORDERS = 'Filled Orders';
export { TOS_CASH_BALANCE, TOS_SECTION_SKEW_SECONDS } from './thinkorswimCash.ts';

const TRADE_SECTIONS = [TOS_TRADE_HISTORY, TOS_FILLED_ORDERS] as const;
const HISTORY_COLUMNS = ['Exec Time', 'Side', 'Qty', 'Symbol', 'Price'] as const;
const OPTION_TYPES = new Set(['CALL', 'PUT']);
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** True for text thinkorswim wrote: a statement or trade-activity title, or a trade-history section. */
export function isThinkorswimText(text: string): boolean {
  if (/(^|\n)\uFEFF?"?(Account Statement for|Today's Trade Activity for)\b/.test(text.slice(0, 2000))) return true;
  if (new RegExp(`(^|\\n)${TOS_TRADE_HISTORY}[,\\r\\n]`).test(text)) return true;
  return /(^|\n)Filled Orders,*\r?\n[^\n]*Exec Time,\s*Spread,\s*Side,\s*Qty,\s*Pos Effect/i.test(text);
}

type Stamp = { readonly iso: string; readonly minuteOnly: boolean };

function stampOf(execTime: string, zone: string): Stamp | null {
  const match = /^(\S+)\s+(\d{1,2}:\d{2}(?::\d{2})?)$/.exec(execTime.trim());
  const day = match?.[1] ? usDate(match[1]) : null;
  const iso = day && match?.[2] ? localTimeToIso(day, match[2], zone) : null;
  return iso && match?.[2] ? { iso, minuteOnly: !/:\d{2}:\d{2}$/.test(match[2]) } : null;
}

/** The standard monthly expiry of an old `MAR 15` Exp: the third Friday of the month. */
function thirdFriday(month: number, year: number): string {
  const firstDay = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((5 - firstDay + 7) % 7) + 14;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function historyContract(row: RecordRow): OptionContract | null {
  const symbol = row.get('Symbol');
  const fromSymbol = readOptionSymbol(symbol);
  if (fromSymbol) return fromSymbol;
  const exp = row.get('Exp').replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim().toUpperCase();
  const monthly = /^([A-Z]{3}) (\d{2}|\d{4})$/.exec(exp);
  const month = monthly ? MONTHS.indexOf(monthly[1] ?? '') + 1 : 0;
  const strike = parseAmount(row.get('Strike'));
  const right = row.get('Type').toUpperCase().charAt(0);
  if (monthly && month > 0 && strike !== null && strike > 0 && (right === 'C' || right === 'P')) {
    const year = Number(monthly[2]) < 100 ? 2000 + Number(monthly[2]) : Number(monthly[2]);
    return { symbol, expiry: thirdFriday(month, year), right, strike, multiplier: STANDARD_MULTIPLIER };
  }
  return readOptionSymbol(`${symbol} ${exp} ${row.get('Strike')} ${row.get('Type')}`);
}

/** One order of the trade history: its first row (with Exec Time) and the legs listed under it. */
type Order = { readonly stamp: Stamp; readonly netPrice: number | null; readonly spread: string; readonly legs: Fill[]; legCount: number };

function attachFees(order: Order, cash: readonly CashTrade[], file: string, warnings: string[]): Fill[] {
  const first = order.legs[0];
  if (!first) return [];
  const at = sortInstant(order.stamp.iso);
  const single = order.legCount === 1 && order.legs.length === 1;
  const base = { at, minuteOnly: order.stamp.minuteOnly, side: first.side ?? 'buy', qty: first.qty, root: first.symbol };
  const combo = single ? null : findCash({ ...base, price: order.netPrice, key: '' }, cash);
  if (combo) {
    combo.used = true;
    const weights = order.legs.map((leg) => leg.qty);
    const fees = shareCost(combo.fees, weights);
    const commissions = shareCost(combo.commissions, weights);
    return order.legs.map((leg, index) => ({ ...leg, fees: fees[index] ?? 0, commissions: commissions[index] ?? 0, ...(combo.ref ? { order_id: combo.ref } : {}) }));
  }
  return order.legs.map((leg) => {
    const row = findCash({ ...base, side: leg.side ?? 'buy', qty: leg.qty, root: leg.symbol, price: leg.price, key: contractKey(leg) }, cash);
    if (row) {
      row.used = true;
      return { ...leg, fees: row.fees, commissions: row.commissions, ...(row.ref ? { order_id: row.ref } : {}) };
    }
    if (cash.length > 0) warnings.push(`${file}:${leg.source.line}: no matching Cash Balance row, fees read as 0`);
    return leg;
  });
}

function tradeSection(rows: readonly CsvRow[]): { title: string; headerIndex: number } | null {
  for (const title of TRADE_SECTIONS) {
    const headerIndex = sectionHeaderIndex(rows, title);
    const header = rows[headerIndex];
    if (headerIndex >= 0 && header && !isBlankRow(header) && hasColumns(header, HISTORY_COLUMNS)) return { title, headerIndex };
  }
  return null;
}

export function parseThinkorswim(text: string, file: string, options: BrokerParseOptions = {}): BrokerParse {
  const zone = options.tz ?? DEFAULT_BROKER_ZONE;
  const rows = readCsvRows(text);
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const skipped = new SkipTally();
  const title = rows.slice(0, 6).map((row) => row.cells[0] ?? '').join('\n');
  const account = /(?:Account Statement|Trade Activity) for\s+([^\s│|]+)/i.exec(title)?.[1] ?? '';
  const section = tradeSection(rows);
  if (!section) {
    errors.push({ file, line: 1, field: '', reason: `no '${TOS_TRADE_HISTORY}' (or '${TOS_FILLED_ORDERS}') section with ${HISTORY_COLUMNS.join(', ')} in this thinkorswim file; header seen at ${headerSeen(rows)}` });
    return { fills: [], errors, warnings };
  }
  const cash = readCashBalance(rows, file, account, zone, errors);
  const orders: Order[] = [];
  let current: Order | null = null;
  for (const row of tableRows(rows, section.headerIndex)) {
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const execTime = row.get('Exec Time');
    if (execTime !== '') {
      const stamp = stampOf(execTime, zone);
      if (!stamp) {
        fail('Exec Time', `unreadable time '${execTime}'`);
        current = null;
        continue;
      }
      const net = parseAmount(row.get('Net Price'));
      current = { stamp, netPrice: net === null || Number.isNaN(net) ? null : net, spread: row.get('Spread').toUpperCase(), legs: [], legCount: 0 };
      orders.push(current);
    } else if (!current) {
      fail('Exec Time', 'a leg row with no Exec Time and no order above it to take the time from');
      continue;
    }
    current.legCount += 1;
    const type = row.get('Type').toUpperCase();
    if (row.get('Symbol').startsWith('/')) {
      skipped.add('futures option');
      continue;
    }
    if (!OPTION_TYPES.has(type) && !readOptionSymbol(row.get('Symbol'))) {
      skipped.add(`not an option (${type || 'no type'})`);
      continue;
    }
    const contract = historyContract(row);
    if (!contract) {
      fail(row.get('Exp') ? 'Exp' : 'Symbol', `unrecognised option '${row.get('Symbol')} ${row.get('Exp')} ${row.get('Strike')} ${type}'`);
      continue;
    }
    const qty = parseAmount(row.get('Qty'));
    const price = parseAmount(row.get('Price'));
    if (qty === null || Number.isNaN(qty) || qty === 0) {
      fail('Qty', `unreadable quantity '${row.get('Qty')}'`);
      continue;
    }
    if (price === null || Number.isNaN(price) || price < 0) {
      fail('Price', `unreadable price '${row.get('Price')}'`);
      continue;
    }
    const ranged = [
      { column: 'Qty', cell: row.get('Qty'), value: Math.abs(qty), range: QUANTITY_RANGE },
      { column: 'Price', cell: row.get('Price'), value: price, range: PREMIUM_RANGE },
    ];
    if (cellsOutOfRange(ranged, fail)) continue;
    const sideCell = row.get('Side').toUpperCase();
    if (sideCell !== '' && sideCell !== 'BUY' && sideCell !== 'SELL') {
      fail('Side', `unknown side '${row.get('Side')}'`);
      continue;
    }
    const side = sideCell === 'BUY' ? 'buy' : sideCell === 'SELL' ? 'sell' : qty > 0 ? 'buy' : 'sell';
    const effectCell = row.get('Pos Effect').toUpperCase();
    const effect = effectCell === 'TO OPEN' ? 'open' : effectCell === 'TO CLOSE' ? 'close' : undefined;
    current.legs.push({
      broker: 'thinkorswim',
      account,
      time: current.stamp.iso,
      ...contract,
      side,
      ...(effect ? { effect } : {}),
      qty: Math.abs(qty),
      price,
      fees: 0,
      commissions: 0,
      kind: 'trade',
      source: { file, line: row.line },
    });
  }
  const fills = orders.flatMap((order) => attachFees(order, cash.trades, file, warnings));
  for (const orphan of cash.trades.filter((trade) => !trade.used)) {
    warnings.push(`${file}:${orphan.line}: Cash Balance trade with no ${section.title} row, not imported (fills come from the trade history)`);
  }
  if (cash.trades.length === 0 && fills.length > 0 && section.title === TOS_FILLED_ORDERS) {
    warnings.push(`${file}: '${TOS_FILLED_ORDERS}' has no fees; fees read as 0 (export the Account Statement to get them)`);
  }
  return { fills: [...oldestFirst(fills, sortInstant, true), ...oldestFirst(cash.removals, sortInstant, false)], errors, warnings: [...warnings, ...skipped.warnings(file)] };
}
