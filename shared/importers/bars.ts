import { PRICE_RANGE, VOLUME_RANGE, epochYearReason, rangeReason } from '../domain/bounds.ts';
import type { BarSeries } from '../domain/market.ts';
import type { RowError } from '../domain/errors.ts';
import { BAR_LAYOUTS_READ, type BarColumns, type BarsLayout, detectBarsLayout, headerSeen } from './barsLayout.ts';
import { type BarSession, type BarWarning, type ParsedBar, cleanSeries } from './barsSeries.ts';
import { parseBarTime, resolveZone } from './barsTimestamp.ts';
import { type CsvLine, parseDecimalCommaNumber, parseLooseNumber, readCsvLines, showsDecimalComma } from './marketCsv.ts';

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

/** Row failures every row of a file shares, reported once with a count instead of once per row. */
type Repeated = 'zone' | 'dateOnly';
type RowOutcome = { readonly bar: ParsedBar; readonly symbol: string } | { readonly error: RowError; readonly repeated?: Repeated };
/** How the file writes its numbers: `621.20` (with `,` thousands) or, from European spreadsheets, `621,20`. */
type NumberReader = (text: string) => number;
/** Data rows sampled to tell a decimal-comma file. */
const DECIMAL_SAMPLE_ROWS = 50;

/** Databento's fixed-point prices (no `pretty_px`): 1 unit = 1e-9. */
const FIXED_POINT_SCALE = 1e-9;
/** Vendor footers after the last bar, e.g. Barchart's `Downloaded from Barchart.com as of 07-08-2025 …`. */
const FOOTER = /^"?downloaded from\b/i;

function rowError(file: string, line: number, field: string, reason: string): { error: RowError } {
  return { error: { file, line, field, reason } };
}

function readPrice(fields: readonly string[], column: number, layout: BarsLayout, parse: NumberReader, file: string, line: number): number | { error: RowError } {
  const name = layout.headers[column] ?? '';
  const text = fields[column] ?? '';
  let value = parse(text);
  if (!Number.isFinite(value)) return rowError(file, line, name, text === '' ? 'missing price' : `"${text}" is not a number`);
  if (value <= 0) return rowError(file, line, name, `price ${text} is not positive`);
  if (layout.fixedPointPrices && /^\d+$/.test(text)) value *= FIXED_POINT_SCALE;
  const outOfRange = rangeReason(`price ${text}`, value, PRICE_RANGE);
  return outOfRange === null ? value : rowError(file, line, name, outOfRange);
}

/**
 * The symbol as the journal's trades name it: Stooq's `SPY.US` is SPY; Polygon's option tickers lose their
 * `O:` prefix and Databento's padded OCC symbols their spaces (`SPY250708C00620000`).
 */
function cleanSymbol(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/\.US$/, '')
    .replace(/^O:/, '')
    .replace(/^([A-Z.]+)\s+(\d{6}[CP]\d{8})$/, '$1$2');
}

function readBar(fields: readonly string[], group: BarColumns, time: number, layout: BarsLayout, parse: NumberReader, file: string, line: number): ParsedBar | { error: RowError } {
  const prices: number[] = [];
  for (const column of [group.open, group.high, group.low, group.close]) {
    const price = readPrice(fields, column, layout, parse, file, line);
    if (typeof price !== 'number') return price;
    prices.push(price);
  }
  const [open = 0, high = 0, low = 0, close = 0] = prices;
  const highName = layout.headers[group.high] ?? 'high';
  if (high < low) return rowError(file, line, highName, `high ${high} is below low ${low}`);
  if (open > high || open < low) return rowError(file, line, layout.headers[group.open] ?? 'open', `open ${open} is outside low–high ${low}–${high}`);
  if (close > high || close < low) return rowError(file, line, layout.headers[group.close] ?? 'close', `close ${close} is outside low–high ${low}–${high}`);
  let volume = 0;
  const volumeText = group.volume >= 0 ? fields[group.volume] ?? '' : '';
  if (volumeText !== '') {
    volume = parse(volumeText);
    const volumeName = layout.headers[group.volume] ?? 'volume';
    if (!Number.isFinite(volume)) return rowError(file, line, volumeName, `"${volumeText}" is not a number`);
    if (volume < 0) return rowError(file, line, volumeName, `volume ${volumeText} is negative`);
    const outOfRange = rangeReason(`volume ${volumeText}`, volume, VOLUME_RANGE);
    if (outOfRange !== null) return rowError(file, line, volumeName, outOfRange);
  }
  return { time, open, high, low, close, volume, line };
}

