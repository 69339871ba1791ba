import { GAMMA_RANGE, IV_RANGE, OPEN_INTEREST_RANGE, STRIKE_RANGE, YEAR_RANGE, rangeReason, yearOfText } from '../domain/bounds.ts';
import type { RowError } from '../domain/errors.ts';
import type { ChainRight, ChainRow } from '../market/optionChain.ts';
import { parseChainDate, parseLegacyCboeContract, parseOptionSymbol } from './chainDates.ts';
import type { ChainLayout, SideColumns } from './chainLayout.ts';
import { type CsvLine, parseLooseNumber } from './marketCsv.ts';

/** Turning the body rows of a chain file into contracts, one RowError per bad value; the other rows go on. */

/** A file whose IV column is not marked as percent but whose median IV is above this is read as percent (20 = 20 %). */
export const IV_PERCENT_MEDIAN_ABOVE = 5;
/** Vendor footers after the last row, e.g. Barchart's `Downloaded from Barchart.com as of …`. */
export const CHAIN_FOOTER = /^"?downloaded from\b/i;

export type ReadContext = {
  readonly file: string;
  readonly headers: readonly string[];
  readonly errors: RowError[];
  /** Snapshot day (the expiry of a long file without expiries) and the expiry a file name gives. */
  readonly date: string;
  readonly fileExpiry: string | null;
};

export type ReadRows = {
  readonly rows: ChainRow[];
  /** The file wrote IV in percent (by header, by `%` in values, or by its median): values were divided by 100. */
  readonly ivPercent: 'header' | 'values' | 'median' | null;
};

/** A contract as read, with what its IV check needs once the file's IV unit is known. */
type RawRow = ChainRow & { readonly ivText: string; readonly line: number; readonly ivField: string };

export function parseRight(text: string): ChainRight | null {
  const value = text.trim().toUpperCase();
  if (value === 'C' || value === 'CALL' || value === 'CALLS') return 'C';
  if (value === 'P' || value === 'PUT' || value === 'PUTS') return 'P';
  return null;
}

function fieldName(context: ReadContext, column: number, label: string): string {
  const name = context.headers[column] ?? '';
  return label ? `${name} (${label})` : name;
}

/** Open interest, IV and gamma of one contract; pushes a RowError and returns null when one is bad. */
function readValues(row: CsvLine, side: SideColumns, base: { expiry: string; strike: number; right: ChainRight }, context: ReadContext): RawRow | null {
  const fail = (column: number, reason: string): null => {
    context.errors.push({ file: context.file, line: row.line, field: fieldName(context, column, side.label), reason });
    return null;
  };
  let openInterest = 0;
  if (side.openInterest >= 0) {
    const oiText = row.fields[side.openInterest] ?? '';
    openInterest = oiText === '' ? 0 : parseLooseNumber(oiText);
    if (!Number.isFinite(openInterest) || openInterest < 0) return fail(side.openInterest, `open interest "${oiText}" is not a number ≥ 0`);
    const outOfRange = rangeReason(`open interest "${oiText}"`, openInterest, OPEN_INTEREST_RANGE);
    if (outOfRange !== null) return fail(side.openInterest, outOfRange);
  }
  let impliedVolatility: number | null = null;
  const ivText = side.iv >= 0 ? (row.fields[side.iv] ?? '').trim() : '';
  if (ivText !== '' && !/^(-|--|n\/?a|unch)$/i.test(ivText)) {
    const iv = parseLooseNumber(ivText);
    if (!Number.isFinite(iv) || iv < 0) return fail(side.iv, `implied volatility "${ivText}" is not a number ≥ 0`);
    // Zero is how CBOE writes "no quote"; a zero volatility would price gamma as a spike, so it is missing.
    impliedVolatility = iv > 0 ? iv : null;
  }
  const gammaText = side.gamma >= 0 ? (row.fields[side.gamma] ?? '').trim() : '';
  const contract: RawRow = { ...base, open_interest: openInterest, implied_volatility: impliedVolatility, ivText, line: row.line, ivField: fieldName(context, side.iv, side.label) };
  if (gammaText === '') return contract;
  const gamma = parseLooseNumber(gammaText);
  if (!Number.isFinite(gamma) || gamma < 0) return fail(side.gamma, `gamma "${gammaText}" is not a number ≥ 0`);
  const gammaRange = rangeReason(`gamma "${gammaText}"`, gamma, GAMMA_RANGE);
  if (gammaRange !== null) return fail(side.gamma, gammaRange);
  return { ...contract, gamma };
}

/** Strike, right and expiry of one side of a row, from their columns, the option symbol, the file name or the day. */
type Contract = { expiry: string; strike: number; right: ChainRight; root: string };

function contractOf(row: CsvLine, layout: ChainLayout, side: { right: ChainRight | null; columns: SideColumns }, strike: number | null, context: ReadContext): Contract | 'skip' | null {
  const contract = contractTerms(row, layout, side, strike, context);
  if (contract === null || contract === 'skip') return contract;
  // The strike and expiry may come from an option symbol or a legacy contract text: checked whatever gave them.
  const strikeProblem = rangeReason(`strike ${contract.strike}`, contract.strike, STRIKE_RANGE);
  const expiryProblem = rangeReason(`expiry ${contract.expiry}`, yearOfText(contract.expiry) ?? Number.NaN, YEAR_RANGE);
  const problem = strikeProblem ?? expiryProblem;
  if (problem === null) return contract;
  const column = strikeProblem !== null ? (layout.strike >= 0 ? layout.strike : side.columns.symbol) : layout.expiry >= 0 ? layout.expiry : side.columns.symbol;
  context.errors.push({ file: context.file, line: row.line, field: fieldName(context, column, side.columns.label), reason: problem });
  return null;
}

