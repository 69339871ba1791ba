import type { CoverageRow } from '../domain/coverage.ts';
import type { TradeRecord } from '../domain/trade.ts';
import { entryDayOf, isDateOnly } from '../engine/outcome.ts';

export type MarketAvailability = {
  readonly bars: (symbol: string, day: string) => boolean;
  readonly context: (symbol: string, day: string) => boolean;
};

export type { CoverageRow } from '../domain/coverage.ts';

/**
 * Which staged trades the market data covers, per underlying and entry day (docs/imports.md, "Market-data
 * coverage"): trades with the underlying's 1-minute bars of that day, and with its option chain or day context.
 * Bars and chains of a symbol apply to that symbol's trades, whatever the symbol.
 */
export function marketCoverage(trades: readonly TradeRecord[], available: MarketAvailability): CoverageRow[] {
  const rows = new Map<string, { symbol: string; day: string; trades: number; with_bars: number; with_context: number; no_time: number }>();
  for (const trade of trades) {
    const day = entryDayOf(trade.entry_time);
    if (day === null) continue;
    const symbol = trade.symbol.trim().toUpperCase();
    const key = `${day} ${symbol}`;
    const row = rows.get(key) ?? { symbol, day, trades: 0, with_bars: 0, with_context: 0, no_time: 0 };
    row.trades += 1;
    if (isDateOnly(trade.entry_time)) row.no_time += 1;
    if (available.bars(symbol, day)) row.with_bars += 1;
    if (available.context(symbol, day)) row.with_context += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

/** How many underlyings the summary names before it sums up the rest. */
export const COVERAGE_SYMBOLS_NAMED = 8;

type Gap = { symbol: string; trades: number; noBars: string[]; noContext: string[] };

/**
 * The coverage in sentences: one total, then per underlying (most trades first, the first
 * COVERAGE_SYMBOLS_NAMED) the days it lacks bars or a chain/context for, and what to import. Empty without trades.
 */
export function coverageSummary(rows: readonly CoverageRow[]): string[] {
  const total = rows.reduce((sum, row) => sum + row.trades, 0);
  if (total === 0) return [];
  const bars = rows.reduce((sum, row) => sum + row.with_bars, 0);
  const context = rows.reduce((sum, row) => sum + row.with_context, 0);
  const noTime = rows.reduce((sum, row) => sum + row.no_time, 0);
  const lines = [
    `Market data covers ${bars} of ${total} trades with 1-minute bars and ${context} with an option chain or day context` +
      (noTime > 0 ? `; ${noTime} come from a dates-only export (no time of day: time-dependent scores stay null)` : ''),
  ];
  const gaps = new Map<string, Gap>();
  for (const row of rows) {
    const lacksBars = row.with_bars < row.trades - row.no_time;
    const lacksContext = row.with_context < row.trades;
    if (!lacksBars && !lacksContext) continue;
    const gap = gaps.get(row.symbol) ?? { symbol: row.symbol, trades: 0, noBars: [], noContext: [] };
    gap.trades += row.trades;
    if (lacksBars) gap.noBars.push(row.day);
    if (lacksContext) gap.noContext.push(row.day);
    gaps.set(row.symbol, gap);
  }
  const ordered = [...gaps.values()].sort((a, b) => b.trades - a.trades || (a.symbol < b.symbol ? -1 : 1));
  const days = (list: readonly string[]): string => (list.length === 1 ? list[0] ?? '' : `${list.length} days, ${list[0]} to ${list[list.length - 1]}`);
  for (const gap of ordered.slice(0, COVERAGE_SYMBOLS_NAMED)) {
    const needs = [
      gap.noBars.length > 0 ? `its 1-minute bars for ${days(gap.noBars)} (entry, exit, timing, trap and decay regrets)` : null,
      gap.noContext.length > 0 ? `an option chain or day context for ${days(gap.noContext)} (max pain, pin regret)` : null,
    ].filter((need): need is string => need !== null);
    lines.push(`${gap.symbol} (${gap.trades} trade${gap.trades === 1 ? '' : 's'}): import ${needs.join(' and ')}`);
  }
  if (ordered.length > COVERAGE_SYMBOLS_NAMED) lines.push(`…and ${ordered.length - COVERAGE_SYMBOLS_NAMED} more underlyings without full market data`);
  return lines;
}
