import { PREMIUM_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { DEFAULT_BROKER_ZONE, flexibleDate, sortInstant, wallTimeToIso } from './brokerTime.ts';
import { cellsOutOfRange, findHeaderIndex, headerSeen, parseAmount, readCsvRows, tableRows, type RecordRow } from './csvText.ts';
import { oldestFirst, SkipTally, type BrokerParse, type BrokerParseOptions, type Fill } from './fill.ts';
import { readOptionSymbol } from './optionSymbol.ts';

/**
 * Webull Orders Records CSV (`Webull_Orders_Records_Options.csv`, Orders → History → Export), newest first:
 * `Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time`.
 * One row per order; an order with a filled quantity becomes a fill of `Filled` contracts at `Avg Price`
 * (a partly filled order that was then cancelled included). `Symbol` is the unpadded OCC form
 * (`SPY250310C00572000`, `SPXW260327C06540000`). A multi-leg order is a strategy row (`SPXW Vertical`,
 * blank `Symbol`, net price) followed by one row per leg (blank `Name`); the legs are the fills.
 * `Filled Time` is `03/10/2025 10:15:02 EDT`: a US zone abbreviation after the time gives its offset
 * (EDT/EST, CDT/CST, MDT/MST, PDT/PST…); a time without one is read in `tz` (default America/New_York).
 * The export has no fees and no open/close effect.
 */
export const WEBULL_COLUMNS = ['Symbol', 'Side', 'Status', 'Filled', 'Filled Time'] as const;

const UNFILLED = /cancel|reject|fail|expire|pending|working|queued|submitted/i;

function filledTime(cell: string, zone: string): string | null {
  const match = /^(\S+)\s+(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)(?:\s+([A-Za-z][A-Za-z_/+-]*))?$/i.exec(cell.trim());
  const date = match?.[1] ? flexibleDate(match[1]) : null;
  if (!match?.[2] || !date) return null;
  return wallTimeToIso(date, match[2], zone, match[3] ?? '');
}

function isStrategyRow(row: RecordRow): boolean {
  return row.get('Symbol') === '' && row.get('Name') !== '';
}

export function parseWebull(text: string, file: string, options: BrokerParseOptions = {}): BrokerParse {
  const zone = options.tz ?? DEFAULT_BROKER_ZONE;
  const rows = readCsvRows(text);
  const headerIndex = findHeaderIndex(rows, WEBULL_COLUMNS);
  const fills: Fill[] = [];
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const skipped = new SkipTally();
  if (headerIndex < 0) {
    errors.push({ file, line: 1, field: '', reason: `no Webull orders header (${WEBULL_COLUMNS.join(', ')}, Avg Price); header seen at ${headerSeen(rows)}` });
    return { fills, errors, warnings };
  }
  // A leg without its own Filled Time filled when its strategy row did.
  let strategyTime = '';
  for (const row of tableRows(rows, headerIndex, () => false)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const status = row.get('Status');
    const filledCell = row.get('Filled');
    const qty = parseAmount(filledCell);
    if (qty !== null && Number.isNaN(qty)) {
      fail('Filled', `unreadable filled quantity '${filledCell}'`);
      continue;
    }
    if (qty === null || qty === 0) {
      if (/^filled$/i.test(status)) fail('Filled', `status Filled but no filled quantity ('${filledCell}')`);
      else skipped.add(`order not filled (${status || 'no status'})`);
      continue;
    }
    if (isStrategyRow(row)) {
      strategyTime = row.get('Filled Time');
      skipped.add('multi-leg strategy row (its legs, listed under it, are the fills)');
      continue;
    }
    const symbol = row.get('Symbol');
    // Before late 2022 Webull wrote the contract as `SPY 09/23/2022 00:00:00 EDT Call $371.00`, in Symbol or Name.
    const contract = readOptionSymbol(symbol) ?? readOptionSymbol(row.get('Name'));
    if (!contract) {
      if (/^[A-Z.]+$/.test(symbol)) skipped.add('not an option (stock or fund)');
      else fail('Symbol', `unrecognised option symbol '${symbol}'`);
      continue;
    }
    if (qty < 0) {
      fail('Filled', `negative filled quantity '${filledCell}'`);
      continue;
    }
    const timeCell = row.get('Filled Time') || (row.get('Name') === '' ? strategyTime : '');
    const time = filledTime(timeCell, zone);
    if (!time) {
      fail('Filled Time', `unreadable time '${timeCell}'`);
      continue;
    }
    // `Price` is the order's limit (or @MKT), not what it filled at: never read as the fill price.
    const priceCell = row.pick(['Avg Price', 'Average Price']);
    const price = parseAmount(priceCell.value.replace(/^@/, ''));
    if (price === null || Number.isNaN(price) || price < 0) {
      fail(priceCell.column, `unreadable price '${priceCell.value}'`);
      continue;
    }
    const ranged = [
      { column: 'Filled', cell: filledCell, value: qty, range: QUANTITY_RANGE },
      { column: priceCell.column, cell: priceCell.value, value: price, range: PREMIUM_RANGE },
    ];
    if (cellsOutOfRange(ranged, fail)) continue;
    const sideCell = row.get('Side').toLowerCase();
    const side = sideCell === 'buy' ? 'buy' : sideCell === 'sell' || sideCell === 'short' ? 'sell' : null;
    if (!side) {
      fail('Side', `unknown side '${row.get('Side')}'`);
      continue;
    }
    if (UNFILLED.test(status)) warnings.push(`${file}:${row.line}: order ${status} after ${qty} contract${qty === 1 ? '' : 's'} filled; the filled contracts are read`);
    fills.push({
      broker: 'webull',
      account: '',
      time,
      ...contract,
      side,
      qty,
      price,
      fees: 0,
      commissions: 0,
      kind: 'trade',
      source: { file, line: row.line },
    });
  }
  return { fills: oldestFirst(fills, sortInstant, true), errors, warnings: [...warnings, ...skipped.warnings(file)] };
}
