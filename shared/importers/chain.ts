import { PRICE_RANGE, rangeReason, yearReason } from '../domain/bounds.ts';
import type { RowError } from '../domain/errors.ts';
import type { ChainSnapshot } from '../market/optionChain.ts';
import { chainFileNameDates, parseChainDate, parseChainStamp, parseOptionSymbol, readChainPreamble } from './chainDates.ts';
import { CHAIN_LAYOUTS_READ, type ChainLayout, detectChainLayout } from './chainLayout.ts';
import { CHAIN_FOOTER, type ReadContext, readChainRows } from './chainRows.ts';
import { type CsvLine, findColumn, normalizeHeader, parseLooseNumber, readCsvLines } from './marketCsv.ts';

export { CHAIN_LAYOUTS_READ } from './chainLayout.ts';

/**
 * Option-chain snapshot CSV → chain rows, from the layouts vendors write (see chainLayout.ts and
 * docs/imports.md): CBOE's delayed-quotes download, one row per strike with call and put columns, or one
 * contract a line.
 */
export type ChainImportOptions = {
  /** Snapshot day YYYY-MM-DD; overrides the file's (and picks that day from a file holding several). */
  readonly date?: string;
  /** Underlying price; overrides the file's. */
  readonly spot?: number;
};

export type ChainImportResult = {
  /** Null only when the file is not a chain we read or its day is unknown (the errors say which). */
  readonly snapshot: ChainSnapshot | null;
  readonly errors: RowError[];
};

/** How far into a file the header is looked for (CBOE writes 3 preamble lines). */
const HEADER_SEARCH_LINES = 20;
/** Barchart's moneyness gives the spot only near the money, where its 2-decimal rounding costs little. */
const MONEYNESS_SPOT_WITHIN = 0.05;
const UNDERLYING = ['underlyingsymbol', 'rootsymbol', 'root', 'underlyingticker', 'underlyingassetticker', 'ticker'];

function headerSeen(lines: readonly CsvLine[]): string {
  const first = lines.find((line) => line.fields.length > 2) ?? lines[0];
  if (!first) return 'the file is empty';
  const text = first.fields.join(',');
  return `line ${first.line}: "${text.length > 160 ? `${text.slice(0, 160)}…` : text}"`;
}

function firstNumber(lines: readonly CsvLine[], column: number): { value: number; line: number } | null {
  if (column < 0) return null;
  for (const row of lines) {
    const value = parseLooseNumber(row.fields[column] ?? '');
    if (value > 0) return { value, line: row.line };
  }
  return null;
}

/** Barchart gives no spot, but a call's moneyness is (spot − strike) / spot: spot = strike / (1 − m). */
function spotFromMoneyness(lines: readonly CsvLine[], layout: ChainLayout): number | null {
  if (layout.moneyness < 0 || layout.strike < 0) return null;
  const spots: number[] = [];
  for (const row of lines) {
    if (layout.right >= 0 && !/^c/i.test(row.fields[layout.right] ?? '')) continue;
    const strike = parseLooseNumber(row.fields[layout.strike] ?? '');
    const moneyness = parseLooseNumber(row.fields[layout.moneyness] ?? '') / 100;
    if (strike > 0 && Number.isFinite(moneyness) && Math.abs(moneyness) <= MONEYNESS_SPOT_WITHIN) spots.push(strike / (1 - moneyness));
  }
  if (spots.length === 0) return null;
  spots.sort((a, b) => a - b);
  return Math.round((spots[Math.floor(spots.length / 2)] ?? 0) * 100) / 100;
}

/** The quote days a multi-day file (OptionsDX months, ORATS history) holds, in order. */
function daysIn(body: readonly CsvLine[], column: number): string[] {
  if (column < 0) return [];
  const days = new Set<string>();
  for (const row of body) {
    const day = parseChainDate(row.fields[column] ?? '');
    if (day) days.add(day);
  }
  return [...days].sort();
}

