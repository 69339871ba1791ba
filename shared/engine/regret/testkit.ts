/**
 * Test support for the regret scorers (imported by *.test.ts only): New York times, bar paths, trades built
 * through the zod schema so defaults apply exactly as in production, and a reader for yfinance CSV dumps.
 */
import Papa from 'papaparse';
import { DateTime } from 'luxon';
import { dayContextSchema, type Bar, type DayContext } from '../../domain/market.ts';
import { tradeDirection, tradeRecordSchema, type TradeRecord, type TradeRecordInput } from '../../domain/trade.ts';
import { etMinuteToMs, MARKET_ZONE, parseTimestamp } from '../../market/calendar.ts';
import type { RegretInput } from '../types.ts';

/** Epoch ms of "HH:MM" (or "HH:MM:SS") New York time on a day. */
export function etMs(date: string, clock: string): number {
  const [hours = 0, mins = 0, secs = 0] = clock.split(':').map(Number);
  return etMinuteToMs(date, hours * 60 + mins + secs / 60);
}

/** ISO 8601 with the New York offset, as a broker export would write it. */
export function isoEt(ms: number): string {
  return DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toISO({ suppressMilliseconds: true }) ?? '';
}

/**
 * One bar a minute from `startClock`, closes linearly interpolated between waypoints [minute offset, price];
 * each bar opens at the previous close and has a `wick` beyond its body.
 */
export function pathBars(date: string, startClock: string, waypoints: readonly (readonly [number, number])[], wick = 0.02, volume = 1000): Bar[] {
  const start = etMs(date, startClock);
  const last = waypoints[waypoints.length - 1];
  const first = waypoints[0];
  if (last === undefined || first === undefined) return [];
  const bars: Bar[] = [];
  let previous = first[1];
  for (let minute = 0; minute <= last[0]; minute += 1) {
    const segment = waypoints.findIndex((point) => point[0] >= minute);
    const to = waypoints[Math.max(segment, 0)] ?? last;
    const from = waypoints[Math.max(segment - 1, 0)] ?? first;
    const span = to[0] - from[0];
    const close = span > 0 ? from[1] + ((to[1] - from[1]) * (minute - from[0])) / span : to[1];
    const open = minute === 0 ? close : previous;
    bars.push({ time: start + minute * 60_000, open, high: Math.max(open, close) + wick, low: Math.min(open, close) - wick, close, volume, extended: false });
    previous = close;
  }
  return bars;
}

/** A flat full session (09:30–15:59) at one price, handy as a quiet background. */
export function flatSession(date: string, level: number): Bar[] {
  return pathBars(date, '09:30', [[0, level], [389, level]], 0.02);
}

export const BASE_TRADE: TradeRecordInput = {
  id: 't1',
  symbol: 'SPY',
  expiry: '2025-07-08',
  right: 'C',
  strike: 620,
  side: 'long',
  qty: 1,
  entry_time: '2025-07-08T10:00:00-04:00',
  exit_time: '2025-07-08T10:30:00-04:00',
  entry_price: 1.5,
  exit_price: 1.8,
};

export function makeTrade(overrides: Partial<TradeRecordInput> = {}): TradeRecord {
  return tradeRecordSchema.parse({ ...BASE_TRADE, ...overrides });
}

export function makeContext(overrides: Record<string, unknown> = {}): DayContext {
  return dayContextSchema.parse({ date: '2025-07-08', symbol: 'SPY', ...overrides });
}

export function makeInput(trade: TradeRecord, bars: readonly Bar[] | null, context: DayContext | null = null, meshAlignment: number | null = null): RegretInput {
  return { trade, direction: tradeDirection(trade), market: { bars, context }, meshAlignment };
}

/**
 * Bars from a yfinance/pandas CSV dump (`Datetime,Open,High,Low,Close,Volume,…` with offsets). Every row is
 * kept and `extended` is left false on purpose, as a naive importer would: the engine must find regular
 * hours from the bar time itself.
 */
export function parseYahooBars(text: string): Bar[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const bars: Bar[] = [];
  for (const row of parsed.data) {
    const time = parseTimestamp(row.Datetime ?? '');
    const [open, high, low, close, volume] = [row.Open, row.High, row.Low, row.Close, row.Volume].map(Number);
    if (!Number.isFinite(time) || ![open, high, low, close, volume].every((value) => Number.isFinite(value))) continue;
    bars.push({ time, open: open ?? 0, high: high ?? 0, low: low ?? 0, close: close ?? 0, volume: volume ?? 0, extended: false });
  }
  return bars.sort((a, b) => a.time - b.time);
}