function contractTerms(row: CsvLine, layout: ChainLayout, side: { right: ChainRight | null; columns: SideColumns }, strike: number | null, context: ReadContext): Contract | 'skip' | null {
  const fail = (column: number, reason: string): null => {
    context.errors.push({ file: context.file, line: row.line, field: fieldName(context, column, side.columns.label), reason });
    return null;
  };
  const symbolText = side.columns.symbol >= 0 ? row.fields[side.columns.symbol] ?? '' : '';
  if (layout.kind === 'cboe-legacy') {
    const legacy = parseLegacyCboeContract(symbolText);
    if (!legacy) return fail(side.columns.symbol, `"${symbolText}" is not a contract like "18 Dec 100.00 (SPX1821L100)"`);
    return legacy.exchange ? 'skip' : { expiry: legacy.expiry, strike: legacy.strike, right: legacy.right, root: legacy.root };
  }
  const symbol = parseOptionSymbol(symbolText);
  const contractStrike = strike ?? symbol?.strike;
  if (contractStrike === undefined) return fail(side.columns.symbol, `"${symbolText}" is not an OCC option symbol (e.g. SPY250708C00620000), and the file has no strike column`);
  let right = side.right ?? symbol?.right ?? null;
  if (side.right === null && layout.right >= 0) {
    const rightText = row.fields[layout.right] ?? '';
    right = parseRight(rightText) ?? symbol?.right ?? null;
    if (!right) return fail(layout.right, `right "${rightText}" is not C/P/call/put`);
  }
  if (!right) return fail(side.columns.symbol, `"${symbolText}" is not an OCC option symbol, and the file has no call/put column`);
  const expiryText = layout.expiry >= 0 ? row.fields[layout.expiry] ?? '' : '';
  // A long file with no expiry anywhere is one expiry: the file name's (Barchart), else the snapshot's own day (0DTE).
  const expiry = expiryText !== '' ? parseChainDate(expiryText) : symbol?.expiry ?? context.fileExpiry ?? (layout.kind === 'long' ? context.date : null);
  if (!expiry) {
    const column = layout.expiry >= 0 ? layout.expiry : side.columns.symbol;
    return fail(column, `no readable expiry ("${row.fields[column] ?? ''}"); pass the snapshot date for a single-expiry file`);
  }
  return { expiry, strike: contractStrike, right, root: symbol?.root ?? (layout.root >= 0 ? (row.fields[layout.root] ?? '').trim().toUpperCase() : '') };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Every contract of `body`, each expiry/strike/right once (a repeat is reported and ignored). */
export function readChainRows(body: readonly CsvLine[], layout: ChainLayout, context: ReadContext): ReadRows {
  const raw: RawRow[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    if (CHAIN_FOOTER.test(row.fields[0] ?? '')) continue;
    let strike: number | null = null;
    if (layout.strike >= 0) {
      const strikeText = row.fields[layout.strike] ?? '';
      strike = parseLooseNumber(strikeText);
      if (!Number.isFinite(strike) || strike <= 0) {
        context.errors.push({ file: context.file, line: row.line, field: context.headers[layout.strike] ?? 'strike', reason: `strike "${strikeText}" is not a positive number` });
        continue;
      }
    }
    for (const side of layout.sides) {
      const base = contractOf(row, layout, side, strike, context);
      if (base === null) {
        if (layout.sides.length > 1 && layout.kind !== 'cboe-legacy') break;
        continue;
      }
      if (base === 'skip') continue;
      const { root, ...terms } = base;
      const contract = readValues(row, side.columns, terms, context);
      if (!contract) continue;
      // SPX and SPXW both list the third Friday: two roots, two contracts, both open interest.
      const key = `${root}|${contract.expiry}|${contract.strike}|${contract.right}`;
      const first = seen.get(key);
      if (first !== undefined) {
        context.errors.push({ file: context.file, line: row.line, field: '', reason: `${contract.expiry} ${contract.strike} ${contract.right} already given at line ${first}; this row is ignored` });
        continue;
      }
      seen.set(key, row.line);
      raw.push(contract);
    }
  }
  const ivs = raw.flatMap((row) => (row.implied_volatility === null ? [] : [row.implied_volatility]));
  const percentSign = raw.some((row) => row.ivText.includes('%'));
  const ivPercent = layout.ivPercent ? 'header' : percentSign ? 'values' : ivs.length > 0 && median(ivs) > IV_PERCENT_MEDIAN_ABOVE ? 'median' : null;
  const rows: ChainRow[] = [];
  for (const { ivText, line, ivField, ...row } of raw) {
    const contract = ivPercent && row.implied_volatility !== null ? { ...row, implied_volatility: row.implied_volatility / 100 } : row;
    // Checked once the unit is known: 40 is 40 % in a percent file but 4,000 % in a decimal one.
    const ivRange = contract.implied_volatility === null ? null : rangeReason(`implied volatility "${ivText}"`, contract.implied_volatility, IV_RANGE);
    if (ivRange === null) rows.push(contract);
    else context.errors.push({ file: context.file, line, field: ivField, reason: ivRange });
  }
  return { rows, ivPercent };
}
