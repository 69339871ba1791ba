import type { RowError } from '../../domain/errors.ts';
import { normalizeColumn, readCsvRows, type CsvRow } from './csvText.ts';
import { BROKER_FORMAT_NAMES, brokerFormatSchema, type BrokerFormat } from './fill.ts';
import { IBKR_FLEX_COLUMNS } from './ibkr.ts';
import { SCHWAB_COLUMNS } from './schwab.ts';
import { TASTYTRADE_COLUMNS } from './tastytrade.ts';
import { TOS_TRADE_HISTORY } from './thinkorswim.ts';
import { WEBULL_COLUMNS } from './webull.ts';

export type DetectResult = { readonly ok: true; readonly format: BrokerFormat } | { readonly ok: false; readonly error: RowError };

/** Enough of a file to see its preamble and header; thinkorswim's trade history is looked for in the whole text. */
const SNIFF_CHARS = 20_000;

function hasColumns(row: CsvRow, columns: readonly string[]): boolean {
  const names = new Set(row.cells.map(normalizeColumn));
  return columns.every((column) => names.has(normalizeColumn(column)));
}

/** Which broker wrote this file, from its preamble and header. */
export function detectBrokerFormat(text: string): BrokerFormat | null {
  const rows = readCsvRows(text.slice(0, SNIFF_CHARS));
  const first = rows[0]?.cells[0]?.trim() ?? '';
  if (/^Account Statement for/i.test(first) || new RegExp(`(^|\\n)${TOS_TRADE_HISTORY}[,\\r\\n]`).test(text)) return 'thinkorswim';
  if (rows.some((row) => ['Statement', 'Trades'].includes(row.cells[0]?.trim() ?? '') && row.cells[1]?.trim() === 'Header')) return 'ibkr';
  for (const row of rows) {
    const unwrapped = row.cells[0] === 'HEADER' ? { ...row, cells: row.cells.slice(2) } : row;
    if (hasColumns(unwrapped, IBKR_FLEX_COLUMNS)) return 'ibkr';
    if (hasColumns(row, TASTYTRADE_COLUMNS)) return 'tastytrade';
    if (hasColumns(row, SCHWAB_COLUMNS)) return 'schwab';
    if (hasColumns(row, WEBULL_COLUMNS)) return 'webull';
  }
  return null;
}

export function unknownFormatError(file: string): RowError {
  const known = brokerFormatSchema.options.map((format) => `${format} (${BROKER_FORMAT_NAMES[format]})`).join('; ');
  return {
    file,
    line: 1,
    field: '',
    reason: `not a broker export we read. We read: ${known}. Choose one with --format if the header was changed.`,
  };
}

/** The format to read the file as: the override when given, else the detected one, else an error naming the formats. */
export function resolveBrokerFormat(text: string, file: string, override?: BrokerFormat): DetectResult {
  if (override) return { ok: true, format: override };
  const format = detectBrokerFormat(text);
  return format ? { ok: true, format } : { ok: false, error: unknownFormatError(file) };
}
