import Papa from 'papaparse';
import { tradeRecordSchema, type TradeRecord } from '../domain/trade.ts';
import type { RowError } from '../domain/errors.ts';
import { issuesToRowErrors } from '../domain/issueReason.ts';
import { TRADE_RECORD_RANGES, rangeRowErrors } from '../domain/bounds.ts';
import { JSON_EXPORT_FORMAT } from '../journal/export.ts';
import { TRADE_COLUMN_PREFIX, decodeTradeCell } from '../journal/tradeColumns.ts';
import type { TradesImportResult } from './nativeTrades.ts';

/**
 * Reads QThink's own exports back as trades: the CSV (its `trade.<field>` columns) and the JSON (each
 * entry's `trade`). The journal's scores in those files are not read: the engine assesses the trades again.
 * Each trade's numbers must lie in their documented ranges (TRADE_RECORD_RANGES), as for native trades.
 */

/** True when a CSV header is QThink's export (it carries the trade's own columns). */
export function isJournalCsvHeader(cells: readonly string[]): boolean {
  return cells.includes(`${TRADE_COLUMN_PREFIX}id`) && cells.includes(`${TRADE_COLUMN_PREFIX}entry_time`);
}

export function importJournalCsv(text: string, file: string): TradesImportResult {
  const records: TradeRecord[] = [];
  const lines: number[] = [];
  const errors: RowError[] = [];
  let header: string[] | null = null;
  let line = 1;
  let consumed = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  Papa.parse<string[]>(body, {
    delimiter: ',',
    skipEmptyLines: false,
    step: (result) => {
      const rowLine = line;
      const end = result.meta.cursor;
      line += countNewlines(body, consumed, end + 1);
      consumed = end + 1;
      const cells = result.data;
      if (cells.length === 1 && cells[0] === '') return;
      if (header === null) {
        header = cells;
        return;
      }
      const parsed = rowToTrade(header, cells, file, rowLine);
      if ('errors' in parsed) errors.push(...parsed.errors);
      else {
        records.push(parsed.trade);
        lines.push(rowLine);
      }
    },
  });
  return { records, errors, lines };
}

export function importJournalJson(value: unknown, file: string): TradesImportResult {
  const records: TradeRecord[] = [];
  const lines: number[] = [];
  const errors: RowError[] = [];
  const items = journalJsonItems(value);
  if (items === null) {
    return { records, errors: [{ file, line: 1, field: '', reason: `not a ${JSON_EXPORT_FORMAT} file or a JSON array of trades` }], lines };
  }
  items.forEach((item, index) => {
    const candidate = isObject(item) && isObject(item['trade']) ? item['trade'] : item;
    const parsed = tradeRecordSchema.safeParse(candidate);
    // JSON has no useful line numbers once parsed; the item's position is the next best thing.
    if (!parsed.success) {
      errors.push(...issuesToRowErrors(parsed.error, candidate, file, index + 1, `[${index}].`));
      return;
    }
    const outOfRange = rangeRowErrors(parsed.data, TRADE_RECORD_RANGES, file, index + 1, `[${index}].`);
    if (outOfRange.length > 0) {
      errors.push(...outOfRange);
      return;
    }
    records.push(parsed.data);
    lines.push(index + 1);
  });
  return { records, errors, lines };
}

/** The trade-bearing items of a JSON export or a JSON array of trades, or null when it is neither. */
export function journalJsonItems(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value.every((item) => isObject(item) && ('trade' in item || 'entry_time' in item)) ? value : null;
  if (isObject(value) && value['format'] === JSON_EXPORT_FORMAT && Array.isArray(value['entries'])) return value['entries'];
  return null;
}

function rowToTrade(header: readonly string[], cells: readonly string[], file: string, line: number): { trade: TradeRecord } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const candidate: Record<string, unknown> = {};
  header.forEach((column, index) => {
    if (!column.startsWith(TRADE_COLUMN_PREFIX)) return;
    const field = column.slice(TRADE_COLUMN_PREFIX.length);
    const decoded = decodeTradeCell(field, cells[index] ?? '');
    if (decoded === null) return;
    if (decoded.ok) candidate[field] = decoded.value;
    else errors.push({ file, line, field: column, reason: decoded.reason });
  });
  if (errors.length > 0) return { errors };
  const parsed = tradeRecordSchema.safeParse(candidate);
  if (!parsed.success) return { errors: issuesToRowErrors(parsed.error, candidate, file, line, TRADE_COLUMN_PREFIX) };
  const outOfRange = rangeRowErrors(parsed.data, TRADE_RECORD_RANGES, file, line, TRADE_COLUMN_PREFIX);
  return outOfRange.length > 0 ? { errors: outOfRange } : { trade: parsed.data };
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to && index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) count += 1;
  }
  return count;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
