import { classifyStrategy } from './strategy.ts';
import { realizedPnl, roundCents, type AgentSignal, type TradeLeg, type TradeRecord } from './trade.ts';

/**
 * A multi-leg trade's id: its legs' own ids in leg order, joined. The same legs always make the same trade,
 * whether import grouped them by order or the trader grouped them in Review, and a split gives back the ids.
 */
export const LEG_ID_SEPARATOR = ' + ';

const EPSILON = 1e-9;

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A leg time's instant; a bare date (an export without times of day) counts as the end of its day. */
function instant(time: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(time) ? `${time}T23:59:59Z` : time);
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

/** Leg order: expiry, then right (calls first), then strike, then id; the trade's id follows it. */
export function compareLegs(a: TradeLeg, b: TradeLeg): number {
  if (a.expiry !== b.expiry) return a.expiry < b.expiry ? -1 : 1;
  if (a.right !== b.right) return a.right < b.right ? -1 : 1;
  if (a.strike !== b.strike) return a.strike - b.strike;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A single-leg trade as a leg (its pnl computed as the trade's). */
export function legOfTrade(trade: TradeRecord): TradeLeg {
  return {
    id: trade.id,
    symbol: trade.symbol,
    expiry: trade.expiry,
    right: trade.right,
    strike: trade.strike,
    side: trade.side,
    qty: trade.qty,
    entry_time: trade.entry_time,
    exit_time: trade.exit_time,
    entry_price: trade.entry_price,
    exit_price: trade.exit_price,
    fees: trade.fees,
    pnl: realizedPnl(trade),
    multiplier: trade.multiplier,
    close_reason: trade.close_reason,
  };
}

/** A trade's legs: its own for a multi-leg trade, the trade as one leg otherwise. */
export function legsOfTrade(trade: TradeRecord): TradeLeg[] {
  return trade.legs ? [...trade.legs] : [legOfTrade(trade)];
}

/** A leg as the single-leg record import makes of it (same fields, same order), with the parent's account, tags and agents. */
export function tradeOfLeg(leg: TradeLeg, parent: Pick<TradeRecord, 'account' | 'regime_tags' | 'agents'>): TradeRecord {
  const record: TradeRecord = {
    id: leg.id,
    symbol: leg.symbol,
    expiry: leg.expiry,
    right: leg.right,
    strike: leg.strike,
    side: leg.side,
    qty: leg.qty,
    entry_time: leg.entry_time,
    exit_time: leg.exit_time,
    entry_price: leg.entry_price,
    exit_price: leg.exit_price,
    fees: leg.fees,
    regime_tags: [...parent.regime_tags],
    agents: [...parent.agents],
    multiplier: leg.multiplier,
    close_reason: leg.close_reason,
  };
  if (parent.account) record.account = parent.account;
  return record;
}

/** Greatest common divisor of whole quantities; the smallest quantity when one is fractional. */
function spreadsOf(quantities: readonly number[]): number {
  const whole = quantities.every((qty) => Number.isInteger(qty));
  if (!whole) return Math.min(...quantities);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return quantities.reduce((acc, qty) => gcd(acc, qty));
}

/**
 * The leg that carries the position: among the legs on the trade's side (bought legs of a debit, sold legs of a
 * credit), the one whose premium (price · qty at entry) is largest; ties go to the first in leg order. Its right,
 * strike and expiry are the trade's top-level ones (the short strike of a credit spread, the long strike of a
 * debit spread, the far month of a long calendar).
 */
export function referenceLeg(legs: readonly TradeLeg[], side: TradeRecord['side']): TradeLeg {
  const onSide = legs.filter((leg) => leg.side === side);
  const pool = onSide.length > 0 ? onSide : legs;
  let best = pool[0] as TradeLeg;
  for (const leg of pool) if (leg.entry_price * leg.qty > best.entry_price * best.qty + EPSILON) best = leg;
  return best;
}

export type CombineMeta = {
  readonly account?: string;
  readonly regime_tags?: readonly string[];
  readonly agents?: readonly AgentSignal[];
};

/**
 * Legs opened together → one trade. qty is the number of spreads (the legs' greatest common quantity, 1 for a
 * 1:2:1 butterfly of one lot); the entry and exit prices are the net premium per spread, Σ (bought ? +1 : −1) ·
 * (leg qty / spreads) · leg price: positive is a debit (side long), negative a credit (side short, the price
 * its absolute value). The exit price is the net premium to close on the same side, floored at 0 (a debit
 * spread closed for a net credit keeps its pnl, which is always the legs' sum). Fees add up; the entry is the
 * first leg's entry, the exit the last leg's exit, the close reason that of the leg that closed last.
 */
export function combineLegs(input: readonly TradeLeg[], meta: CombineMeta = {}): TradeRecord {
  if (input.length < 2) throw new Error('a multi-leg trade needs at least two legs');
  const legs = [...input].sort(compareLegs);
  const spreads = spreadsOf(legs.map((leg) => leg.qty));
  const net = (price: (leg: TradeLeg) => number): number => legs.reduce((total, leg) => total + (leg.side === 'long' ? 1 : -1) * (leg.qty / spreads) * price(leg), 0);
  const entryNet = round(net((leg) => leg.entry_price), 6);
  const exitNet = round(net((leg) => leg.exit_price), 6);
  const side: TradeRecord['side'] = entryNet >= 0 ? 'long' : 'short';
  const sign = side === 'long' ? 1 : -1;
  const reference = referenceLeg(legs, side);
  const first = legs.reduce((earliest, leg) => (instant(leg.entry_time) < instant(earliest.entry_time) ? leg : earliest));
  const last = legs.reduce((latest, leg) => (instant(leg.exit_time) >= instant(latest.exit_time) ? leg : latest));
  const record: TradeRecord = {
    id: legs.map((leg) => leg.id).join(LEG_ID_SEPARATOR),
    symbol: reference.symbol,
    expiry: reference.expiry,
    right: reference.right,
    strike: reference.strike,
    side,
    qty: spreads,
    entry_time: first.entry_time,
    exit_time: last.exit_time,
    entry_price: Math.abs(entryNet),
    exit_price: Math.max(0, round(sign * exitNet, 6)),
    fees: round(legs.reduce((total, leg) => total + leg.fees, 0), 6),
    pnl: roundCents(legs.reduce((total, leg) => total + leg.pnl, 0)),
    regime_tags: [...(meta.regime_tags ?? [])],
    agents: [...(meta.agents ?? [])],
    multiplier: reference.multiplier,
    close_reason: last.close_reason,
  };
  if (meta.account) record.account = meta.account;
  record.strategy = classifyStrategy(legs);
  record.legs = legs;
  return record;
}

/** Why these trades cannot be one position, or null when they can: one underlying, one multiplier, one account, no contract twice. */
export function groupingProblem(trades: readonly TradeRecord[]): string | null {
  const legs = trades.flatMap(legsOfTrade);
  if (legs.length < 2) return 'a group needs at least two legs';
  const first = trades[0] as TradeRecord;
  if (trades.some((trade) => trade.symbol.toUpperCase() !== first.symbol.toUpperCase())) return 'the legs are on different underlyings';
  if (legs.some((leg) => leg.multiplier !== legs[0]?.multiplier)) return 'the legs have different multipliers';
  if (trades.some((trade) => (trade.account ?? '') !== (first.account ?? ''))) return 'the legs are in different accounts';
  const contracts = new Set(legs.map((leg) => `${leg.expiry}|${leg.right}|${leg.strike}`));
  if (contracts.size !== legs.length) return 'two legs are in the same contract (one position in one contract is one leg)';
  return null;
}

/** The trader's group: the trades' legs as one trade, which records the ids it was made from. */
export function groupTrades(trades: readonly TradeRecord[]): TradeRecord {
  const first = trades[0] as TradeRecord;
  const agents = new Map<string, AgentSignal>();
  for (const trade of trades) for (const agent of trade.agents) agents.set(JSON.stringify(agent), agent);
  const tags = [...new Set(trades.flatMap((trade) => trade.regime_tags))];
  const combined = combineLegs(
    trades.flatMap(legsOfTrade),
    { ...(first.account ? { account: first.account } : {}), regime_tags: tags, agents: [...agents.values()] },
  );
  return { ...combined, grouped_from: trades.map((trade) => trade.id) };
}

/** The trader's split: each leg a trade of its own (the trade import makes of it), marked with the trade it came from. */
export function splitTrade(trade: TradeRecord): TradeRecord[] {
  if (!trade.legs) return [trade];
  return trade.legs.map((leg) => ({ ...tradeOfLeg(leg, trade), split_from: trade.id }));
}

/** The trader's Review choices on how trades are grouped, kept with the staged batch so a re-import keeps them. */
export type LegChoices = {
  /** Ids of multi-leg trades the trader split into their legs. */
  readonly split: readonly string[];
  /** Groups of trade ids the trader made one trade. */
  readonly grouped: readonly (readonly string[])[];
};

export const NO_LEG_CHOICES: LegChoices = { split: [], grouped: [] };

/** The leg ids a trade id stands for: itself, or the ids of a multi-leg trade's legs. */
export function legIdsOf(id: string): string[] {
  return id.split(LEG_ID_SEPARATOR);
}

/**
 * Imported trades with the trader's choices applied: a trade the trader split comes in as its legs, and
 * trades the trader grouped (every member present) come in as the group. Anything else is left as imported.
 */
export function applyLegChoices(trades: readonly TradeRecord[], choices: LegChoices): TradeRecord[] {
  const split = new Set(choices.split);
  const out = trades.flatMap((trade) => (trade.legs && split.has(trade.id) ? splitTrade(trade) : [trade]));
  let result = out;
  for (const group of choices.grouped) {
    const members = group.map((id) => result.find((trade) => trade.id === id));
    if (members.some((member) => member === undefined)) continue;
    const present = members as TradeRecord[];
    if (groupingProblem(present) !== null) continue;
    const ids = new Set(group);
    result = [...result.filter((trade) => !ids.has(trade.id)), groupTrades(present)];
  }
  return result;
}