function underlyingOf(header: CsvLine, body: readonly CsvLine[], layout: ChainLayout, file: string): string | null {
  for (const side of layout.sides) {
    const symbolColumn = side.columns.symbol;
    if (symbolColumn < 0) continue;
    for (const row of body.slice(0, 50)) {
      const text = row.fields[symbolColumn] ?? '';
      const root = parseOptionSymbol(text)?.root ?? /\(([A-Z]+?)\d{4}[A-X]/.exec(text)?.[1];
      if (root) return root;
    }
  }
  const column = findColumn(header.fields.map((field) => normalizeHeader(field.replace(/^.*\./, ''))), UNDERLYING);
  const cell = column >= 0 ? (body[0]?.fields[column] ?? '').trim().toUpperCase().replace(/^\^/, '') : '';
  if (/^[A-Z^.]{1,6}$/.test(cell)) return cell;
  // `spy-options-exp-…` (Barchart), `spy_eod_202507.txt` (OptionsDX), `spy_quotedata.csv` (CBOE).
  const fromName = /(?:^|[-_])([a-z^$]{1,5})[-_](?:options|eod|chain|quotedata)(?=[-_.]|$)/i.exec(file.replace(/^.*[\\/]/, ''))?.[1];
  return fromName ? fromName.replace(/^\$/, '').toUpperCase() : null;
}

/** Reads an option-chain snapshot; every bad row is a RowError and the other rows go on. */
export function importChain(text: string, file: string, options: ChainImportOptions = {}): ChainImportResult {
  const lines = readCsvLines(text);
  const headerIndex = lines.slice(0, HEADER_SEARCH_LINES).findIndex((line) => detectChainLayout(line) !== null);
  const header = lines[headerIndex];
  const layout = header ? detectChainLayout(header) : null;
  if (!header || !layout) {
    return { snapshot: null, errors: [{ file, line: lines[0]?.line ?? 1, field: '', reason: `not an option chain we read; header seen at ${headerSeen(lines)}. Expected ${CHAIN_LAYOUTS_READ}` }] };
  }
  const preamble = readChainPreamble(lines.slice(0, headerIndex).map((line) => line.fields.join(',')));
  const allBody = lines.slice(headerIndex + 1);
  const footer = allBody.find((line) => CHAIN_FOOTER.test(line.fields[0] ?? ''));
  const footerStamp = footer ? parseChainStamp(footer.fields.join(',')) : null;
  const fromName = chainFileNameDates(file);
  const days = daysIn(allBody, layout.date);
  const notes: string[] = [];
  const requested = options.date !== undefined ? parseChainDate(options.date) : null;
  const date = requested ?? preamble.date ?? days[days.length - 1] ?? footerStamp?.date ?? fromName.date;
  if (!date) {
    return {
      snapshot: null,
      errors: [{ file, line: header.line, field: '', reason: 'the snapshot day is unknown: the file does not give it (no date in a preamble, column, footer or its name); pass it (--date YYYY-MM-DD)' }],
    };
  }
  const dayProblem = yearReason(`the snapshot day ${date}`, date);
  if (dayProblem !== null) return { snapshot: null, errors: [{ file, line: header.line, field: '', reason: `${dayProblem}; pass the day (--date YYYY-MM-DD)` }] };
  if (!requested && !preamble.date && days.length === 0 && !footerStamp && fromName.date) notes.push(`snapshot day ${date} taken from the file name`);
  let body = allBody;
  if (days.length > 1) {
    body = allBody.filter((row) => parseChainDate(row.fields[layout.date] ?? '') === date);
    notes.push(`the file holds ${days.length} quote day(s) (${days[0]}…${days[days.length - 1]}); read ${date}${requested ? '' : ' (the last); pass --date for another'}`);
  }
  const spotColumn = firstNumber(body, layout.spot);
  let spot = options.spot ?? preamble.spot ?? spotColumn?.value ?? spotFromMoneyness(body, layout);
  if (spot !== null && options.spot === undefined && preamble.spot === null && spotColumn === null) notes.push(`spot ${spot} derived from the calls' moneyness`);
  const errors: RowError[] = [];
  const spotProblem = spot === null ? null : rangeReason(`spot ${spot}`, spot, PRICE_RANGE);
  if (spotProblem !== null) {
    const fromColumn = options.spot === undefined && preamble.spot === null && spotColumn !== null;
    errors.push({ file, line: fromColumn ? spotColumn.line : (lines[0]?.line ?? 1), field: fromColumn ? (header.fields[layout.spot] ?? 'spot') : 'spot', reason: `${spotProblem}; the chain is read without a spot` });
    spot = null;
  }
  const context: ReadContext = { file, headers: header.fields, errors, date, fileExpiry: fromName.expiry };
  const { rows, ivPercent } = readChainRows(body, layout, context);
  if (ivPercent === 'median') notes.push('IV read as percent (its median is above 5) and divided by 100');
  const openInterestMissing = layout.sides.every((side) => side.columns.openInterest < 0);
  if (openInterestMissing) notes.push('the file has no open interest: max pain, GEX, gamma flip and walls cannot be computed');
  const snapshot: ChainSnapshot = {
    file,
    symbol: underlyingOf(header, body, layout, file) ?? 'SPY',
    date,
    spot: spot ?? null,
    taken_at: preamble.takenAt ?? footerStamp?.takenAt ?? null,
    rows,
    ...(openInterestMissing ? { open_interest_missing: true } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
  return { snapshot, errors: [...context.errors].sort((a, b) => a.line - b.line) };
}
