import { FEE_RANGE, PREMIUM_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { sortInstant, usDate } from './brokerTime.ts';
import { cellsOutOfRange, findHeaderIndex, headerSeen, parseAmount, readCsvRows, tableRows } from './csvText.ts';
import { oldestFirst, SkipTally, type BrokerParse, type Fill } from './fill.ts';
import { readOptionSymbol } from './optionSymbol.ts';

/**
 * Schwab Transactions CSV (Accounts → History → Export), newest first:
 * `Date,Action,Symbol,Description,Quantity,Price,Fees & Comm,Amount`, sometimes after a
 * `Transactions for account …` preamble line and before a `Transactions Total` row. Dates are
 * `MM/DD/YYYY`, or `MM/DD/YYYY as of MM/DD/YYYY` where the `as of` date is the trade date we keep. There
 * is no time of day, so fills are date-only (the engine then leaves time-dependent scores null) and the
 * `tz` option does not apply. Option symbols look like `SPY 03/10/2025 572.00 C`.
 */
export const SCHWAB_COLUMNS = ['Date', 'Action', 'Symbol', 'Quantity', 'Price', 'Fees & Comm'] as const;

type ActionMeaning = Pick<Fill, 'side' | 'effect' | 'kind'>;

const ACTIONS: Readonly<Record<string, ActionMeaning>> = {
  'buy to open': { side: 'buy', effect: 'open', kind: 'trade' },
  'buy to close': { side: 'buy', effect: 'close', kind: 'trade' },
  'sell to open': { side: 'sell', effect: 'open', kind: 'trade' },
  'sell to close': { side: 'sell', effect: 'close', kind: 'trade' },
  expired: { kind: 'expiration' },
  assigned: { kind: 'assignment' },
  'exchange or exercise': { kind: 'exercise' },
};

/** The trade date: the `as of` date when Schwab posted the row later than it happened. */
export function schwabDate(cell: string): string | null {
  const asOf = /as of\s+(\d{1,2}\/\d{1,2}\/\d{2,4})/i.exec(cell);
  if (asOf?.[1]) return usDate(asOf[1]);
  return usDate(cell.trim());
}

export function parseSchwab(text: string, file: string): BrokerParse {
  const rows = readCsvRows(text);
  const headerIndex = findHeaderIndex(rows, SCHWAB_COLUMNS);
  const fills: Fill[] = [];
  const errors: RowError[] = [];
  const skipped = new SkipTally();
  if (headerIndex < 0) {
    errors.push({ file, line: 1, field: '', reason: `no Schwab header (${SCHWAB_COLUMNS.join(', ')}); header seen at ${headerSeen(rows)}` });
    return { fills, errors, warnings: [] };
  }
  const preamble = rows.slice(0, headerIndex).map((row) => row.cells.join(' ')).join(' ');
  // `Transactions for account Individual ...123 as of …` or `… account XXXX-1234 …`: keep the masked number.
  const account = /account\b.*?((?:\.{3}|X+-?)?\d{3,})/i.exec(preamble)?.[1] ?? '';
  for (const row of tableRows(rows, headerIndex, () => false)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const dateCell = row.get('Date');
    if (/total/i.test(dateCell)) continue;
    const action = ACTIONS[row.get('Action').toLowerCase()];
    const symbol = row.get('Symbol');
    const contract = readOptionSymbol(symbol);
    if (!action) {
      skipped.add(contract ? `option row with action '${row.get('Action')}' (not a trade, expiry, assignment or exercise)` : 'not an option trade');
      continue;
    }
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    if (!contract) {
      if (/^[A-Z.]+$/.test(symbol)) skipped.add('not an option (stock or fund)');
      else fail('Symbol', `unrecognised option symbol '${symbol}'`);
      continue;
    }
    const date = schwabDate(dateCell);
    if (!date) {
      fail('Date', `unreadable date '${dateCell}'`);
      continue;
    }
    const qty = parseAmount(row.get('Quantity'));
    if (qty === null || Number.isNaN(qty) || qty === 0) {
      fail('Quantity', `unreadable quantity '${row.get('Quantity')}'`);
      continue;
    }
    const price = action.kind === 'trade' ? parseAmount(row.get('Price')) : 0;
    if (price === null || Number.isNaN(price) || price < 0) {
      fail('Price', `unreadable price '${row.get('Price')}'`);
      continue;
    }
    const cost = parseAmount(row.get('Fees & Comm'));
    if (cost !== null && Number.isNaN(cost)) {
      fail('Fees & Comm', `unreadable fees '${row.get('Fees & Comm')}'`);
      continue;
    }
    const ranged = [
      { column: 'Quantity', cell: row.get('Quantity'), value: Math.abs(qty), range: QUANTITY_RANGE },
      { column: 'Price', cell: row.get('Price'), value: action.kind === 'trade' ? price : null, range: PREMIUM_RANGE },
      { column: 'Fees & Comm', cell: row.get('Fees & Comm'), value: cost === null ? null : Math.abs(cost), range: FEE_RANGE },
    ];
    if (cellsOutOfRange(ranged, fail)) continue;
    fills.push({
      broker: 'schwab',
      account,
      time: date,
      ...contract,
      ...action,
      qty: Math.abs(qty),
      price,
      fees: 0,
      // Schwab prints one "Fees & Comm" amount per row, always a charge (some exports sign it negative).
      commissions: Math.abs(cost ?? 0),
      source: { file, line: row.line },
    });
  }
  return { fills: oldestFirst(fills, sortInstant, true), errors, warnings: skipped.warnings(file) };
}
