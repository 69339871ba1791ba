import type { BarSeries } from '../domain/market.ts';
import type { RowError } from '../domain/errors.ts';
import { BAR_LAYOUTS_READ, type BarsLayout, detectBarsLayout } from './barsLayout.ts';
import { type BarSession, type BarWarning, type ParsedBar, cleanSeries } from './barsSeries.ts';
import { parseBarTime, resolveZone } from './barsTimestamp.ts';
import { type CsvLine, parseLooseNumber, readCsvLines } from './marketCsv.ts';

export type { BarSession, BarWarning, BarWarningKind } from './barsSeries.ts';

/**
 * 1-minute bars from the CSV layouts data vendors write (see docs/imports.md). Times with an offset
 * or epoch numbers are read as they are; wall-clock times need a zone from `tz`, the value or the header.
 */
export type BarsImportOptions = {
  /** tz database zone for times written without an offset (`--tz`), e.g. America/New_York. */
  readonly tz?: string;
  /** Symbol of the bars when the file has no symbol column (default DEFAULT_BAR_SYMBOL). */
  readonly symbol?: string;
};

export type BarsImportResult = {
  /** One series per symbol, in order of first appearance in the file. */
  readonly series: BarSeries[];
  readonly errors: RowError[];
  readonly warnings: BarWarning[];
  readonly sessions: BarSession[];
};

export const DEFAULT_BAR_SYMBOL = 'SPY';

type RowOutcome = { readonly bar: ParsedBar; readonly symbol: string } | { readonly error: RowError; readonly needsZone?: boolean };

function rowError(file: string, line: number, field: string, reason: string): { error: RowError } {
  return { error: { file, line, field, reason } };
}

function readPrice(fields: readonly string[], column: number, layout: BarsLayout, file: string, line: number): number | { error: RowError } {
  const name = layout.headers[column] ?? '';
  const text = fields[column] ?? '';
  const value = parseLooseNumber(text);
  if (!Number.isFinite(value)) return rowError(file, line, name, text === '' ? 'missing price' : `"${text}" is not a number`);
  if (value <= 0) return rowError(file, line, name, `price ${text} is not positive`);
  return value;
}

function readRow(row: CsvLine, layout: BarsLayout, zone: string | null, fallbackSymbol: string, file: string): RowOutcome {
  const { fields, line } = row;
  const timeText = layout.time.kind === 'single' ? fields[layout.time.column] ?? '' : `${fields[layout.time.dateColumn] ?? ''} ${fields[layout.time.timeColumn] ?? ''}`;
  const timeField = layout.headers[layout.time.kind === 'single' ? layout.time.column : layout.time.timeColumn] ?? '';
  const parsedTime = parseBarTime(timeText, zone);
  if (!parsedTime.ok) return { ...rowError(file, line, timeField, parsedTime.reason), needsZone: parsedTime.needsZone === true };
  const prices: number[] = [];
  for (const column of [layout.open, layout.high, layout.low, layout.close]) {
    const price = readPrice(fields, column, layout, file, line);
    if (typeof price !== 'number') return price;
    prices.push(price);
  }
  const [open = 0, high = 0, low = 0, close = 0] = prices;
  const highName = layout.headers[layout.high] ?? 'high';
  if (high < low) return rowError(file, line, highName, `high ${high} is below low ${low}`);
  if (open > high || open < low) return rowError(file, line, layout.headers[layout.open] ?? 'open', `open ${open} is outside low–high ${low}–${high}`);
  if (close > high || close < low) return rowError(file, line, layout.headers[layout.close] ?? 'close', `close ${close} is outside low–high ${low}–${high}`);
  let volume = 0;
  const volumeText = layout.volume >= 0 ? fields[layout.volume] ?? '' : '';
  if (volumeText !== '') {
    volume = parseLooseNumber(volumeText);
    const volumeName = layout.headers[layout.volume] ?? 'volume';
    if (!Number.isFinite(volume)) return rowError(file, line, volumeName, `"${volumeText}" is not a number`);
    if (volume < 0) return rowError(file, line, volumeName, `volume ${volumeText} is negative`);
  }
  const symbolText = layout.symbol >= 0 ? (fields[layout.symbol] ?? '').toUpperCase() : '';
  return { bar: { time: parsedTime.ms, open, high, low, close, volume, line }, symbol: symbolText || fallbackSymbol };
}

/**
 * Reads a bar file. Every bad row becomes a RowError naming its line and column and the other rows go on;
 * repairs (sorting, dropped duplicate minutes) and gaps inside regular hours are reported as warnings.
 */
export function importBars(text: string, file: string, options: BarsImportOptions = {}): BarsImportResult {
  const empty = (error: RowError): BarsImportResult => ({ series: [], errors: [error], warnings: [], sessions: [] });
  const lines = readCsvLines(text);
  const layout = detectBarsLayout(lines);
  if (!layout) {
    return empty({ file, line: lines[0]?.line ?? 1, field: '', reason: `not a bar file we read: expected ${BAR_LAYOUTS_READ}` });
  }
  let zone: string | null = layout.headerZone;
  if (options.tz !== undefined) {
    zone = resolveZone(options.tz);
    if (!zone) return empty({ file, line: layout.headerLine, field: '', reason: `--tz "${options.tz}" is not a time zone (use a tz database name such as America/New_York)` });
  }
  const fallbackSymbol = (options.symbol ?? DEFAULT_BAR_SYMBOL).toUpperCase();
  const errors: RowError[] = [];
  const bySymbol = new Map<string, ParsedBar[]>();
  const zoneless: { first: RowError | null; count: number } = { first: null, count: 0 };
  for (const row of lines.slice(layout.headerIndex + 1)) {
    const outcome = readRow(row, layout, zone, fallbackSymbol, file);
    if ('error' in outcome) {
      // Without a zone every wall-clock row fails the same way: one error asking for --tz, not thousands.
      if (outcome.needsZone) {
        zoneless.first ??= outcome.error;
        zoneless.count += 1;
      } else errors.push(outcome.error);
      continue;
    }
    const rows = bySymbol.get(outcome.symbol) ?? [];
    rows.push(outcome.bar);
    bySymbol.set(outcome.symbol, rows);
  }
  if (zoneless.first) {
    const more = zoneless.count > 1 ? ` (${zoneless.count} rows like this were not imported)` : '';
    errors.push({ ...zoneless.first, reason: `${zoneless.first.reason}${more}` });
    errors.sort((a, b) => a.line - b.line);
  }
  const result: BarsImportResult = { series: [], errors, warnings: [], sessions: [] };
  for (const [symbol, rows] of bySymbol) {
    const cleaned = cleanSeries(symbol, rows, file);
    result.series.push(cleaned.series);
    result.warnings.push(...cleaned.warnings);
    result.sessions.push(...cleaned.sessions);
  }
  return result;
}