function readRow(row: CsvLine, layout: BarsLayout, zone: string | null, parse: NumberReader, fallbackSymbol: string, file: string): RowOutcome[] {
  const { fields, line } = row;
  const timeText = layout.time.kind === 'single' ? fields[layout.time.column] ?? '' : `${fields[layout.time.dateColumn] ?? ''} ${fields[layout.time.timeColumn] ?? ''}`;
  const timeField = layout.headers[layout.time.kind === 'single' ? layout.time.column : layout.time.timeColumn] ?? '';
  const parsedTime = parseBarTime(timeText, zone);
  if (!parsedTime.ok) {
    const repeated: Repeated | undefined = parsedTime.needsZone ? 'zone' : parsedTime.dateOnly ? 'dateOnly' : undefined;
    return [{ ...rowError(file, line, timeField, parsedTime.reason), ...(repeated ? { repeated } : {}) }];
  }
  const yearProblem = epochYearReason(`"${timeText.trim()}"`, parsedTime.ms);
  if (yearProblem !== null) return [rowError(file, line, timeField, yearProblem)];
  const rowSymbol = layout.symbol >= 0 ? cleanSymbol(fields[layout.symbol] ?? '') : '';
  const outcomes: RowOutcome[] = [];
  for (const group of layout.groups) {
    // Side-by-side tickers leave a ticker's cells blank for minutes it did not trade: no bar, not an error.
    if (layout.groups.length > 1 && [group.open, group.high, group.low, group.close].every((column) => (fields[column] ?? '') === '')) continue;
    const bar = readBar(fields, group, parsedTime.ms, layout, parse, file, line);
    const symbol = group.symbol !== null ? cleanSymbol(group.symbol) : rowSymbol || fallbackSymbol;
    outcomes.push('error' in bar ? bar : { bar, symbol });
  }
  return outcomes;
}

/** What the one `--tz` error adds about where the file's times come from. */
function zoneHint(layout: BarsLayout, lines: readonly CsvLine[]): string {
  const footer = lines.slice(-3).map((line) => line.fields.join(',')).find((text) => FOOTER.test(text));
  const footerZone = footer ? /\b([ECMP][SD]T)\b/.exec(footer)?.[1] : undefined;
  if (footerZone) return `; the vendor's footer is stamped ${footerZone}, so its times are likely in that zone (CDT/CST: --tz America/Chicago)`;
  if (layout.headerless) return '; this file has no header row and was read as date/time, open, high, low, close[, volume] (FirstRate Data and Kibot write US Eastern time: --tz America/New_York)';
  return '';
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
    return empty({ file, line: lines[0]?.line ?? 1, field: '', reason: `not a bar file we read; header seen at ${headerSeen(lines)}. Expected ${BAR_LAYOUTS_READ}` });
  }
  let zone: string | null = layout.headerZone;
  if (options.tz !== undefined) {
    zone = resolveZone(options.tz);
    if (!zone) return empty({ file, line: layout.headerLine, field: '', reason: `--tz "${options.tz}" is not a time zone (use a tz database name such as America/New_York)` });
  }
  const fallbackSymbol = (options.symbol ?? DEFAULT_BAR_SYMBOL).toUpperCase();
  const body = lines.slice(layout.dataIndex).filter((row) => !FOOTER.test(row.fields[0] ?? ''));
  const priceColumns = layout.groups.flatMap((group) => [group.open, group.high, group.low, group.close]);
  const sampled = body.slice(0, DECIMAL_SAMPLE_ROWS).flatMap((row) => priceColumns.map((column) => row.fields[column] ?? ''));
  const parse: NumberReader = showsDecimalComma(sampled) ? parseDecimalCommaNumber : parseLooseNumber;
  const errors: RowError[] = [];
  const bySymbol = new Map<string, ParsedBar[]>();
  const repeated = new Map<Repeated, { first: RowError; count: number }>();
  for (const row of body) {
    for (const outcome of readRow(row, layout, zone, parse, fallbackSymbol, file)) {
      if ('error' in outcome) {
        // Without a zone (or in a daily file) every row fails the same way: one error with a count, not thousands.
        if (outcome.repeated) {
          const seen = repeated.get(outcome.repeated);
          if (seen) seen.count += 1;
          else repeated.set(outcome.repeated, { first: outcome.error, count: 1 });
        } else errors.push(outcome.error);
        continue;
      }
      const rows = bySymbol.get(outcome.symbol) ?? [];
      rows.push(outcome.bar);
      bySymbol.set(outcome.symbol, rows);
    }
  }
  for (const [kind, { first, count }] of repeated) {
    const more = count > 1 ? ` (${count} rows like this were not imported)` : '';
    errors.push({ ...first, reason: `${first.reason}${kind === 'zone' ? zoneHint(layout, lines) : ''}${more}` });
  }
  errors.sort((a, b) => a.line - b.line);
  const result: BarsImportResult = { series: [], errors, warnings: [], sessions: [] };
  for (const [symbol, rows] of bySymbol) {
    const cleaned = cleanSeries(symbol, rows, file);
    result.series.push(cleaned.series);
    result.warnings.push(...cleaned.warnings);
    result.sessions.push(...cleaned.sessions);
  }
  return result;
}
