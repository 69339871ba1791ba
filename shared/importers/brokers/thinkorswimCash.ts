import { FEE_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { localTimeToIso, sortInstant, usDate } from './brokerTime.ts';
import { cellsOutOfRange, parseAmount, tableRows, type CsvRow } from './csvText.ts';
import { contractKey, paid, type Fill, type FillKind } from './fill.ts';
import { readOptionSymbol } from './optionSymbol.ts';

/**
 * thinkorswim's `Cash Balance` section: one `TRD` row per order with its fees (`Misc Fees`,
 * `Commissions & Fees`), and `RAD` rows that remove options at expiration, assignment or exercise.
 * A single-contract order reads `BOT +1 SPY 100 (Weeklys) 10 MAR 25 572 CALL @1.20`; a multi-leg order
 * is one row for all its legs, at the net price:
 * `SOLD -20 VERTICAL SPX 100 (Weeklys) 25 MAR 26 6535/6515 PUT @1.05` (also IRON CONDOR, BUTTERFLY,
 * STRADDLE, STRANGLE, CALENDAR, DIAGONAL, COVERED, CUSTOM …), so its fees are shared between the legs.
 * The trade history stamps the same fill a second or two apart, and often only to the minute.
 */
export const TOS_CASH_BALANCE = 'Cash Balance';
/** How far apart the Cash Balance and Account Trade History stamps of one fill may be. */
export const TOS_SECTION_SKEW_SECONDS = 5;

export type CashTrade = {
  readonly line: number;
  readonly instant: number;
  /** Contract key for a single-contract order; '' for a multi-leg order. */
  readonly key: string;
  /** Underlying of a multi-leg order, '' when the description does not show it. */
  readonly root: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly price: number;
  readonly fees: number;
  readonly commissions: number;
  readonly ref: string;
  used: boolean;
};

export type CashSection = { readonly trades: CashTrade[]; readonly removals: Fill[] };

const REMOVAL = /REMOVAL OF OPTION DUE TO (EXPIRATION|ASSIGNMENT|EXERCISE)\s+([+-]?[\d.,]+)\s+(.+?)\s*$/i;
const REMOVAL_KIND: Readonly<Record<string, Exclude<FillKind, 'trade'>>> = {
  EXPIRATION: 'expiration',
  ASSIGNMENT: 'assignment',
  EXERCISE: 'exercise',
};
const CASH_TRADE = /\b(BOT|SOLD)\s+([+-]?[\d.,]+)\s+(.+?)\s+@\s*([\d.,]+)/i;
/** The underlying of a multi-leg description: the root before its multiplier and expiry (`SPX 100 (Weeklys) 25 MAR 26`). */
const COMBO_ROOT = /\b([A-Z][A-Z0-9.]{0,7})\s+\d+\s+(?:\([^)]*\)\s+)?\d{1,2}\s+[A-Z]{3}\s+\d{2}/;

export function sectionHeaderIndex(rows: readonly CsvRow[], title: string): number {
  const titleIndex = rows.findIndex((row) => row.cells[0]?.trim() === title && row.cells.slice(1).every((cell) => cell.trim() === ''));
  return titleIndex < 0 ? -1 : titleIndex + 1;
}

/** `="5319289492"` (how newer statements quote the reference for spreadsheets) → `5319289492`. */
export function refNumber(cell: string): string {
  return cell.trim().replace(/^="?/, '').replace(/"$/, '');
}

