import type { RowError } from '../../domain/errors.ts';
import { DEFAULT_BROKER_ZONE, localTimeToIso, sortInstant, usDate } from './brokerTime.ts';
import { isBlankRow, parseAmount, readCsvRows, tableRows, type CsvRow, type RecordRow } from './csvText.ts';
import { contractKey, oldestFirst, paid, SkipTally, type BrokerParse, type BrokerParseOptions, type Fill, type FillKind } from './fill.ts';
import { readOptionSymbol, type OptionContract } from './optionSymbol.ts';

/**
 * thinkorswim Account Statement (Monitor → Account Statement → Export to File): titled sections (`Cash
 * Balance`, `Account Order History`, `Account Trade History`, …), each a header and rows, ended by a blank
 * line. Fills come from `Account Trade History` only:
 * `,Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type`; the other legs
 * of a spread leave `Exec Time` blank. That section has no fees, so each fill takes the fees of its
 * `Cash Balance` TRD row (`BOT +1 SPY 100 (Weeklys) 10 MAR 25 572 CALL @1.25`), found by contract, side,
 * quantity and price within a few seconds: the two sections stamp the same fill a second or two apart,
 * and the trade history often only to the minute. `REMOVAL OF OPTION DUE TO EXPIRATION/ASSIGNMENT/EXERCISE`
 * rows in Cash Balance close positions. Times are the platform's wall clock, America/New_York unless
 * `tz` says otherwise.
 */
export const TOS_TRADE_HISTORY = 'Account Trade History';
export const TOS_CASH_BALANCE = 'Cash Balance';
/** How far apart the Cash Balance and Account Trade History stamps of one fill may be. */
export const TOS_SECTION_SKEW_SECONDS = 5;

const OPTION_TYPES = new Set(['CALL', 'PUT']);

function sectionHeaderIndex(rows: readonly CsvRow[], title: string): number {
  const titleIndex = rows.findIndex((row) => row.cells[0]?.trim() === title && row.cells.slice(1).every((cell) => cell.trim() === ''));
  return titleIndex < 0 ? -1 : titleIndex + 1;
}

type Stamp = { readonly iso: string; readonly minuteOnly: boolean };

function stampOf(date: string, time: string, zone: string): Stamp | null {
  const day = usDate(date);
  if (!day) return null;
  const iso = localTimeToIso(day, time, zone);
  return iso ? { iso, minuteOnly: !/:\d{2}:\d{2}$/.test(time.trim()) } : null;
}

function historyContract(row: RecordRow): OptionContract | null {
  const symbol = row.get('Symbol');
  const fromSymbol = readOptionSymbol(symbol);
  if (fromSymbol) return fromSymbol;
  const exp = row.get('Exp').replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim();
  return readOptionSymbol(`${symbol} ${exp} ${row.get('Strike')} ${row.get('Type')}`);
}

type CashTrade = {
  readonly line: number;
  readonly instant: number;
  readonly key: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly price: number;
  readonly fees: number;
  readonly commissions: number;
  readonly ref: string;
  used: boolean;
};

const REMOVAL = /REMOVAL OF OPTION DUE TO (EXPIRATION|ASSIGNMENT|EXERCISE)\s+([+-]?[\d.,]+)\s+(.+?)\s*$/i;
const REMOVAL_KIND: Readonly<Record<string, Exclude<FillKind, 'trade'>>> = {
  EXPIRATION: 'expiration',
  ASSIGNMENT: 'assignment',
  EXERCISE: 'exercise',
};
const CASH_TRADE = /\b(BOT|SOLD)\s+([+-]?[\d.,]+)\s+(.+?)\s+@\s*([\d.,]+)/i;

type CashSection = { readonly trades: CashTrade[]; readonly removals: Fill[] };

function readCashBalance(rows: readonly CsvRow[], file: string, account: string, zone: string, errors: RowError[]): CashSection {
  const trades: CashTrade[] = [];
  const removals: Fill[] = [];
  const headerIndex = sectionHeaderIndex(rows, TOS_CASH_BALANCE);
  if (headerIndex < 0) return { trades, removals };
  for (const row of tableRows(rows, headerIndex)) {
    const description = row.get('DESCRIPTION');
    const removal = REMOVAL.exec(description);
    const cashTrade = removal ? null : CASH_TRADE.exec(description);
    if (!removal && !cashTrade) continue;
    const contract = readOptionSymbol((removal ? removal[3] : cashTrade?.[3]) ?? '');
    if (!contract) {
      if (removal) errors.push({ file, line: row.line, field: 'DESCRIPTION', reason: `unrecognised option in '${description}'` });
      continue;
    }
    const time = row.get('TIME');
    const day = usDate(row.get('DATE'));
    const stamp = day && time && time !== '00:00:00' ? stampOf(row.get('DATE'), time, zone)?.iso : day;
    if (!stamp) {
      errors.push({ file, line: row.line, field: 'DATE', reason: `unreadable date '${row.get('DATE')} ${time}'` });
      continue;
    }
    const qty = Math.abs(parseAmount((removal ? removal[2] : cashTrade?.[2]) ?? '') ?? Number.NaN);
    const misc = parseAmount(row.get('Misc Fees')) ?? 0;
    const commission = parseAmount(row.get('Commissions & Fees')) ?? 0;
    if (!(qty > 0) || Number.isNaN(misc) || Number.isNaN(commission)) {
      errors.push({ file, line: row.line, field: 'DESCRIPTION', reason: `unreadable quantity or fees in '${description}'` });
      continue;
    }
    if (removal) {
      removals.push({
        broker: 'thinkorswim',
        account,
        time: stamp,
        ...contract,
        qty,
        price: 0,
        fees: paid(misc),
        commissions: paid(commission),
        kind: REMOVAL_KIND[(removal[1] ?? '').toUpperCase()] ?? 'expiration',
        source: { file, line: row.line },
      });
      continue;
    }
    trades.push({
      line: row.line,
      instant: sortInstant(stamp),
      key: contractKey({ broker: 'thinkorswim', account, ...contract }),
      side: cashTrade?.[1]?.toUpperCase() === 'BOT' ? 'buy' : 'sell',
      qty,
      price: parseAmount(cashTrade?.[4]) ?? Number.NaN,
      fees: paid(misc),
      commissions: paid(commission),
      ref: row.get('REF #'),
      used: false,
    });
  }
  return { trades, removals };
}

