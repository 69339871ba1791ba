import { combineLegs, groupingProblem, legOfTrade } from '../../domain/multiLeg.ts';
import type { TradeRecord } from '../../domain/trade.ts';
import { isDateOnly, sortInstant } from './brokerTime.ts';
import type { Fill, FillSource } from './fill.ts';

/**
 * Round trips opened together → one multi-leg trade (docs/imports.md, "Multi-leg trades"). Two round trips are
 * legs of one trade when their opening fills
 * 1. carry the same broker order id (thinkorswim's spread ref #, IBKR's combo IBOrderID, tastytrade's Order #)
 *    in one account, or, when the opening fill has no order id,
 * 2. are in one account, underlying and expiry and were filled at the same instant (thinkorswim's Filled
 *    Orders and other files without an order id list a spread's legs at the order's one time).
 * A date-only fill (an export without times of day) is never grouped by time: every trade of a day would look
 * simultaneous. A group whose legs cannot be one position (two round trips of one contract, different
 * multipliers) stays as separate trades, with a warning. A grouped trade ends when its last leg is flat.
 */
export type GroupedLegs = {
  readonly trades: TradeRecord[];
  readonly sources: Map<string, FillSource>;
  readonly warnings: string[];
};

function sourceKey(source: FillSource): string {
  return `${source.file}\u0000${source.line}`;
}

/** The key two legs of one trade share, or null when the round trip is grouped with nothing. */
function groupKey(trade: TradeRecord, opening: Fill | undefined): string | null {
  if (!opening) return null;
  const account = `${opening.broker}|${opening.account}`;
  if (opening.order_id) return `${account}|order|${opening.order_id}`;
  if (isDateOnly(opening.time)) return null;
  return `${account}|time|${trade.symbol.toUpperCase()}|${trade.expiry}|${sortInstant(opening.time)}`;
}

export function groupLegs(trades: readonly TradeRecord[], sources: ReadonlyMap<string, FillSource>, fills: readonly Fill[]): GroupedLegs {
  const fillAt = new Map<string, Fill>();
  for (const fill of fills) if (!fillAt.has(sourceKey(fill.source))) fillAt.set(sourceKey(fill.source), fill);
  const groups = new Map<string, TradeRecord[]>();
  const alone: TradeRecord[] = [];
  for (const trade of trades) {
    const source = sources.get(trade.id);
    const key = groupKey(trade, source ? fillAt.get(sourceKey(source)) : undefined);
    if (key === null) {
      alone.push(trade);
      continue;
    }
    const members = groups.get(key);
    if (members) members.push(trade);
    else groups.set(key, [trade]);
  }
  const out = [...alone];
  const outSources = new Map(sources);
  const warnings: string[] = [];
  for (const members of groups.values()) {
    const first = members[0] as TradeRecord;
    if (members.length === 1) {
      out.push(first);
      continue;
    }
    const problem = groupingProblem(members);
    const where = sources.get(first.id);
    if (problem !== null) {
      warnings.push(`${where ? `${where.file}:${where.line}: ` : ''}${members.length} round trips opened by one order kept as separate trades: ${problem}`);
      out.push(...members);
      continue;
    }
    const grouped = combineLegs(members.map(legOfTrade), first.account ? { account: first.account } : {});
    if (members.some((member) => member.expiry_inferred)) grouped.expiry_inferred = true;
    out.push(grouped);
    if (where) outSources.set(grouped.id, where);
  }
  out.sort((a, b) => sortInstant(a.entry_time) - sortInstant(b.entry_time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { trades: out, sources: outSources, warnings };
}
