import type { CloseReason, TradeRecord } from '../../domain/trade.ts';
import { expiryCloseIso, isDateOnly, sortInstant } from './brokerTime.ts';
import { contractKey, fillWhere, type Fill, type FillKind, type FillSource } from './fill.ts';
import { occSymbol } from './optionSymbol.ts';

/**
 * Fills → round-trip trades. A trade is one position in one contract (account + underlying + expiry +
 * right + strike) from flat back to flat: scaling in and out stays one trade, two positions one after the
 * other are two trades however close in time, and a fill that crosses zero closes one trade and opens the
 * next (FIFO: the oldest open contracts are closed first, so the crossing fill's remainder starts the new
 * position). Entry and exit prices are quantity-weighted averages; fees are the sum of every fill's fees and
 * commissions, each fill counted once (a fill split between two trades, or partly unmatched, is shared
 * out in proportion to its contracts).
 */
export type UnmatchedFill = {
  readonly file: string;
  readonly line: number;
  /** `unmatched_close`: a close (or removal) with no open position; `open_at_end`: still open when the data ends. */
  readonly kind: 'unmatched_close' | 'open_at_end';
  /** Contracts left over. */
  readonly qty: number;
  readonly reason: string;
  readonly fill: Fill;
};

/** A fill of a position still open: the part of it in the position (all of it, or a zero-crossing fill's remainder) and the fill as read. */
export type OpenFill = { readonly fill: Fill; readonly original: Fill };

export type RoundTripResult = {
  readonly trades: TradeRecord[];
  /** Where each trade (by id) was opened: the file and line of its first fill. */
  readonly sources: Map<string, FillSource>;
  readonly unmatched: UnmatchedFill[];
  /** The fills of the positions still open at the end of the data (before their expiry), in time order. */
  readonly openFills: OpenFill[];
  readonly warnings: string[];
};

const EPSILON = 1e-9;

/** Opening fills first when two fills share a timestamp, then removals last: a close never precedes its open. */
function effectRank(fill: Fill): number {
  if (fill.kind !== 'trade') return 3;
  if (fill.effect === 'open') return 0;
  return fill.effect === 'close' ? 2 : 1;
}

type Ordered = { readonly fill: Fill; readonly instant: number; readonly seq: number };

/**
 * When a fill happened. A removal happens after the session it ends: an expiration at the expiry's close
 * (or later, when the broker stamps it so), a date-only assignment or exercise at that day's close.
 */
function instantOf(fill: Fill): number {
  const stamped = sortInstant(fill.time);
  if (fill.kind === 'trade') return stamped;
  const dayClose = isDateOnly(fill.time) ? sortInstant(expiryCloseIso(fill.time)) : stamped;
  if (fill.kind !== 'expiration') return dayClose;
  return Math.max(dayClose, sortInstant(expiryCloseIso(fill.expiry)));
}

/**
 * Time order, whatever order the file lists them in. Ties: for date-only fills (no time of day) the
 * file's own chronological order, which is all we know; for timestamped fills the opening effect before
 * the closing one, then the file's chronological order.
 */
export function chronological(fills: readonly Fill[]): Fill[] {
  const ordered: Ordered[] = fills.map((fill, seq) => ({ fill, instant: instantOf(fill), seq }));
  ordered.sort((a, b) => {
    if (a.instant !== b.instant) return a.instant - b.instant;
    if (!(isDateOnly(a.fill.time) && isDateOnly(b.fill.time) && a.fill.kind === 'trade' && b.fill.kind === 'trade')) {
      const byEffect = effectRank(a.fill) - effectRank(b.fill);
      if (byEffect !== 0) return byEffect;
    }
    return a.seq - b.seq;
  });
  return ordered.map((entry) => entry.fill);
}

type Leg = { readonly qty: number; readonly price: number; readonly time: string };

type OpenTrade = {
  readonly first: Fill;
  readonly side: 'long' | 'short';
  readonly entries: Leg[];
  readonly exits: Leg[];
  fees: number;
  position: number;
  closeReason: CloseReason;
  /** Every fill that went into the position, so a position still open can be carried to the next import whole. */
  readonly fills: OpenFill[];
  /** Closed at 0 at its expiry's close without an expiration row or bars to read the settlement from. */
  expiryInferred?: boolean;
};

const REASON_OF_KIND: Readonly<Record<Exclude<FillKind, 'trade'>, CloseReason>> = {
  expiration: 'expired',
  assignment: 'assigned',
  exercise: 'exercised',
};

