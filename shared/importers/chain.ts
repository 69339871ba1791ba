import type { RowError } from '../domain/errors.ts';
import type { ChainRight, ChainRow, ChainSnapshot } from '../market/optionChain.ts';
import { expiryFromOptionSymbol, parseChainDate, readChainPreamble } from './chainDates.ts';
import { type CsvLine, findColumn, normalizeHeader, parseLooseNumber, readCsvLines } from './marketCsv.ts';

/**
 * Option-chain snapshot CSV → chain rows. Two layouts: CBOE's delayed-quotes download (preamble with the
 * spot and the time, then calls and puts side by side per strike) and a long layout, one contract a line:
 * `strike,right,open_interest,iv[,gamma][,expiry]` in any column case.
 */
export type ChainImportOptions = {
  /** Snapshot day YYYY-MM-DD; overrides the file's. Needed when the file does not say. */
  readonly date?: string;
  /** Underlying price; overrides the file's. */
  readonly spot?: number;
};

export type ChainImportResult = {
  /** Null only when the file is not a chain we read or its day is unknown (the errors say which). */
  readonly snapshot: ChainSnapshot | null;
  readonly errors: RowError[];
};

export const CHAIN_LAYOUTS_READ =
  "CBOE delayed-quotes download (Expiration Date,Calls,…,Strike,Puts,…) or one contract a line with columns strike, right (C/P), open_interest, iv [, gamma] [, expiry]";

/** Per side of a CBOE row (or the whole row of the long layout): where each value sits. */
type SideColumns = { readonly iv: number; readonly gamma: number; readonly openInterest: number; readonly symbol: number; readonly label: string };

type Layout =
  | { readonly kind: 'cboe'; readonly expiry: number; readonly strike: number; readonly calls: SideColumns; readonly puts: SideColumns }
  | {
      readonly kind: 'long';
      readonly strike: number;
      readonly right: number;
      readonly side: SideColumns;
      readonly expiry: number;
      readonly date: number;
      readonly spot: number;
      /** IV written in percent (header says `%` or `pct`). */
      readonly ivPercent: boolean;
    };

function columnIn(normalized: readonly string[], name: string, from: number, to: number): number {
  for (let index = from; index < to; index += 1) if (normalized[index] === name) return index;
  return -1;
}

function detectLayout(header: CsvLine): Layout | null {
  const normalized = header.fields.map(normalizeHeader);
  const calls = normalized.indexOf('calls');
  const puts = normalized.indexOf('puts');
  const strike = findColumn(normalized, ['strike', 'strikeprice']);
  if (calls >= 0 && puts > calls && strike > calls && strike < puts) {
    const side = (from: number, to: number, label: string): SideColumns => ({
      iv: columnIn(normalized, 'iv', from, to),
      gamma: columnIn(normalized, 'gamma', from, to),
      openInterest: columnIn(normalized, 'openinterest', from, to),
      symbol: from - 1,
      label,
    });
    return { kind: 'cboe', expiry: findColumn(normalized, ['expirationdate', 'expiration', 'expiry']), strike, calls: side(calls + 1, strike, 'calls'), puts: side(puts + 1, normalized.length, 'puts') };
  }
  const right = findColumn(normalized, ['right', 'type', 'putcall', 'callput', 'cp', 'optiontype']);
  const openInterest = findColumn(normalized, ['openinterest', 'oi', 'openint']);
  const iv = findColumn(normalized, ['iv', 'impliedvolatility', 'impliedvol', 'volatility', 'ivpct']);
  if (strike < 0 || right < 0 || openInterest < 0 || iv < 0) return null;
  const ivHeader = header.fields[iv] ?? '';
  return {
    kind: 'long',
    strike,
    right,
    side: { iv, gamma: findColumn(normalized, ['gamma']), openInterest, symbol: findColumn(normalized, ['symbol', 'optionsymbol', 'contract']), label: '' },
    expiry: findColumn(normalized, ['expiry', 'expiration', 'expirationdate', 'exp', 'expirydate', 'expdate']),
    date: findColumn(normalized, ['date', 'quotedate', 'snapshotdate']),
    spot: findColumn(normalized, ['spot', 'underlying', 'underlyingprice', 'underlyinglast']),
    ivPercent: /%|pct|percent/i.test(ivHeader),
  };
}

