import type { ChainRight } from '../market/optionChain.ts';
import { type CsvLine, findColumn, normalizeHeader } from './marketCsv.ts';

/**
 * Where an option-chain file keeps each value. Four shapes are read:
 * - `cboe`: CBOE's delayed-quotes table, calls and puts side by side around a `Strike` column;
 * - `cboe-legacy`: the same table before 2019, no strike column (strike and expiry inside `18 Dec 100.00 (SPX1821L100)`);
 * - `wide`: one row per strike with prefixed call and put columns (OptionsDX `[C_IV]`/`[P_IV]`, ORATS `callOpenInterest`);
 * - `long`: one contract a line (Barchart, Polygon snapshots, Tradier, yfinance, CBOE DataShop, hand-made files),
 *   where strike, right and expiry may come from an OCC option symbol instead of their own columns.
 */

/** Where one contract's values sit: a side of a CBOE or wide row, or the whole row of the long layout. */
export type SideColumns = {
  readonly iv: number;
  readonly gamma: number;
  /** −1 when the file has no open interest (OptionsDX): rows are read, max pain and GEX are not computed. */
  readonly openInterest: number;
  /** Option symbol (or, for `cboe-legacy`, the contract cell); −1 when none. */
  readonly symbol: number;
  /** `calls` / `puts` in error fields of side-by-side layouts; empty for the long layout. */
  readonly label: string;
};

export type ChainLayout = {
  readonly kind: 'cboe' | 'cboe-legacy' | 'wide' | 'long';
  /** −1 when strikes come from the option symbol. */
  readonly strike: number;
  /** Long layout only: the call/put column; −1 when the right comes from the option symbol. */
  readonly right: number;
  readonly expiry: number;
  /** Snapshot day and underlying price columns, −1 when absent. */
  readonly date: number;
  readonly spot: number;
  /** Option root (`SPX`/`SPXW`) column, −1 when absent: two roots at one strike are two contracts. */
  readonly root: number;
  /** Barchart's `Moneyness` (for calls (spot − strike) / spot), used for the spot when nothing else gives it. */
  readonly moneyness: number;
  /** Calls then puts for side-by-side layouts; one side with a null right for the long layout. */
  readonly sides: readonly { readonly right: ChainRight | null; readonly columns: SideColumns }[];
  /** IV written in percent according to the header (`%`, `pct`). */
  readonly ivPercent: boolean;
};

const STRIKE = ['strike', 'strikeprice', 'detailsstrikeprice'];
const RIGHT = ['right', 'optiontype', 'putcall', 'callput', 'cp', 'contracttype', 'detailscontracttype', 'type'];
const OPEN_INTEREST = ['openinterest', 'openint', 'oi', 'opint'];
const IV = ['iv', 'impliedvolatility', 'impliedvol', 'midiv', 'greeksmidiv', 'smvvol', 'impliedvolatility1545', 'volatility', 'ivpct', 'ivmid'];
const GAMMA = ['gamma', 'greeksgamma', 'gamma1545'];
const SYMBOL = ['optionsymbol', 'occsymbol', 'contractsymbol', 'detailsticker', 'symbol', 'contract', 'option'];
const EXPIRY = ['expiry', 'expiration', 'expirationdate', 'detailsexpirationdate', 'exp', 'expirydate', 'expdate', 'expiredate', 'expirdate'];
const DATE = ['date', 'quotedate', 'snapshotdate', 'tradedate', 'asofdate', 'datadate'];
/** Spot columns; CBOE DataShop's plain EOD file has only the underlying's 15:45 bid, a cent or so under the price. */
const SPOT = ['spot', 'underlyingprice', 'underlyinglast', 'underlyingassetprice', 'stockprice', 'spotprice', 'activeunderlyingprice1545', 'underlying', 'underlyingbid1545'];
const ROOT = ['root', 'rootsymbol', 'optionroot'];
/** Column prefixes of the call and put halves of a wide row. */
const CALL_PREFIXES = ['c', 'call', 'calls'];
const PUT_PREFIXES = ['p', 'put', 'puts'];

export const CHAIN_LAYOUTS_READ =
  'CBOE delayed-quotes download (Expiration Date,Calls,…,Strike,Puts,… — IV/Volume/Open Interest or Vol/Open Int — and the older Calls,…,Open Int,Puts,… table); ' +
  'one row per strike with call and put columns (OptionsDX [C_IV],[STRIKE],[P_IV]; ORATS callOpenInterest,putOpenInterest); ' +
  'or one contract a line with strike, right (C/P, Call/Put), open interest, IV [, gamma] [, expiry] — or an OCC option symbol instead of strike, right and expiry ' +
  '(Barchart options download, Polygon/Massive snapshot, Tradier, yfinance option_chain, CBOE DataShop)';

/** Header name as the aliases are written; for dotted names (`greeks.gamma`) also the last part. */
function names(fields: readonly string[]): { full: string[]; leaf: string[] } {
  return { full: fields.map(normalizeHeader), leaf: fields.map((field) => normalizeHeader(field.replace(/^.*\./, ''))) };
}

