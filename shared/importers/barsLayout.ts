import { type CsvLine, findColumn, normalizeHeader } from './marketCsv.ts';
import { zoneFromHeader } from './barsTimestamp.ts';

/**
 * Where a bar file keeps its columns. Vendors agree on OHLCV but not on names or case: yfinance
 * `Datetime,Open,…`, Alpaca `timestamp,symbol,open,…`, TradingView `time,open,…`, IBKR `date,open,…`,
 * Polygon `t,o,h,l,c,v`, platform exports with separate `Date,Time` columns. Extra columns are ignored.
 */
export type BarsLayout = {
  /** Index of the header row in the CSV lines, and its physical line. */
  readonly headerIndex: number;
  readonly headerLine: number;
  readonly headers: readonly string[];
  readonly time: { readonly kind: 'single'; readonly column: number } | { readonly kind: 'split'; readonly dateColumn: number; readonly timeColumn: number };
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** −1 when the file has no volume column (volume is then 0). */
  readonly volume: number;
  /** −1 when the file has no symbol column. */
  readonly symbol: number;
  /** Zone declared by the time column's header (`Time (ET)`), used for times without an offset. */
  readonly headerZone: string | null;
};

/** Time column names by priority: a full timestamp column beats a `date` column that may hold only the day. */
const SINGLE_TIME_ALIASES = ['timestamp', 'datetime', 'bartime', 'starttime', 'begins', 'time', 't', 'ts', 'date'];
const DATE_ALIASES = ['date', 'day', 'tradedate'];
const TIME_ALIASES = ['time', 'minute', 'bartime'];
const OPEN_ALIASES = ['open', 'o', 'openprice'];
const HIGH_ALIASES = ['high', 'h', 'highprice'];
const LOW_ALIASES = ['low', 'l', 'lowprice'];
const CLOSE_ALIASES = ['close', 'c', 'closeprice', 'last'];
const VOLUME_ALIASES = ['volume', 'v', 'vol'];
const SYMBOL_ALIASES = ['symbol', 'ticker', 'sym'];
/** How far into a file a header is looked for (past a vendor's preamble lines). */
export const HEADER_SEARCH_LINES = 20;

export const BAR_LAYOUTS_READ =
  'a header with a time column (timestamp, datetime, time, date, t — or separate date and time columns) and open, high, low, close [, volume] columns: yfinance, Alpaca, TradingView, IBKR historical bars, Polygon aggregates';

/** Header name without its zone suffix (`time_et`, `Datetime (UTC)`), normalized. */
function normalizeBarHeader(name: string): string {
  return normalizeHeader(name.replace(/[_\s-](et|est|edt|utc|gmt)$/i, ''));
}

function layoutOf(line: CsvLine, index: number): BarsLayout | null {
  const normalized = line.fields.map(normalizeBarHeader);
  const open = findColumn(normalized, OPEN_ALIASES);
  const high = findColumn(normalized, HIGH_ALIASES);
  const low = findColumn(normalized, LOW_ALIASES);
  const close = findColumn(normalized, CLOSE_ALIASES);
  if (open < 0 || high < 0 || low < 0 || close < 0) return null;
  const fullTimestamp = findColumn(normalized, SINGLE_TIME_ALIASES.filter((alias) => alias !== 'time' && alias !== 'date' && alias !== 't'));
  const dateColumn = findColumn(normalized, DATE_ALIASES);
  const timeColumn = findColumn(normalized, TIME_ALIASES);
  let time: BarsLayout['time'];
  if (fullTimestamp >= 0) time = { kind: 'single', column: fullTimestamp };
  else if (dateColumn >= 0 && timeColumn >= 0 && dateColumn !== timeColumn) time = { kind: 'split', dateColumn, timeColumn };
  else {
    const column = findColumn(normalized, SINGLE_TIME_ALIASES);
    if (column < 0) return null;
    time = { kind: 'single', column };
  }
  const zoneColumns = time.kind === 'single' ? [time.column] : [time.timeColumn, time.dateColumn];
  const headerZone = zoneColumns.map((column) => zoneFromHeader(line.fields[column] ?? '')).find((zone) => zone !== null) ?? null;
  return {
    headerIndex: index,
    headerLine: line.line,
    headers: line.fields,
    time,
    open,
    high,
    low,
    close,
    volume: findColumn(normalized, VOLUME_ALIASES),
    symbol: findColumn(normalized, SYMBOL_ALIASES),
    headerZone,
  };
}

/** The first line within the first HEADER_SEARCH_LINES that names a time column and open/high/low/close. */
export function detectBarsLayout(lines: readonly CsvLine[]): BarsLayout | null {
  const limit = Math.min(lines.length, HEADER_SEARCH_LINES);
  for (let index = 0; index < limit; index += 1) {
    const line = lines[index];
    if (!line) continue;
    const layout = layoutOf(line, index);
    if (layout) return layout;
  }
  return null;
}
