import { FEE_RANGE, MULTIPLIER_RANGE, PREMIUM_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { DEFAULT_BROKER_ZONE, localTimeToIso, offsetTimeToIso, sortInstant, usDate } from './brokerTime.ts';
import { cellsOutOfRange, findHeaderIndex, headerSeen, parseAmount, readCsvRows, tableRows, type RecordRow } from './csvText.ts';
import { oldestFirst, paid, SkipTally, type BrokerParse, type BrokerParseOptions, type Fill, type FillKind } from './fill.ts';
import { readOptionSymbol, STANDARD_MULTIPLIER, type OptionContract } from './optionSymbol.ts';
import { parseTastytradeLegacy, TASTYTRADE_LEGACY_COLUMNS } from './tastytradeLegacy.ts';

export { TASTYTRADE_LEGACY_COLUMNS } from './tastytradeLegacy.ts';

/**
 * tastytrade transactions CSV (History → Transactions → CSV), newest first:
 * `Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,
 * Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #[,Total],Currency`.
 * `Date` carries the exporter's offset (`2025-03-10T10:15:02-0400`, or `+0100` from Europe), so no zone
 * is assumed; a date without an offset is read in `tz` (default America/New_York). `Average Price` is per
 * contract (price × multiplier) and signed; commissions and fees are negative when paid, `--` when none.
 * `Receive Deliver` rows remove options on expiration, assignment and exercise.
 *
 * The tastyworks export of 2021–22 has the same columns without `Sub Type` (and often without `Root Symbol`
 * and `Order #`): `Date,Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,
 * Commissions,Fees,Multiplier,Underlying Symbol,Expiration Date,Strike Price,Call or Put`. Its removals are
 * `Receive Deliver` rows with a blank `Action`, recognisable only by their `Description`
 * (`Removal of option due to expiration`, `… due to assignment`, `… due to exercise`).
 */
export const TASTYTRADE_COLUMNS = ['Date', 'Type', 'Sub Type', 'Action', 'Symbol', 'Instrument Type', 'Quantity'] as const;
/**
 * The tastyworks layout of 2021–22: the same columns without `Sub Type`, so an expiration, assignment or
 * exercise is known only from its Description ("Removal of 1.0 SPY 09/23/22 Call 371.00 due to expiration.").
 */
export const TASTYWORKS_2021_COLUMNS = ['Date', 'Type', 'Action', 'Symbol', 'Instrument Type', 'Description', 'Quantity'] as const;

/** The 2021–22 tastyworks header: no `Sub Type`, so removals are read from `Description`. */
export const TASTYTRADE_NO_SUB_TYPE_COLUMNS = ['Date', 'Type', 'Action', 'Symbol', 'Instrument Type', 'Description', 'Quantity', 'Average Price'] as const;

const OPTION_INSTRUMENTS = new Set(['equity option', 'index option']);

const REMOVALS: ReadonlyArray<{ readonly pattern: RegExp; readonly kind: Exclude<FillKind, 'trade'> }> = [
  { pattern: /expiration/i, kind: 'expiration' },
  { pattern: /assignment/i, kind: 'assignment' },
  { pattern: /exercise/i, kind: 'exercise' },
];

function actionOf(action: string): Pick<Fill, 'side' | 'effect'> | null {
  const match = /^(BUY|SELL)_TO_(OPEN|CLOSE)$/.exec(action.trim().toUpperCase().replace(/\s+/g, '_'));
  if (!match) return null;
  return { side: match[1] === 'BUY' ? 'buy' : 'sell', effect: match[2] === 'OPEN' ? 'open' : 'close' };
}

function contractOf(row: RecordRow): OptionContract | null {
  const multiplier = parseAmount(row.get('Multiplier'));
  const size = multiplier !== null && multiplier > 0 ? multiplier : STANDARD_MULTIPLIER;
  const fromSymbol = readOptionSymbol(row.get('Symbol'));
  if (fromSymbol) return { ...fromSymbol, multiplier: size };
  const expiry = usDate(row.get('Expiration Date'));
  const strike = parseAmount(row.get('Strike Price'));
  const right = row.get('Call or Put').toUpperCase().charAt(0);
  const symbol = row.get('Underlying Symbol') || row.get('Root Symbol');
  if (!expiry || strike === null || !(strike > 0) || (right !== 'C' && right !== 'P') || !symbol) return null;
  return { symbol, expiry, right, strike, multiplier: size };
}

function timeOf(cell: string, zone: string): string | null {
  const withOffset = offsetTimeToIso(cell);
  if (withOffset) return withOffset;
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2}(?::\d{2})?)$/.exec(cell.trim());
  if (local?.[1] && local[2]) return localTimeToIso(local[1], local[2], zone);
  const us = /^(\d{1,2}\/\d{1,2}\/\d{2,4})(?:,?\s+(\d{1,2}:\d{2}(?::\d{2})?))?$/.exec(cell.trim());
  const date = us?.[1] ? usDate(us[1]) : null;
  if (!date) return null;
  return us?.[2] ? localTimeToIso(date, us[2], zone) : date;
}

