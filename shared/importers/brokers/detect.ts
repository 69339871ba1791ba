import type { RowError } from '../../domain/errors.ts';
import { hasColumns, headerSeen, readCsvRows } from './csvText.ts';
import { ETRADE_COLUMNS } from './etrade.ts';
import { FIDELITY_COLUMNS } from './fidelity.ts';
import { BROKER_FORMAT_NAMES, brokerFormatSchema, type BrokerFormat } from './fill.ts';
import { isIbkrTradeHeader } from './ibkrRows.ts';
import { ROBINHOOD_COLUMNS } from './robinhood.ts';
import { SCHWAB_COLUMNS } from './schwab.ts';
import { TASTYTRADE_COLUMNS, TASTYTRADE_LEGACY_COLUMNS, TASTYWORKS_2021_COLUMNS } from './tastytrade.ts';
import { isThinkorswimText } from './thinkorswim.ts';
import { WEBULL_COLUMNS } from './webull.ts';

export type DetectResult = { readonly ok: true; readonly format: BrokerFormat } | { readonly ok: false; readonly error: RowError };

/** Enough of a file to see its preamble and header; thinkorswim's sections are looked for in the whole text. */
const SNIFF_CHARS = 20_000;

/** Which broker wrote this file, from its preamble and header. */
export function detectBrokerFormat(text: string): BrokerFormat | null {
  if (isThinkorswimText(text)) return 'thinkorswim';
  const rows = readCsvRows(text.slice(0, SNIFF_CHARS));
  if (rows.some((row) => ['Statement', 'Trades'].includes(row.cells[0]?.trim() ?? '') && row.cells[1]?.trim() === 'Header')) return 'ibkr';
  for (const row of rows) {
    const first = row.cells[0]?.trim();
    const unwrapped = first === 'HEADER' || first === 'DATA' ? { ...row, cells: row.cells.slice(2) } : row;
    if (isIbkrTradeHeader(unwrapped)) return 'ibkr';
    if (hasColumns(row, TASTYTRADE_COLUMNS) || hasColumns(row, TASTYWORKS_2021_COLUMNS) || hasColumns(row, TASTYTRADE_LEGACY_COLUMNS)) return 'tastytrade';
    if (hasColumns(row, SCHWAB_COLUMNS)) return 'schwab';
    if (hasColumns(row, WEBULL_COLUMNS)) return 'webull';
    if (hasColumns(row, ROBINHOOD_COLUMNS)) return 'robinhood';
    if (hasColumns(row, ETRADE_COLUMNS)) return 'etrade';
    if (hasColumns(row, FIDELITY_COLUMNS)) return 'fidelity';
  }
  return null;
}

/** One error for a file we cannot read: the formats we do read, and the header we found instead. */
export function unknownFormatError(file: string, text = ''): RowError {
  const known = brokerFormatSchema.options.map((format) => `${format} (${BROKER_FORMAT_NAMES[format]})`).join('; ');
  return {
    file,
    line: 1,
    field: '',
    reason: `not a broker export we read; header seen at ${headerSeen(readCsvRows(text.slice(0, SNIFF_CHARS)))}. We read: ${known}. Choose one with --format if the header was changed.`,
  };
}

/** The format to read the file as: the override when given, else the detected one, else an error naming the formats. */
export function resolveBrokerFormat(text: string, file: string, override?: BrokerFormat): DetectResult {
  if (override) return { ok: true, format: override };
  const format = detectBrokerFormat(text);
  return format ? { ok: true, format } : { ok: false, error: unknownFormatError(file, text) };
}
