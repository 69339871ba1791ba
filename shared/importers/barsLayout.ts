import { type CsvLine, findColumn, normalizeHeader } from './marketCsv.ts';
import { zoneFromHeader } from './barsTimestamp.ts';
import { headerlessBarsLayout } from './barsHeaderless.ts';

/**
 * Where a bar file keeps its columns. Vendors agree on OHLCV but not on names, case or header shape:
 * yfinance `Datetime,Open,…` (or, from `download()`, three header rows `Price,Close,…` / `Ticker,SPY,…` /
 * `Datetime,,,`), Alpaca `timestamp,symbol,open,…`, Databento `ts_event,rtype,…`, Polygon `t,o,h,l,c,v` or
 * `ticker,volume,open,close,high,low,window_start`, IBKR `date,open,…`, Stooq `<DATE>,<TIME>,<OPEN>,…`,
 * platform exports with separate `Date,Time` columns, and header-less FirstRate/Kibot files.
 */
export type BarColumns = {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** −1 when the file has no volume column (volume is then 0). */
  readonly volume: number;
  /** Symbol given by a header row (yfinance's `Ticker` row); null when rows or the caller name it. */
  readonly symbol: string | null;
};

export type BarTimeColumns = { readonly kind: 'single'; readonly column: number } | { readonly kind: 'split'; readonly dateColumn: number; readonly timeColumn: number };

export type BarsLayout = {
  /** Index of the (first) header row in the CSV lines, and its physical line; for a header-less file the first data row. */
  readonly headerIndex: number;
  readonly headerLine: number;
  /** Index of the first data row (after every header row). */
  readonly dataIndex: number;
  /** Column names as the file writes them (header-less files: `column 2 (open)`). */
  readonly headers: readonly string[];
  readonly time: BarTimeColumns;
  /** One group per symbol for files that put several tickers side by side (yfinance `download()`), else one. */
  readonly groups: readonly BarColumns[];
  /** −1 when the file has no symbol column. */
  readonly symbol: number;
  /** Zone declared by the time column's header (`Time (ET)`), used for times without an offset. */
  readonly headerZone: string | null;
  /** Databento without `pretty_px`: integer prices in units of 1e-9. */
  readonly fixedPointPrices: boolean;
  readonly headerless: boolean;
};

/** Time column names by priority: a full timestamp column beats a `date` column that may hold only the day. */
const FULL_TIME_ALIASES = ['timestamp', 'datetime', 'datetimeiso8601', 'tsevent', 'windowstart', 'bartime', 'starttime', 'begins', 'gmttime', 'localtime', 'ts'];
/** `s` is the start (epoch ms) of Polygon's streamed minute aggregates (`ev,sym,v,…,s,e`), tried last. */
const SINGLE_TIME_ALIASES = [...FULL_TIME_ALIASES, 'time', 't', 'date', 's'];
const DATE_ALIASES = ['date', 'day', 'tradedate'];
const TIME_ALIASES = ['time', 'minute', 'bartime'];
const OPEN_ALIASES = ['open', 'o', 'openprice'];
const HIGH_ALIASES = ['high', 'h', 'highprice'];
const LOW_ALIASES = ['low', 'l', 'lowprice'];
const CLOSE_ALIASES = ['close', 'c', 'closeprice', 'last', 'latest', 'lastprice'];
const VOLUME_ALIASES = ['volume', 'v', 'vol', 'totalvolume'];
const SYMBOL_ALIASES = ['symbol', 'ticker', 'sym'];
/** First cells of yfinance's extra header rows: the field row (`Price`), the ticker row, the index-name row. */
const FIELD_ROW_LABELS = ['price', 'attributes', ''];
const TICKER_ROW_LABELS = ['ticker', 'symbol', ''];
const INDEX_NAMES = ['datetime', 'date', 'timestamp', 'time'];
/** How far into a file a header is looked for (past a vendor's preamble lines). */
export const HEADER_SEARCH_LINES = 20;