function costOf(fill: Fill, qty: number): number {
  return ((fill.fees + fill.commissions) * qty) / fill.qty;
}

function weighted(legs: readonly Leg[]): { qty: number; price: number } {
  let qty = 0;
  let notional = 0;
  for (const leg of legs) {
    qty += leg.qty;
    notional += leg.qty * leg.price;
  }
  return { qty, price: qty > 0 ? round(notional / qty, 6) : 0 };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function describe(fill: Fill): string {
  return `${occSymbol(fill).replace(/\s+/g, ' ')}`;
}

function toRecord(trade: OpenTrade, sequence: number): TradeRecord {
  const entry = weighted(trade.entries);
  const exit = weighted(trade.exits);
  const first = trade.first;
  const entryTime = trade.entries[0]?.time ?? first.time;
  const exitTime = trade.exits[trade.exits.length - 1]?.time ?? entryTime;
  const occ = occSymbol(first).replace(/\s+/g, '');
  const record: TradeRecord = {
    id: `${first.broker}:${first.account || '-'}:${occ}:${entryTime}#${sequence}`,
    symbol: first.symbol,
    expiry: first.expiry,
    right: first.right,
    strike: first.strike,
    side: trade.side,
    qty: round(entry.qty, 9),
    entry_time: entryTime,
    exit_time: exitTime,
    entry_price: entry.price,
    exit_price: exit.price,
    fees: round(trade.fees, 6),
    regime_tags: [],
    agents: [],
    multiplier: first.multiplier,
    close_reason: trade.closeReason,
  };
  if (first.account) record.account = first.account;
  if (trade.expiryInferred) record.expiry_inferred = true;
  return record;
}

/** Round trips of one contract's fills, already in time order. */
function matchContract(
  fills: readonly Fill[],
  dataEnd: number,
  options: RoundTripOptions,
  trades: TradeRecord[],
  sources: Map<string, FillSource>,
  unmatched: UnmatchedFill[],
  warnings: string[],
  openFills: OpenFill[],
): void {
  let open: OpenTrade | null = null;
  const sequenceByEntry = new Map<string, number>();
  const finish = (trade: OpenTrade): void => {
    const entryTime = trade.entries[0]?.time ?? trade.first.time;
    const sequence = (sequenceByEntry.get(entryTime) ?? 0) + 1;
    sequenceByEntry.set(entryTime, sequence);
    const record = toRecord(trade, sequence);
    trades.push(record);
    sources.set(record.id, trade.first.source);
  };
  const leftOver = (fill: Fill, qty: number, reason: string): void => {
    unmatched.push({ file: fill.source.file, line: fill.source.line, kind: 'unmatched_close', qty, reason, fill });
  };
  const start = (fill: Fill, qty: number, direction: 1 | -1): OpenTrade => ({
    first: fill,
    side: direction > 0 ? 'long' : 'short',
    entries: [{ qty, price: fill.price, time: fill.time }],
    exits: [],
    fees: costOf(fill, qty),
    position: direction * qty,
    closeReason: 'closed',
    // A fill that crossed zero opens this position with only its remainder: that part is what is carried.
    fills: [{ fill: qty < fill.qty ? { ...fill, qty, fees: (fill.fees * qty) / fill.qty, commissions: (fill.commissions * qty) / fill.qty } : fill, original: fill }],
  });
  const reduce = (trade: OpenTrade, fill: Fill, qty: number, price: number, time: string, reason: CloseReason): void => {
    trade.exits.push({ qty, price, time });
    trade.fills.push({ fill, original: fill });
    trade.fees += costOf(fill, qty);
    trade.position += trade.position > 0 ? -qty : qty;
    trade.closeReason = reason;
    if (Math.abs(trade.position) < EPSILON) {
      finish(trade);
      open = null;
    }
  };

  for (const fill of fills) {
    const current: OpenTrade | null = open;
    if (fill.kind !== 'trade') {
      if (!current) {
        leftOver(fill, fill.qty, `${fill.kind} of ${describe(fill)} with no open position in the data`);
        continue;
      }
      const qty = Math.min(fill.qty, Math.abs(current.position));
      const time = fill.kind === 'expiration' ? expiryCloseIso(fill.expiry) : fill.time;
      reduce(current, fill, qty, 0, time, REASON_OF_KIND[fill.kind]);
      if (fill.qty - qty > EPSILON) leftOver(fill, fill.qty - qty, `${fill.kind} of more contracts than were open`);
      continue;
    }
    const direction: 1 | -1 = fill.side === 'buy' ? 1 : -1;
    if (!current) {
      if (fill.effect === 'close') {
        leftOver(fill, fill.qty, `closing ${fill.side} of ${describe(fill)} with no open position in the data`);
        continue;
      }
      open = start(fill, fill.qty, direction);
      continue;
    }
    const sameDirection = Math.sign(current.position) === direction;
    if (sameDirection) {
      if (fill.effect === 'close') {
        leftOver(fill, fill.qty, `closing ${fill.side} would add to the open ${current.side} position`);
        continue;
      }
      current.entries.push({ qty: fill.qty, price: fill.price, time: fill.time });
      current.fills.push({ fill, original: fill });
      current.fees += costOf(fill, fill.qty);
      current.position += direction * fill.qty;
      continue;
    }
    const closing = Math.min(fill.qty, Math.abs(current.position));
    reduce(current, fill, closing, fill.price, fill.time, 'closed');
    const remainder = fill.qty - closing;
    if (remainder > EPSILON) {
      if (fill.effect === 'close') leftOver(fill, remainder, `closes ${remainder} more contracts than were open`);
      else open = start(fill, remainder, direction);
    }
  }

  const still: OpenTrade | null = open;
  const expiryClose = still ? sortInstant(expiryCloseIso(still.first.expiry)) : Number.POSITIVE_INFINITY;
  if (still && Math.max(dataEnd, options.asOf ?? Number.NEGATIVE_INFINITY) >= expiryClose) {
    // Past its expiry as of the import: settled at the expiry close (rule "expiries" in docs/imports.md).
    const first = still.first;
    const underlying = options.underlyingAtClose?.(first.symbol, first.expiry) ?? null;
    const intrinsic = underlying === null ? 0 : round(Math.max(0, first.right === 'C' ? underlying - first.strike : first.strike - underlying), 6);
    const reason: CloseReason = intrinsic > 0 ? (still.side === 'long' ? 'exercised' : 'assigned') : 'expired';
    const qty = Math.abs(still.position);
    still.exits.push({ qty, price: intrinsic, time: expiryCloseIso(first.expiry) });
    still.position = 0;
    still.closeReason = reason;
    if (underlying === null) {
      still.expiryInferred = true;
      warnings.push(`${fillWhere(first)}: ${still.side} ${qty} ${describe(first)} was still open after its expiry's close with no expiration row and no ${first.symbol} bars at that close: closed at 0 as expired (expiry_inferred); import the day's bars to settle it at its intrinsic value`);
    }
    finish(still);
    return;
  }
  if (still) {
    unmatched.push({
      file: still.first.source.file,
      line: still.first.source.line,
      kind: 'open_at_end',
      qty: Math.abs(still.position),
      reason: `${still.side} ${Math.abs(still.position)} ${describe(still.first)} still open at the end of the data: kept as an open position, matched with its closing fills in a later import`,
      fill: still.first,
    });
    openFills.push(...still.fills);
  }
}

/** Every contract's round trips, trades ordered by entry time (then id) for a stable output. */
export type RoundTripOptions = {
  /** The import's own time (epoch ms): a position open past its expiry's close as of then is settled. The file's latest time counts too. */
  readonly asOf?: number;
  /** The underlying's price at an expiry's close, from the bars imported with the trades; null when they do not cover it. */
  readonly underlyingAtClose?: (symbol: string, expiry: string) => number | null;
};

export function buildRoundTrips(fills: readonly Fill[], options: RoundTripOptions = {}): RoundTripResult {
  const byContract = new Map<string, Fill[]>();
  let dataEnd = Number.NEGATIVE_INFINITY;
  for (const fill of chronological(fills)) {
    dataEnd = Math.max(dataEnd, instantOf(fill));
    const key = contractKey(fill);
    const list = byContract.get(key);
    if (list) list.push(fill);
    else byContract.set(key, [fill]);
  }
  const trades: TradeRecord[] = [];
  const sources = new Map<string, FillSource>();
  const unmatched: UnmatchedFill[] = [];
  const warnings: string[] = [];
  const openFills: OpenFill[] = [];
  for (const contractFills of byContract.values()) matchContract(contractFills, dataEnd, options, trades, sources, unmatched, warnings, openFills);
  trades.sort((a, b) => sortInstant(a.entry_time) - sortInstant(b.entry_time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  unmatched.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { trades, sources, unmatched, warnings, openFills };
}
