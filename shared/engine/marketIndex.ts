import type { Bar, BarSeries, DayContext } from '../domain/market.ts';
import { etClock, etMinuteToMs, parseTimestamp } from '../market/calendar.ts';
import { lowerBound } from '../market/barWindow.ts';
import { sortInstantOf } from './outcome.ts';

/**
 * Market data indexed for many trades at once: one sorted, de-duplicated series per symbol and one
 * context per symbol and New York day. Building it is O(bars log bars); each lookup is a map hit plus a
 * binary search, so assessing 60,000 trades never scans 500,000 bars per trade.
 */
export type MarketIndex = {
  /** The symbol's whole series when it has bars on that New York day, else null. */
  readonly barsFor: (symbol: string, date: string) => readonly Bar[] | null;
  readonly contextFor: (symbol: string, date: string) => DayContext | null;
  readonly symbols: readonly string[];
};

/** Several series of the same symbol (two files, two imports) as one sorted series; a later bar wins its minute. */
export function mergeBarSeries(series: readonly BarSeries[]): Map<string, Bar[]> {
  const bySymbol = new Map<string, Map<number, Bar>>();
  for (const one of series) {
    const symbol = normalizeSymbol(one.symbol);
    let minutes = bySymbol.get(symbol);
    if (!minutes) {
      minutes = new Map();
      bySymbol.set(symbol, minutes);
    }
    for (const bar of one.bars) minutes.set(bar.time, bar);
  }
  const merged = new Map<string, Bar[]>();
  for (const [symbol, minutes] of bySymbol) merged.set(symbol, [...minutes.values()].sort((a, b) => a.time - b.time));
  return merged;
}

export function buildMarketIndex(input: { readonly bars: readonly BarSeries[]; readonly contexts: readonly DayContext[] }): MarketIndex {
  const series = mergeBarSeries(input.bars);
  const contexts = new Map<string, DayContext>();
  for (const context of input.contexts) contexts.set(contextKey(context.symbol ?? 'SPY', context.date), context);
  return {
    barsFor: (symbol, date) => {
      const bars = series.get(normalizeSymbol(symbol));
      if (!bars || bars.length === 0) return null;
      const dayStart = etMinuteToMs(date, 0);
      const nextDay = etMinuteToMs(date, 23 * 60 + 59) + 60_000;
      const first = lowerBound(bars, dayStart);
      const bar = bars[first];
      return bar !== undefined && bar.time < nextDay ? bars : null;
    },
    contextFor: (symbol, date) => contexts.get(contextKey(symbol, date)) ?? null,
    symbols: [...series.keys()].sort(),
  };
}

const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}[T ]\d{2})(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})$/;
const dayByHour = new Map<string, string | null>();
const DAY_CACHE_LIMIT = 100_000;

/**
 * The New York calendar day of a trade time (a bare date is its own day); null when unreadable. Time-zone
 * conversion is slow (tens of microseconds), and New York's offset changes only on whole hours, so the day
 * is remembered per written hour and offset: years of journal need a few thousand conversions, not one a line.
 */
export function tradeDay(time: string): string | null {
  const trimmed = time.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const match = ISO_WITH_OFFSET.exec(trimmed);
  const key = match ? `${match[1]}${match[2]}` : null;
  if (key !== null) {
    const known = dayByHour.get(key);
    if (known !== undefined) return known;
  }
  const ms = parseTimestamp(trimmed);
  const day = Number.isFinite(ms) ? etClock(ms).date : null;
  if (key !== null) {
    if (dayByHour.size >= DAY_CACHE_LIMIT) dayByHour.clear();
    dayByHour.set(key, day);
  }
  return day;
}

/**
 * A sortable instant of a trade time, as sortInstantOf gives it, without a time-zone library call for the
 * usual ISO-with-offset text (the platform's own ISO parser reads those exactly).
 */
export function instantKey(time: string): number {
  const trimmed = time.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) {
    const ms = Date.parse(trimmed);
    if (Number.isFinite(ms)) return ms;
  }
  return sortInstantOf(trimmed);
}

export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}

function contextKey(symbol: string, date: string): string {
  return `${normalizeSymbol(symbol)}|${date}`;
}
