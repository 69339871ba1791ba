import type { RowError } from '../../domain/errors.ts';
import { DEFAULT_BROKER_ZONE, localTimeToIso, offsetTimeToIso, sortInstant, usDate } from './brokerTime.ts';
import { findHeaderIndex, parseAmount, readCsvRows, tableRows } from './csvText.ts';
import { oldestFirst, SkipTally, type BrokerParse, type BrokerParseOptions, type Fill } from './fill.ts';
import { readOptionSymbol } from './optionSymbol.ts';

/**
 * Webull options Orders CSV (Orders → Export), newest first:
 * `Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time`.
 * One row per order; only `Filled` (and partly filled) orders become fills, at `Avg Price` for the
 * `Filled` quantity. `Symbol` is the unpadded OCC form (`SPY250310C00572000`). `Filled Time` is
 * `03/10/2025 10:15:02 EDT`: the EDT/EST suffix gives the offset, a time without one is read in `tz`
 * (default America/New_York). The export has no fees and no open/close effect.
 */
export const WEBULL_COLUMNS = ['Symbol', 'Side', 'Status', 'Filled', 'Avg Price', 'Filled Time'] as const;

const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = { EDT: '-04:00', EST: '-05:00', UTC: 'Z', GMT: 'Z' };

function filledTime(cell: string, zone: string): string | null {
  const match = /^(\d{1,2}\/\d{1,2}\/\d{2,4})\s+(\d{1,2}:\d{2}(?::\d{2})?)(?:\s+([A-Z]{3,4}))?$/.exec(cell.trim());
  const date = match?.[1] ? usDate(match[1]) : null;
  if (!match?.[2] || !date) return null;
  const abbreviation = match[3];
  if (abbreviation) {
    const offset = ZONE_ABBREVIATIONS[abbreviation];
    if (!offset) return null;
    const time = match[2].length <= 5 ? `${match[2].padStart(5, '0')}:00` : match[2].padStart(8, '0');
    return offsetTimeToIso(`${date}T${time}${offset}`);
  }
  return localTimeToIso(date, match[2], zone);
}

export function parseWebull(text: string, file: string, options: BrokerParseOptions = {}): BrokerParse {
  const zone = options.tz ?? DEFAULT_BROKER_ZONE;
  const rows = readCsvRows(text);
  const headerIndex = findHeaderIndex(rows, WEBULL_COLUMNS);
  const fills: Fill[] = [];
  const errors: RowError[] = [];
  const skipped = new SkipTally();
  if (headerIndex < 0) {
    errors.push({ file, line: 1, field: '', reason: `no Webull orders header (${WEBULL_COLUMNS.join(', ')})` });
    return { fills, errors, warnings: [] };
  }
  for (const row of tableRows(rows, headerIndex, () => false)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const status = row.get('Status').toLowerCase();
    if (!status.includes('filled') || status.includes('cancel')) {
      skipped.add(`order not filled (${row.get('Status') || 'no status'})`);
      continue;
    }
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const contract = readOptionSymbol(row.get('Symbol'));
    if (!contract) {
      if (/^[A-Z.]+$/.test(row.get('Symbol'))) skipped.add('not an option (stock or fund)');
      else fail('Symbol', `unrecognised option symbol '${row.get('Symbol')}'`);
      continue;
    }
    const time = filledTime(row.get('Filled Time'), zone);
    if (!time) {
      fail('Filled Time', `unreadable time '${row.get('Filled Time')}'`);
      continue;
    }
    const qty = parseAmount(row.get('Filled'));
    const price = parseAmount(row.get('Avg Price').replace(/^@/, ''));
    if (qty === null || Number.isNaN(qty) || qty <= 0) {
      fail('Filled', `unreadable filled quantity '${row.get('Filled')}'`);
      continue;
    }
    if (price === null || Number.isNaN(price) || price < 0) {
      fail('Avg Price', `unreadable price '${row.get('Avg Price')}'`);
      continue;
    }
    const sideCell = row.get('Side').toLowerCase();
    if (sideCell !== 'buy' && sideCell !== 'sell') {
      fail('Side', `unknown side '${row.get('Side')}'`);
      continue;
    }
    fills.push({
      broker: 'webull',
      account: '',
      time,
      ...contract,
      side: sideCell,
      qty,
      price,
      fees: 0,
      commissions: 0,
      kind: 'trade',
      source: { file, line: row.line },
    });
  }
  return { fills: oldestFirst(fills, sortInstant, true), errors, warnings: skipped.warnings(file) };
}