function find(headers: { full: readonly string[]; leaf: readonly string[] }, aliases: readonly string[]): number {
  const full = findColumn(headers.full, aliases);
  return full >= 0 ? full : findColumn(headers.leaf, aliases);
}

function columnIn(normalized: readonly string[], aliases: readonly string[], from: number, to: number): number {
  for (const alias of aliases) {
    for (let index = from; index < to; index += 1) if (normalized[index] === alias) return index;
  }
  return -1;
}

function cboeLayout(normalized: readonly string[], headers: { full: readonly string[]; leaf: readonly string[] }): ChainLayout | null {
  const calls = normalized.indexOf('calls');
  const puts = normalized.indexOf('puts');
  if (calls < 0 || puts <= calls) return null;
  const strike = columnIn(normalized, STRIKE, calls, puts);
  const legacy = strike < 0;
  const side = (from: number, to: number, label: string): SideColumns => ({
    iv: columnIn(normalized, IV, from, to),
    gamma: columnIn(normalized, GAMMA, from, to),
    openInterest: columnIn(normalized, OPEN_INTEREST, from, to),
    symbol: from - 1,
    label,
  });
  const callSide = side(calls + 1, legacy ? puts : strike, 'calls');
  const putSide = side(puts + 1, normalized.length, 'puts');
  if (callSide.openInterest < 0 && callSide.iv < 0) return null;
  return {
    kind: legacy ? 'cboe-legacy' : 'cboe',
    strike,
    right: -1,
    expiry: find(headers, EXPIRY),
    date: -1,
    spot: -1,
    root: -1,
    moneyness: -1,
    sides: [
      { right: 'C', columns: callSide },
      { right: 'P', columns: putSide },
    ],
    ivPercent: false,
  };
}

/** A wide row's column for `field` on one side: `c_iv`, `calliv`, `callopeninterest`, … */
function prefixed(normalized: readonly string[], prefixes: readonly string[], fields: readonly string[]): number {
  return findColumn(
    normalized,
    prefixes.flatMap((prefix) => fields.map((field) => `${prefix}${field}`)),
  );
}

function wideLayout(normalized: readonly string[], headers: { full: readonly string[]; leaf: readonly string[] }, strike: number): ChainLayout | null {
  const sharedGamma = findColumn(normalized, GAMMA);
  const side = (prefixes: readonly string[], label: string): SideColumns => ({
    iv: prefixed(normalized, prefixes, ['iv', 'midiv', 'impliedvolatility', 'smvvol']),
    gamma: prefixed(normalized, prefixes, ['gamma']) >= 0 ? prefixed(normalized, prefixes, ['gamma']) : sharedGamma,
    openInterest: prefixed(normalized, prefixes, ['openinterest', 'openint', 'oi']),
    symbol: prefixed(normalized, prefixes, ['symbol', 'optionsymbol']),
    label,
  });
  const calls = side(CALL_PREFIXES, 'calls');
  const puts = side(PUT_PREFIXES, 'puts');
  const usable = (columns: SideColumns): boolean => columns.openInterest >= 0 || columns.iv >= 0;
  if (!usable(calls) || !usable(puts)) return null;
  return {
    kind: 'wide',
    strike,
    right: -1,
    expiry: find(headers, EXPIRY),
    date: find(headers, DATE),
    spot: find(headers, SPOT),
    root: find(headers, ROOT),
    moneyness: -1,
    sides: [
      { right: 'C', columns: calls },
      { right: 'P', columns: puts },
    ],
    ivPercent: false,
  };
}

/** The layout a header line announces; null when it is not a chain header. */
export function detectChainLayout(header: CsvLine): ChainLayout | null {
  const headers = names(header.fields);
  const normalized = headers.full;
  const cboe = cboeLayout(normalized, headers);
  if (cboe) return cboe;
  const strike = find(headers, STRIKE);
  const symbol = find(headers, SYMBOL);
  if (strike >= 0) {
    const wide = wideLayout(normalized, headers, strike);
    if (wide) return wide;
  }
  // Bars with a symbol and an open-interest column (futures, perpetuals) are not a chain: no strike, OHLC.
  if (strike < 0 && normalized.includes('high') && normalized.includes('low')) return null;
  const right = find(headers, RIGHT);
  const openInterest = find(headers, OPEN_INTEREST);
  const iv = find(headers, IV);
  // Strike and right from their own columns, or both from an OCC symbol; then open interest or IV to be a chain.
  if ((strike < 0 || right < 0) && symbol < 0) return null;
  if (openInterest < 0 && iv < 0) return null;
  const ivHeader = iv >= 0 ? header.fields[iv] ?? '' : '';
  return {
    kind: 'long',
    strike,
    right,
    expiry: find(headers, EXPIRY),
    date: find(headers, DATE),
    spot: find(headers, SPOT),
    root: find(headers, ROOT),
    moneyness: find(headers, ['moneyness']),
    sides: [{ right: null, columns: { iv, gamma: find(headers, GAMMA), openInterest, symbol, label: '' } }],
    ivPercent: /%|pct|percent/i.test(ivHeader),
  };
}