export function parseTastytrade(text: string, file: string, options: BrokerParseOptions = {}): BrokerParse {
  const zone = options.tz ?? DEFAULT_BROKER_ZONE;
  const rows = readCsvRows(text);
  const current = findHeaderIndex(rows, TASTYTRADE_COLUMNS);
  const headerIndex = current >= 0 ? current : findHeaderIndex(rows, TASTYWORKS_2021_COLUMNS);
  const fills: Fill[] = [];
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const skipped = new SkipTally();
  if (headerIndex < 0) {
    const legacyIndex = findHeaderIndex(rows, TASTYTRADE_LEGACY_COLUMNS);
    if (legacyIndex >= 0) return parseTastytradeLegacy(rows, legacyIndex, file, zone);
    errors.push({ file, line: 1, field: '', reason: `no tastytrade header (${TASTYTRADE_COLUMNS.join(', ')}; or without Sub Type; or the older ${TASTYTRADE_LEGACY_COLUMNS.join(', ')}); header seen at ${headerSeen(rows)}` });
    return { fills, errors, warnings };
  }
  for (const row of tableRows(rows, headerIndex, () => false)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const type = row.get('Type');
    const instrument = row.get('Instrument Type');
    if (type !== 'Trade' && type !== 'Receive Deliver') {
      skipped.add(`not a trade (${type || 'blank type'})`);
      continue;
    }
    if (!OPTION_INSTRUMENTS.has(instrument.toLowerCase())) {
      skipped.add(`not an equity option (${instrument || 'no instrument'})`);
      continue;
    }
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const contract = contractOf(row);
    if (!contract) {
      fail('Symbol', `unrecognised option symbol '${row.get('Symbol')}'`);
      continue;
    }
    const time = timeOf(row.get('Date'), zone);
    if (!time) {
      fail('Date', `unreadable time '${row.get('Date')}'`);
      continue;
    }
    const qty = parseAmount(row.get('Quantity'));
    if (qty === null || Number.isNaN(qty) || qty === 0) {
      fail('Quantity', `unreadable quantity '${row.get('Quantity')}'`);
      continue;
    }
    // Without a Sub Type column (tastyworks 2021–22) the Description says what a Receive Deliver row was.
    const subType = row.get('Sub Type') || row.get('Description');
    const removal = type === 'Receive Deliver' ? REMOVALS.find((entry) => entry.pattern.test(subType)) : undefined;
    const action = actionOf(row.get('Action'));
    if (!removal && !action) {
      fail('Action', `unknown action '${row.get('Action')}' for ${type} ${subType}`);
      continue;
    }
    if (type === 'Receive Deliver' && !removal) {
      warnings.push(`${file}:${row.line}: ${subType} read as a ${row.get('Action')} at the carried price`);
    }
    const multiplier = contract.multiplier;
    const average = parseAmount(row.get('Average Price'));
    const value = parseAmount(row.get('Value'));
    const perContract = average !== null && !Number.isNaN(average) && average !== 0 ? average : (value ?? 0) / Math.abs(qty);
    const commissions = parseAmount(row.get('Commissions'));
    const fees = parseAmount(row.get('Fees'));
    if (Number.isNaN(perContract) || Number.isNaN(commissions ?? 0) || Number.isNaN(fees ?? 0)) {
      fail('Average Price', 'unreadable price, commission or fee');
      continue;
    }
    const priceColumn = average !== null && !Number.isNaN(average) && average !== 0 ? 'Average Price' : 'Value';
    const ranged = [
      { column: 'Quantity', cell: row.get('Quantity'), value: Math.abs(qty), range: QUANTITY_RANGE },
      { column: 'Multiplier', cell: row.get('Multiplier'), value: row.get('Multiplier') === '' ? null : multiplier, range: MULTIPLIER_RANGE },
      // Average Price is per contract: its range is that of the price per share it gives.
      { column: priceColumn, cell: row.get(priceColumn), value: removal ? null : Math.abs(perContract) / multiplier, range: PREMIUM_RANGE },
      { column: 'Commissions', cell: row.get('Commissions'), value: commissions, range: FEE_RANGE },
      { column: 'Fees', cell: row.get('Fees'), value: fees, range: FEE_RANGE },
    ];
    if (cellsOutOfRange(ranged, fail)) continue;
    const orderId = row.get('Order #');
    fills.push({
      broker: 'tastytrade',
      account: '',
      ...(orderId ? { order_id: orderId } : {}),
      time,
      ...contract,
      ...(action ?? {}),
      qty: Math.abs(qty),
      price: removal ? 0 : Math.abs(perContract) / multiplier,
      fees: paid(fees),
      commissions: paid(commissions),
      kind: removal ? removal.kind : 'trade',
      source: { file, line: row.line },
    });
  }
  return { fills: oldestFirst(fills, sortInstant, true), errors, warnings: [...warnings, ...skipped.warnings(file)] };
}