/** The Cash Balance row of a trade-history fill: same contract, side, size and price, nearest in time. */
function joinCash(fill: Fill, minuteOnly: boolean, cash: readonly CashTrade[]): CashTrade | null {
  const at = sortInstant(fill.time);
  const skew = TOS_SECTION_SKEW_SECONDS * 1000;
  const latest = at + skew + (minuteOnly ? 59_000 : 0);
  let best: CashTrade | null = null;
  for (const candidate of cash) {
    if (candidate.used || candidate.key !== contractKey(fill) || candidate.side !== fill.side) continue;
    if (Math.abs(candidate.qty - fill.qty) > 1e-9 || Math.abs(candidate.price - fill.price) > 1e-6) continue;
    if (candidate.instant < at - skew || candidate.instant > latest) continue;
    if (!best || Math.abs(candidate.instant - at) < Math.abs(best.instant - at)) best = candidate;
  }
  return best;
}

export function parseThinkorswim(text: string, file: string, options: BrokerParseOptions = {}): BrokerParse {
  const zone = options.tz ?? DEFAULT_BROKER_ZONE;
  const rows = readCsvRows(text);
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const skipped = new SkipTally();
  const account = /Account Statement for\s+(\S+)/i.exec(rows[0]?.cells[0] ?? '')?.[1] ?? '';
  const headerIndex = sectionHeaderIndex(rows, TOS_TRADE_HISTORY);
  if (headerIndex < 0 || !rows[headerIndex] || isBlankRow(rows[headerIndex])) {
    errors.push({ file, line: 1, field: '', reason: `no '${TOS_TRADE_HISTORY}' section in this thinkorswim statement` });
    return { fills: [], errors, warnings };
  }
  const cash = readCashBalance(rows, file, account, zone, errors);
  const fills: Fill[] = [];
  let lastTime = '';
  for (const row of tableRows(rows, headerIndex)) {
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const execTime = row.get('Exec Time') || lastTime;
    lastTime = execTime;
    const type = row.get('Type').toUpperCase();
    if (!OPTION_TYPES.has(type)) {
      skipped.add(`not an option (${type || 'no type'})`);
      continue;
    }
    if (row.get('Symbol').startsWith('/')) {
      skipped.add('futures option');
      continue;
    }
    const contract = historyContract(row);
    if (!contract) {
      fail('Symbol', `unrecognised option '${row.get('Symbol')} ${row.get('Exp')} ${row.get('Strike')} ${type}'`);
      continue;
    }
    const match = /^(\S+)\s+(\S+)$/.exec(execTime);
    const stamp = match?.[1] && match[2] ? stampOf(match[1], match[2], zone) : null;
    if (!stamp) {
      fail('Exec Time', `unreadable time '${execTime}'`);
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
    const sideCell = row.get('Side').toUpperCase();
    const side = sideCell === 'BUY' ? 'buy' : sideCell === 'SELL' ? 'sell' : qty > 0 ? 'buy' : 'sell';
    const effectCell = row.get('Pos Effect').toUpperCase();
    const effect = effectCell === 'TO OPEN' ? 'open' : effectCell === 'TO CLOSE' ? 'close' : undefined;
    const fill: Fill = {
      broker: 'thinkorswim',
      account,
      time: stamp.iso,
      ...contract,
      side,
      ...(effect ? { effect } : {}),
      qty: Math.abs(qty),
      price,
      fees: 0,
      commissions: 0,
      kind: 'trade',
      source: { file, line: row.line },
    };
    const paid = joinCash(fill, stamp.minuteOnly, cash.trades);
    if (paid) {
      paid.used = true;
      fills.push({ ...fill, fees: paid.fees, commissions: paid.commissions, ...(paid.ref ? { order_id: paid.ref } : {}) });
    } else {
      fills.push(fill);
      if (cash.trades.length > 0) warnings.push(`${file}:${row.line}: no matching Cash Balance row, fees read as 0`);
    }
  }
  for (const orphan of cash.trades.filter((trade) => !trade.used)) {
    warnings.push(`${file}:${orphan.line}: Cash Balance trade with no Account Trade History row, not imported (fills come from the trade history)`);
  }
  return { fills: [...oldestFirst(fills, sortInstant, true), ...oldestFirst(cash.removals, sortInstant, false)], errors, warnings: [...warnings, ...skipped.warnings(file)] };
}
