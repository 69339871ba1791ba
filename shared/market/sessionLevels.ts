import type { Bar } from '../domain/market.ts';
import { barsBetween, lowerBound } from './barWindow.ts';
import { etClock, etMinuteToMs, sessionDay } from './calendar.ts';
import { vwapAt } from './vwap.ts';

/** The opening range: high and low of the first 15 minutes of regular trading (09:30–09:44 bars). */
export const OPENING_RANGE_MIN = 15;

/** Most days a multi-day trade can span before the engine stops walking its sessions (a quarter). */
export const MAX_SESSION_DAYS = 120;

/** The prior session is the last day with regular-hours bars at most 7 calendar days before (long weekends, holidays). */
export const PRIOR_SESSION_LOOKBACK_DAYS = 7;

/**
 * The bars of one New York day's regular session, [open, close) with early closes, found by binary search
 * on the session's bounds. This is exactly the set of bars for which calendar.isRegularHours(bar.time) is
 * true on that day, computed with two time conversions instead of one per bar. The `extended` flag is not
 * trusted: files mislabel it, and pre/post-market rows are often bad prints.
 */
export function regularSessionBars(bars: readonly Bar[], date: string): readonly Bar[] {
  const session = sessionDay(date);
  if (!session.isTradingDay) return [];
  return bars.slice(lowerBound(bars, session.openMs), lowerBound(bars, session.closeMs));
}

function nextDate(date: string): string {
  return shiftDate(date, 1);
}

/** Regular-hours bars whose minute starts in [fromMs, toMs], across as many sessions as the span covers. */
export function regularBarsBetween(bars: readonly Bar[], fromMs: number, toMs: number): readonly Bar[] {
  if (!(toMs >= fromMs)) return [];
  const lastDate = etClock(toMs).date;
  let date = etClock(fromMs).date;
  const result: Bar[] = [];
  for (let day = 0; day < MAX_SESSION_DAYS && date <= lastDate; day += 1) {
    const session = sessionDay(date);
    if (session.isTradingDay) {
      const from = Math.max(fromMs, session.openMs);
      const to = Math.min(toMs, session.closeMs - 1);
      for (const bar of barsBetween(bars, from, to)) result.push(bar);
    }
    date = nextDate(date);
  }
  return result;
}

function shiftDate(date: string, days: number): string {
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days);
  return new Date(utc).toISOString().slice(0, 10);
}

/**
 * The regular-hours bars of the last session before `date` that has any, within PRIOR_SESSION_LOOKBACK_DAYS.
 * Found by binary search for the last bar before the day, then that bar's day (a day of only pre/post rows
 * is stepped over), so a holiday week costs a few searches, not a walk over the bars.
 */
export function priorSessionBars(bars: readonly Bar[], date: string): readonly Bar[] {
  const earliest = shiftDate(date, -PRIOR_SESSION_LOOKBACK_DAYS);
  let boundary = etMinuteToMs(date, 0);
  for (let step = 0; step <= PRIOR_SESSION_LOOKBACK_DAYS; step += 1) {
    const last = bars[lowerBound(bars, boundary) - 1];
    if (last === undefined) return [];
    const day = etClock(last.time).date;
    if (day < earliest) return [];
    const session = regularSessionBars(bars, day);
    if (session.length > 0) return session;
    boundary = etMinuteToMs(day, 0);
  }
  return [];
}

export type SessionLevels = {
  readonly high: number;
  readonly low: number;
  /** Session VWAP up to the asked time (the whole session when no time is given); null without volume. */
  readonly vwap: number | null;
  /** Null until the opening range is complete at the asked time. */
  readonly openingRange: { readonly high: number; readonly low: number } | null;
  readonly barCount: number;
};

/**
 * Session high, low, VWAP and opening range from a day's regular-hours bars (regularSessionBars), using
 * only the bars that started at or before `uptoMs` when given. Null when no bar qualifies.
 */
export function sessionLevels(sessionBars: readonly Bar[], uptoMs?: number): SessionLevels | null {
  const bars = uptoMs === undefined ? sessionBars : barsBetween(sessionBars, Number.NEGATIVE_INFINITY, uptoMs);
  const first = bars[0];
  if (first === undefined) return null;
  let high = Number.NEGATIVE_INFINITY;
  let low = Number.POSITIVE_INFINITY;
  for (const bar of bars) {
    if (bar.high > high) high = bar.high;
    if (bar.low < low) low = bar.low;
  }
  const session = sessionDay(etClock(first.time).date);
  const rangeEndMs = session.openMs + OPENING_RANGE_MIN * 60_000;
  const last = bars[bars.length - 1];
  let openingRange: SessionLevels['openingRange'] = null;
  if (last !== undefined && last.time >= rangeEndMs - 60_000) {
    const rangeBars = barsBetween(bars, session.openMs, rangeEndMs - 1);
    if (rangeBars.length > 0) {
      openingRange = {
        high: Math.max(...rangeBars.map((bar) => bar.high)),
        low: Math.min(...rangeBars.map((bar) => bar.low)),
      };
    }
  }
  return {
    high,
    low,
    vwap: vwapAt(bars, last?.time ?? first.time),
    openingRange,
    barCount: bars.length,
  };
}