export function readCashBalance(rows: readonly CsvRow[], file: string, account: string, zone: string, errors: RowError[]): CashSection {
  const trades: CashTrade[] = [];
  const removals: Fill[] = [];
  const headerIndex = sectionHeaderIndex(rows, TOS_CASH_BALANCE);
  if (headerIndex < 0) return { trades, removals };
  for (const row of tableRows(rows, headerIndex)) {
    const description = row.get('DESCRIPTION');
    const removal = REMOVAL.exec(description);
    const cashTrade = removal ? null : CASH_TRADE.exec(description);
    if (!removal && !cashTrade) continue;
    const text = ((removal ? removal[3] : cashTrade?.[3]) ?? '').trim();
    const contract = readOptionSymbol(text);
    const combo = !contract && cashTrade !== null && /\b(CALL|PUT)\b/i.test(text);
    if (!contract && !combo) {
      if (removal) errors.push({ file, line: row.line, field: 'DESCRIPTION', reason: `unrecognised option in '${description}'` });
      continue;
    }
    const time = row.get('TIME');
    const day = usDate(row.get('DATE'));
    const stamp = day && time && time !== '00:00:00' ? localTimeToIso(day, time, zone) : day;
    if (!stamp) {
      errors.push({ file, line: row.line, field: 'DATE', reason: `unreadable date '${row.get('DATE')} ${time}'` });
      continue;
    }
    const qty = Math.abs(parseAmount((removal ? removal[2] : cashTrade?.[2]) ?? '') ?? Number.NaN);
    const misc = parseAmount(row.get('Misc Fees')) ?? 0;
    const commission = parseAmount(row.get('Commissions & Fees')) ?? 0;
    if (!(qty > 0) || Number.isNaN(misc) || Number.isNaN(commission)) {
      errors.push({ file, line: row.line, field: Number.isNaN(misc) ? 'Misc Fees' : Number.isNaN(commission) ? 'Commissions & Fees' : 'DESCRIPTION', reason: `unreadable quantity or fees in '${description}'` });
      continue;
    }
    const ranged = [
      { column: 'DESCRIPTION', cell: description, value: qty, range: QUANTITY_RANGE },
      { column: 'Misc Fees', cell: row.get('Misc Fees'), value: misc, range: FEE_RANGE },
      { column: 'Commissions & Fees', cell: row.get('Commissions & Fees'), value: commission, range: FEE_RANGE },
    ];
    if (cellsOutOfRange(ranged, (field, reason) => errors.push({ file, line: row.line, field, reason }))) continue;
    if (removal && contract) {
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
      key: contract ? contractKey({ broker: 'thinkorswim', account, ...contract }) : '',
      root: contract ? contract.symbol : (COMBO_ROOT.exec(text.toUpperCase())?.[1] ?? ''),
      side: cashTrade?.[1]?.toUpperCase() === 'BOT' ? 'buy' : 'sell',
      qty,
      price: parseAmount(cashTrade?.[4]) ?? Number.NaN,
      fees: paid(misc),
      commissions: paid(commission),
      ref: refNumber(row.get('REF #')),
      used: false,
    });
  }
  return { trades, removals };
}

export type CashQuery = {
  readonly at: number;
  readonly minuteOnly: boolean;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  /** The order's price: the leg price of a single, the net price of a multi-leg order (null: not compared). */
  readonly price: number | null;
  /** Contract key of a single; '' to look for a multi-leg row. */
  readonly key: string;
  readonly root: string;
};

/** The unused Cash Balance row of an order: same contract (or underlying), side, size and price, nearest in time. */
export function findCash(query: CashQuery, cash: readonly CashTrade[]): CashTrade | null {
  const skew = TOS_SECTION_SKEW_SECONDS * 1000;
  const latest = query.at + skew + (query.minuteOnly ? 59_000 : 0);
  let best: CashTrade | null = null;
  for (const candidate of cash) {
    if (candidate.used || candidate.key !== query.key || candidate.side !== query.side) continue;
    if (query.key === '' && candidate.root !== '' && candidate.root !== query.root) continue;
    if (Math.abs(candidate.qty - query.qty) > 1e-9) continue;
    if (query.price !== null && Math.abs(candidate.price - query.price) > 1e-6) continue;
    if (candidate.instant < query.at - skew || candidate.instant > latest) continue;
    if (!best || Math.abs(candidate.instant - query.at) < Math.abs(best.instant - query.at)) best = candidate;
  }
  return best;
}

/**
 * A multi-leg order's fees shared between its legs in proportion to contracts, in whole cents, the last
 * leg taking the remainder so the legs add up to exactly what the broker charged.
 */
export function shareCost(total: number, weights: readonly number[]): number[] {
  const cents = Math.round(total * 100);
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  let given = 0;
  return weights.map((weight, index) => {
    const share = index === weights.length - 1 ? cents - given : Math.round((cents * weight) / (sum || 1));
    given += share;
    return share / 100;
  });
}
