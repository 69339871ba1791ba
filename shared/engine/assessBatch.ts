import type { JournalEntry } from '../domain/journal.ts';
import type { BarSeries, DayContext } from '../domain/market.ts';
import type { TradeRecord } from '../domain/trade.ts';
import { assessTrade } from './assessTrade.ts';
import { buildMarketIndex, instantKey, tradeDay } from './marketIndex.ts';
import { occSymbol } from './regret/premiumPath.ts';

export type BatchInput = {
  readonly trades: readonly TradeRecord[];
  readonly bars: readonly BarSeries[];
  readonly contexts: readonly DayContext[];
};

export type BatchOptions = {
  /** Called after each trade, for a progress line or bar. */
  readonly onProgress?: (done: number, total: number) => void;
};

/**
 * Assesses every trade against the bars of its own underlying and the context of its underlying's New York
 * day (null when absent: the scores that need them are then null with the reason). The result is in exit
 * order (then id), the order reinforcement applies in, whatever order the trades came in.
 */
export function assessBatch(input: BatchInput, options: BatchOptions = {}): JournalEntry[] {
  const market = buildMarketIndex(input);
  const ordered = sortTradesByExit(input.trades);
  const entries: JournalEntry[] = [];
  for (const trade of ordered) {
    const day = tradeDay(trade.entry_time);
    const bars = day === null ? null : market.barsFor(trade.symbol, day);
    const context = day === null ? null : market.contextFor(trade.symbol, day);
    const optionBars = day === null ? null : market.barsFor(occSymbol(trade), day);
    entries.push(assessTrade(trade, { bars, context, optionBars }));
    options.onProgress?.(entries.length, ordered.length);
  }
  return entries;
}

export function sortTradesByExit(trades: readonly TradeRecord[]): TradeRecord[] {
  return trades
    .map((trade) => ({ trade, at: instantKey(trade.exit_time) }))
    .sort((a, b) => a.at - b.at || compareIds(a.trade.id, b.trade.id))
    .map((item) => item.trade);
}

/** Exit order then id: the journal's one order (sync_log.jsonl, reinforcement, every derived file). */
export function compareEntries(a: Pick<JournalEntry, 'exit_time' | 'id'>, b: Pick<JournalEntry, 'exit_time' | 'id'>): number {
  return instantKey(a.exit_time) - instantKey(b.exit_time) || compareIds(a.id, b.id);
}

/** Entries in journal order, each time parsed once (a sort compares n log n times). */
export function sortEntries<T extends Pick<JournalEntry, 'exit_time' | 'id'>>(entries: readonly T[]): T[] {
  return entries
    .map((entry) => ({ entry, at: instantKey(entry.exit_time) }))
    .sort((a, b) => a.at - b.at || compareIds(a.entry.id, b.entry.id))
    .map((item) => item.entry);
}

/** Code-unit order, never the machine's locale, so every computer sorts the same way. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