export const BAR_LAYOUTS_READ =
  'a header naming a time column (timestamp, datetime, ts_event, window_start, time, date, t — or separate date and time columns) and open, high, low, close [, volume] ' +
  '(yfinance incl. its 3-row download() header, Alpaca, Databento, Polygon/Massive, IBKR, TradingView, Barchart, Alpha Vantage, Tiingo, Stooq, Schwab), ' +
  'or no header at all with rows `date time,open,high,low,close[,volume]` or `date,time,open,high,low,close[,volume]` (FirstRate Data, Kibot)';

/** Header name without its zone suffix (`time_et`), Alpha Vantage's `1. ` numbering or Stooq's `<…>`. */
export function normalizeBarHeader(name: string): string {
  return normalizeHeader(
    name
      .trim()
      .replace(/^\d+\.\s*/, '')
      .replace(/[_\s-](et|est|edt|utc|gmt)$/i, ''),
  );
}

/** Every column whose name is one of `aliases`, taking the first alias that is present. */
function columnsOf(normalized: readonly string[], aliases: readonly string[]): number[] {
  for (const alias of aliases) {
    const found = normalized.flatMap((name, index) => (name === alias ? [index] : []));
    if (found.length > 0) return found;
  }
  return [];
}

function timeColumns(normalized: readonly string[]): BarTimeColumns | null {
  const full = findColumn(normalized, FULL_TIME_ALIASES);
  if (full >= 0) return { kind: 'single', column: full };
  const dateColumn = findColumn(normalized, DATE_ALIASES);
  const timeColumn = findColumn(normalized, TIME_ALIASES);
  if (dateColumn >= 0 && timeColumn >= 0 && dateColumn !== timeColumn) return { kind: 'split', dateColumn, timeColumn };
  const column = findColumn(normalized, SINGLE_TIME_ALIASES);
  return column >= 0 ? { kind: 'single', column } : null;
}

type ExtraRows = { readonly tickers: readonly string[] | null; readonly indexName: string | null; readonly lastIndex: number };

/**
 * yfinance `download()` writes pandas' MultiIndex columns as extra header rows around the field row: a
 * `Ticker,SPY,SPY,…` row (before it with `group_by='ticker'`, after it otherwise) and an index-name row
 * `Datetime,,,,,` whose first cell names the time column. Returns what those rows say, or null.
 */
function multiIndexRows(lines: readonly CsvLine[], index: number): ExtraRows | null {
  const header = lines[index];
  if (!header || !FIELD_ROW_LABELS.includes(normalizeBarHeader(header.fields[0] ?? ''))) return null;
  const isTickerRow = (line: CsvLine | undefined): boolean =>
    line !== undefined &&
    TICKER_ROW_LABELS.includes(normalizeBarHeader(line.fields[0] ?? '')) &&
    line.fields.slice(1).some((cell) => cell !== '') &&
    line.fields.slice(1).every((cell) => cell === '' || !/^[-+\d.,$()]+$/.test(cell));
  const isIndexRow = (line: CsvLine | undefined): boolean =>
    line !== undefined && INDEX_NAMES.includes(normalizeBarHeader(line.fields[0] ?? '')) && line.fields.slice(1).every((cell) => cell === '');
  let tickers: readonly string[] | null = null;
  let indexName: string | null = null;
  let lastIndex = index;
  if (isTickerRow(lines[index - 1])) tickers = lines[index - 1]?.fields ?? null;
  for (let next = index + 1; next <= index + 2 && next < lines.length; next += 1) {
    const line = lines[next];
    if (tickers === null && isTickerRow(line)) tickers = line?.fields ?? null;
    else if (indexName === null && isIndexRow(line)) indexName = line?.fields[0] ?? null;
    else break;
    lastIndex = next;
  }
  // A field row whose first cell is blank is pandas' unnamed index column even without the extra rows.
  if (tickers === null && indexName === null && normalizeBarHeader(header.fields[0] ?? '') !== '') return null;
  return { tickers, indexName, lastIndex };
}