function parseRight(text: string): ChainRight | null {
  const value = text.trim().toUpperCase();
  if (value === 'C' || value === 'CALL' || value === 'CALLS') return 'C';
  if (value === 'P' || value === 'PUT' || value === 'PUTS') return 'P';
  return null;
}

type ReadContext = { readonly file: string; readonly headers: readonly string[]; readonly errors: RowError[] };

function fieldName(context: ReadContext, column: number, label: string): string {
  const name = context.headers[column] ?? '';
  return label ? `${name} (${label})` : name;
}

/** One contract's values from one side of a row; pushes a RowError and returns null when one is bad. */
function readSide(row: CsvLine, side: SideColumns, base: { expiry: string; strike: number; right: ChainRight }, ivPercent: boolean, context: ReadContext): ChainRow | null {
  const fail = (column: number, reason: string): null => {
    context.errors.push({ file: context.file, line: row.line, field: fieldName(context, column, side.label), reason });
    return null;
  };
  const oiText = row.fields[side.openInterest] ?? '';
  const openInterest = parseLooseNumber(oiText);
  if (!Number.isFinite(openInterest) || openInterest < 0) return fail(side.openInterest, `open interest "${oiText}" is not a number ≥ 0`);
  let impliedVolatility: number | null = null;
  const ivText = side.iv >= 0 ? row.fields[side.iv] ?? '' : '';
  if (ivText !== '') {
    const iv = parseLooseNumber(ivText);
    if (!Number.isFinite(iv) || iv < 0) return fail(side.iv, `implied volatility "${ivText}" is not a number ≥ 0`);
    // Zero is how CBOE writes "no quote"; a zero volatility would price gamma as a spike, so it is missing.
    impliedVolatility = iv > 0 ? (ivPercent ? iv / 100 : iv) : null;
  }
  const gammaText = side.gamma >= 0 ? row.fields[side.gamma] ?? '' : '';
  const contract: ChainRow = { ...base, open_interest: openInterest, implied_volatility: impliedVolatility };
  if (gammaText === '') return contract;
  const gamma = parseLooseNumber(gammaText);
  if (!Number.isFinite(gamma) || gamma < 0) return fail(side.gamma, `gamma "${gammaText}" is not a number ≥ 0`);
  return { ...contract, gamma };
}

function readExpiry(row: CsvLine, column: number, symbolColumn: number, fallback: string | null): string | null {
  const text = column >= 0 ? row.fields[column] ?? '' : '';
  if (text !== '') return parseChainDate(text);
  const fromSymbol = symbolColumn >= 0 ? expiryFromOptionSymbol(row.fields[symbolColumn] ?? '') : null;
  return fromSymbol?.expiry ?? fallback;
}

