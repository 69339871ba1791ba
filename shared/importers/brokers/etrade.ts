import { FEE_RANGE, PREMIUM_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { sortInstant, usDate } from './brokerTime.ts';
import { cellsOutOfRange, findHeaderIndex, headerSeen, parseAmount, readCsvRows, tableRows } from './csvText.ts';
import { oldestFirst, SkipTally, type BrokerParse, type Fill } from './fill.ts';
import { STANDARD_MULTIPLIER, type OptionContract } from './optionSymbol.ts';

/**
 * E*TRADE transaction history CSV (Accounts → Transactions → Download), newest first, sometimes after a
 * `For Account:,####1234` preamble: `TransactionDate,TransactionType,SecurityType,Symbol,Quantity,Amount,
 * Price,Commission,Description`. Dates are `MM/DD/YY` with no time of day, so fills are date-only and `tz`
 * does not apply. Option rows have `SecurityType` OPTN and the contract in `Description`
 * (`CALL SPY 09/23/22 371.000`). `Quantity` may be negative on sells; `Commission` is the fee. Other
 * security types (EQ, MF, cash rows with a blank type) are skipped and counted.
 */
export const ETRADE_COLUMNS = ['TransactionDate', 'TransactionType', 'SecurityType', 'Symbol', 'Quantity', 'Commission', 'Description'] as const;

type TypeMeaning = Pick<Fill, 'side' | 'effect' | 'kind'>;

const TYPES: Readonly<Record<string, TypeMeaning>> = {
  'bought to open': { side: 'buy', effect: 'open', kind: 'trade' },
  'sold to close': { side: 'sell', effect: 'close', kind: 'trade' },
  'sold short': { side: 'sell', effect: 'open', kind: 'trade' },
  'sold to open': { side: 'sell', effect: 'open', kind: 'trade' },
  'bought to cover': { side: 'buy', effect: 'close', kind: 'trade' },
  'bought to close': { side: 'buy', effect: 'close', kind: 'trade' },
  'option expired': { kind: 'expiration' },
  'option assigned': { kind: 'assignment' },
  'option exercised': { kind: 'exercise' },
};

const CONTRACT = /\b(CALL|PUT)\s+([A-Z][A-Z0-9.]{0,7})\s+(\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2}))\s+\$?(\d+(?:\.\d+)?)/i;

/** The contract named in an E*TRADE option description (`CALL SPY 09/23/22 371.000`), or null. */
export function etradeContract(description: string): OptionContract | null {
  const match = CONTRACT.exec(description);
  if (!match) return null;
  const [, right, root, date, strike] = match;
  const expiry = usDate(date ?? '');
  const strikeValue = Number(strike);
  if (!root || !expiry || !(strikeValue > 0)) return null;
  return { symbol: root.toUpperCase(), expiry, right: right?.toUpperCase() === 'CALL' ? 'C' : 'P', strike: strikeValue, multiplier: STANDARD_MULTIPLIER };
}

export function parseEtrade(text: string, file: string): BrokerParse {
  const rows = readCsvRows(text);
  const headerIndex = findHeaderIndex(rows, ETRADE_COLUMNS);
  const fills: Fill[] = [];
  const errors: RowError[] = [];
  const skipped = new SkipTally();
  if (headerIndex < 0) {
    errors.push({ file, line: 1, field: '', reason: `no E*TRADE transactions header (${ETRADE_COLUMNS.join(', ')}); header seen at ${headerSeen(rows)}` });
    return { fills, errors, warnings: [] };
  }
  const preamble = rows.slice(0, headerIndex).map((row) => row.cells.join(' ')).join(' ');
  // `For Account:,####1234`: keep the masked number.
  const account = /account:?\s*([#X*]*-?\d{3,})/i.exec(preamble)?.[1] ?? '';
  for (const row of tableRows(rows, headerIndex, () => false)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    if (row.get('SecurityType').toUpperCase() !== 'OPTN') {
      skipped.add('not an option (SecurityType other than OPTN: stock, fund, cash)');
      continue;
    }
    const typeCell = row.get('TransactionType');
    const meaning = TYPES[typeCell.toLowerCase().replace(/\s+/g, ' ')];
    if (!meaning) {
      skipped.add(`option row with TransactionType '${typeCell}' (not a trade, expiry, assignment or exercise)`);
      continue;
    }
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const description = row.get('Description');
    const contract = etradeContract(description);
    if (!contract) {
      fail('Description', `no option contract in '${description}' (expected like 'CALL SPY 09/23/22 371.000')`);
      continue;
    }
    const dateCell = row.get('TransactionDate');
    const date = usDate(dateCell);
    if (!date) {
      fail('TransactionDate', `unreadable date '${dateCell}'`);
      continue;
    }
    const qtyCell = row.get('Quantity');
    const qty = parseAmount(qtyCell);
    if (qty === null || Number.isNaN(qty) || qty === 0) {
      fail('Quantity', `unreadable quantity '${qtyCell}'`);
      continue;
    }
    const priceCell = row.get('Price');
    const price = meaning.kind === 'trade' ? parseAmount(priceCell) : 0;
    if (price === null || Number.isNaN(price) || price < 0) {
      fail('Price', `unreadable price '${priceCell}'`);
      continue;
    }
    const commissionCell = row.get('Commission');
    const commission = parseAmount(commissionCell);
    if (commission !== null && Number.isNaN(commission)) {
      fail('Commission', `unreadable commission '${commissionCell}'`);
      continue;
    }
    const ranged = [
      { column: 'Quantity', cell: qtyCell, value: Math.abs(qty), range: QUANTITY_RANGE },
      { column: 'Price', cell: priceCell, value: meaning.kind === 'trade' ? price : null, range: PREMIUM_RANGE },
      { column: 'Commission', cell: commissionCell, value: commission === null ? null : Math.abs(commission), range: FEE_RANGE },
    ];
    if (cellsOutOfRange(ranged, fail)) continue;
    fills.push({
      broker: 'etrade',
      account,
      time: date,
      ...contract,
      ...meaning,
      qty: Math.abs(qty),
      price,
      fees: 0,
      // One Commission amount per row, always a charge whichever sign the export gives it.
      commissions: Math.abs(commission ?? 0),
      source: { file, line: row.line },
    });
  }
  return { fills: oldestFirst(fills, sortInstant, true), errors, warnings: skipped.warnings(file) };
}