/** One column group per ticker of a ticker row, in order of first appearance; one group otherwise. */
function groupsOf(normalized: readonly string[], tickers: readonly string[] | null): BarColumns[] | null {
  const all = [OPEN_ALIASES, HIGH_ALIASES, LOW_ALIASES, CLOSE_ALIASES, VOLUME_ALIASES].map((aliases) => columnsOf(normalized, aliases));
  const [opens = [], highs = [], lows = [], closes = [], volumes = []] = all;
  if (opens.length === 0 || highs.length === 0 || lows.length === 0 || closes.length === 0) return null;
  const named = tickers ? [...new Set(opens.map((column) => (tickers[column] ?? '').trim()).filter((ticker) => ticker !== ''))] : [];
  if (!tickers || named.length === 0) {
    return [{ open: opens[0] ?? -1, high: highs[0] ?? -1, low: lows[0] ?? -1, close: closes[0] ?? -1, volume: volumes[0] ?? -1, symbol: null }];
  }
  const groups: BarColumns[] = [];
  for (const ticker of named) {
    const pick = (columns: readonly number[]): number => columns.find((column) => (tickers[column] ?? '').trim() === ticker) ?? -1;
    const group = { open: pick(opens), high: pick(highs), low: pick(lows), close: pick(closes), volume: pick(volumes), symbol: ticker };
    if (group.open >= 0 && group.high >= 0 && group.low >= 0 && group.close >= 0) groups.push(group);
  }
  return groups.length > 0 ? groups : null;
}

function layoutAt(lines: readonly CsvLine[], index: number): BarsLayout | null {
  const line = lines[index];
  if (!line) return null;
  // Polygon's grouped aggregates name the ticker `T` beside the time `t`.
  const normalized = line.fields.map((field) => (field === 'T' && line.fields.includes('t') ? 'ticker' : normalizeBarHeader(field)));
  let time = timeColumns(normalized);
  let extra: ExtraRows | null = null;
  if (!time) {
    extra = multiIndexRows(lines, index);
    if (!extra) return null;
    time = { kind: 'single', column: 0 };
  }
  const groups = groupsOf(normalized, extra?.tickers ?? null);
  if (!groups) return null;
  const headers = extra?.indexName ? [extra.indexName, ...line.fields.slice(1)] : line.fields;
  const zoneColumns = time.kind === 'single' ? [time.column] : [time.timeColumn, time.dateColumn];
  const headerZone = zoneColumns.map((column) => zoneFromHeader(headers[column] ?? '')).find((zone) => zone !== null) ?? null;
  return {
    headerIndex: extra?.tickers && lines[index - 1]?.fields === extra.tickers ? index - 1 : index,
    headerLine: line.line,
    dataIndex: (extra?.lastIndex ?? index) + 1,
    headers,
    time,
    groups,
    symbol: groups[0]?.symbol === null ? findColumn(normalized, SYMBOL_ALIASES) : -1,
    headerZone,
    fixedPointPrices: normalized.includes('rtype') && normalized.includes('publisherid'),
    headerless: false,
  };
}

/**
 * The first line within the first HEADER_SEARCH_LINES that names a time column and open/high/low/close;
 * else, when the file has no header at all, the column order its first rows show.
 */
export function detectBarsLayout(lines: readonly CsvLine[]): BarsLayout | null {
  const limit = Math.min(lines.length, HEADER_SEARCH_LINES);
  for (let index = 0; index < limit; index += 1) {
    const layout = layoutAt(lines, index);
    if (layout) return layout;
  }
  return headerlessBarsLayout(lines);
}

/** The first non-blank line, as the error for an unreadable file quotes it. */
export function headerSeen(lines: readonly CsvLine[]): string {
  const first = lines[0];
  if (!first) return 'the file is empty';
  const text = first.fields.join(',');
  return `line ${first.line}: "${text.length > 160 ? `${text.slice(0, 160)}…` : text}"`;
}