function readRows(lines: readonly CsvLine[], layout: Layout, date: string | null, context: ReadContext): ChainRow[] {
  const rows: ChainRow[] = [];
  const seen = new Map<string, number>();
  const keep = (row: CsvLine, contract: ChainRow | null): void => {
    if (!contract) return;
    const key = `${contract.expiry}|${contract.strike}|${contract.right}`;
    const first = seen.get(key);
    if (first !== undefined) {
      context.errors.push({ file: context.file, line: row.line, field: '', reason: `${contract.expiry} ${contract.strike} ${contract.right} already given at line ${first}; this row is ignored` });
      return;
    }
    seen.set(key, row.line);
    rows.push(contract);
  };
  for (const row of lines) {
    const strikeText = row.fields[layout.strike] ?? '';
    const strike = parseLooseNumber(strikeText);
    if (!Number.isFinite(strike) || strike <= 0) {
      context.errors.push({ file: context.file, line: row.line, field: context.headers[layout.strike] ?? 'strike', reason: `strike "${strikeText}" is not a positive number` });
      continue;
    }
    const symbolColumn = layout.kind === 'cboe' ? layout.calls.symbol : layout.side.symbol;
    // The long layout without an expiry column is one expiry: the snapshot's own day (0DTE).
    const expiry = readExpiry(row, layout.expiry, symbolColumn, layout.kind === 'long' ? date : null);
    if (!expiry) {
      const column = layout.expiry >= 0 ? layout.expiry : symbolColumn;
      context.errors.push({ file: context.file, line: row.line, field: context.headers[column] ?? 'expiry', reason: `no readable expiry ("${row.fields[column] ?? ''}"); pass the snapshot date for a single-expiry file` });
      continue;
    }
    if (layout.kind === 'cboe') {
      keep(row, readSide(row, layout.calls, { expiry, strike, right: 'C' }, false, context));
      keep(row, readSide(row, layout.puts, { expiry, strike, right: 'P' }, false, context));
      continue;
    }
    const rightText = row.fields[layout.right] ?? '';
    const right = parseRight(rightText);
    if (!right) {
      context.errors.push({ file: context.file, line: row.line, field: context.headers[layout.right] ?? 'right', reason: `right "${rightText}" is not C/P/call/put` });
      continue;
    }
    keep(row, readSide(row, layout.side, { expiry, strike, right }, layout.ivPercent, context));
  }
  return rows;
}

function firstValue(lines: readonly CsvLine[], column: number, read: (text: string) => number | string | null): number | string | null {
  if (column < 0) return null;
  for (const row of lines) {
    const value = read(row.fields[column] ?? '');
    if (value !== null) return value;
  }
  return null;
}

/** Reads an option-chain snapshot; every bad row is a RowError and the other rows go on. */
export function importChain(text: string, file: string, options: ChainImportOptions = {}): ChainImportResult {
  const lines = readCsvLines(text);
  const headerIndex = lines.slice(0, 20).findIndex((line) => detectLayout(line) !== null);
  const header = lines[headerIndex];
  const layout = header ? detectLayout(header) : null;
  if (!header || !layout) {
    return { snapshot: null, errors: [{ file, line: lines[0]?.line ?? 1, field: '', reason: `not an option chain we read: expected ${CHAIN_LAYOUTS_READ}` }] };
  }
  const preamble = readChainPreamble(lines.slice(0, headerIndex).map((line) => line.fields.join(',')));
  const body = lines.slice(headerIndex + 1);
  const dateColumn = layout.kind === 'long' ? layout.date : -1;
  const dateText = options.date ?? preamble.date ?? (firstValue(body, dateColumn, parseChainDate) as string | null);
  const date = dateText ? parseChainDate(dateText) : null;
  if (!date) {
    return { snapshot: null, errors: [{ file, line: header.line, field: '', reason: 'the snapshot day is unknown: the file does not give it, pass it (--date YYYY-MM-DD)' }] };
  }
  const spotColumn = layout.kind === 'long' ? layout.spot : -1;
  const spotFromColumn = firstValue(body, spotColumn, (value) => {
    const number = parseLooseNumber(value);
    return number > 0 ? number : null;
  }) as number | null;
  const spot = options.spot ?? preamble.spot ?? spotFromColumn;
  const context: ReadContext = { file, headers: header.fields, errors: [] };
  const rows = readRows(body, layout, date, context);
  const symbolColumn = layout.kind === 'cboe' ? layout.calls.symbol : layout.side.symbol;
  const root = symbolColumn >= 0 ? body.map((row) => expiryFromOptionSymbol(row.fields[symbolColumn] ?? '')?.root).find((value) => value) : undefined;
  return {
    snapshot: { file, symbol: root ?? 'SPY', date, spot: spot ?? null, taken_at: preamble.takenAt, rows },
    errors: context.errors,
  };
}
