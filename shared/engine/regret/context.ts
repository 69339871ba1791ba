import type { Bar, DayContext } from '../../domain/market.ts';
import type { TradeRecord } from '../../domain/trade.ts';
import { barAt, barsBetween } from '../../market/barWindow.ts';
import { etClock, parseTimestamp, sessionDay } from '../../market/calendar.ts';
import { expectedMove } from '../../market/expectedMove.ts';
import { impliedVolatility, ivFailureReason } from '../../market/impliedVolatility.ts';
import { priorSessionBars, regularSessionBars } from '../../market/sessionLevels.ts';
import { MIN_TIME_TO_EXPIRY_MS, msToYears, timeToExpiryYears } from '../../market/timeToExpiry.ts';
import { vwapSeries } from '../../market/vwap.ts';
import type { RegretInput } from '../types.ts';
import { PRICE_TICK, percent, price } from './scoreMath.ts';
import { pricingTrade } from '../multiLegPosition.ts';

/** The "typical minute range" (mean high − low of 1-minute bars) is measured over the 30 minutes up to entry. */
export const TYPICAL_RANGE_WINDOW_MIN = 30;
/** Fewer bars than this before entry and the typical range is taken over the trade's own bars instead. */
export const TYPICAL_RANGE_MIN_BARS = 3;

/** The reason every time-dependent score gives when the broker export has dates without times. */
export const NO_TIME_OF_DAY_REASON = 'the export gives no time of day';

export type PricePoint = { readonly value: number; readonly source: 'record' | 'bars' };

export type VolatilityEstimate = {
  readonly value: number | null;
  readonly source: 'context' | 'premium' | 'none';
  /** "IV 18.0% from the day context", "IV 21.3% implied from the 1.25 premium", or why there is none. */
  readonly note: string;
};

/** What every regret scorer of one trade needs, computed once. */
export type RegretContext = {
  readonly trade: TradeRecord;
  readonly direction: RegretInput['direction'];
  /** +1 for a bullish trade, −1 for a bearish one: favourable price change = sign · (later − earlier). */
  readonly sign: 1 | -1;
  readonly meshAlignment: number | null;
  readonly entryMs: number | null;
  readonly exitMs: number | null;
  /** Why entry-side time-dependent scores are null (no time of day, unreadable time), else null. */
  readonly entryTimeReason: string | null;
  /** Why scores that need the whole hold are null (includes the entry reason), else null. */
  readonly holdReason: string | null;
  /** New York calendar day of the entry (the date itself for a date-only export). */
  readonly entryDate: string;
  readonly exitDate: string;
  readonly allBars: readonly Bar[] | null;
  /** Regular-hours bars of the entry session; null with barsReason when there are none. */
  readonly sessionBars: readonly Bar[] | null;
  /** Running session VWAP after each of sessionBars (same indices). */
  readonly sessionVwaps: readonly (number | null)[];
  readonly barsReason: string | null;
  /** Regular-hours bars of the last session before the entry day (empty when the series has none). */
  readonly priorSessionBars: readonly Bar[];
  readonly underlyingEntry: PricePoint | null;
  readonly underlyingExit: PricePoint | null;
  /** The day context when it covers the trade's symbol and entry day; else null with contextReason. */
  readonly dayContext: DayContext | null;
  readonly contextReason: string | null;
  readonly volatility: VolatilityEstimate;
  /** Mean 1-minute high − low before entry (floored at one cent): the tape's own unit of noise. */
  readonly typicalMinuteRange: number | null;
  readonly minutesToCloseAtEntry: number | null;
  /** S · σ · √(time from entry to the entry session's close), the unit of the pin distance. */
  readonly expectedMoveToClose: number | null;
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function readTime(text: string, field: string): { ms: number | null; reason: string | null } {
  if (DATE_ONLY.test(text)) return { ms: null, reason: `${NO_TIME_OF_DAY_REASON} (${field} is ${text})` };
  const ms = parseTimestamp(text);
  return Number.isFinite(ms) ? { ms, reason: null } : { ms: null, reason: `${field} "${text}" is not a readable time` };
}

function underlyingAt(recorded: number | undefined, bars: readonly Bar[] | null, ms: number | null): PricePoint | null {
  if (recorded !== undefined && recorded > 0) return { value: recorded, source: 'record' };
  if (bars === null || ms === null) return null;
  const bar = barAt(bars, ms);
  return bar === null ? null : { value: bar.close, source: 'bars' };
}

function resolveDayContext(input: RegretInput, entryDate: string): { context: DayContext | null; reason: string | null } {
  const context = input.market.context;
  if (context === null) return { context: null, reason: `no day context for ${input.trade.symbol} on ${entryDate}` };
  if (context.date !== entryDate) return { context: null, reason: `the day context is for ${context.date}, the trade entered on ${entryDate}` };
  if (context.symbol.toUpperCase() !== input.trade.symbol.toUpperCase()) {
    return { context: null, reason: `the day context is for ${context.symbol}, the trade is on ${input.trade.symbol}` };
  }
  return { context, reason: null };
}

function resolveVolatility(trade: TradeRecord, context: DayContext | null, contextReason: string | null, spot: PricePoint | null, entryMs: number | null): VolatilityEstimate {
  if (context?.atm_iv !== undefined) return { value: context.atm_iv, source: 'context', note: `IV ${percent(context.atm_iv)} from the day context` };
  const missing = context === null ? (contextReason ?? 'no day context') : 'the day context has no atm_iv';
  if (spot === null || entryMs === null) {
    return { value: null, source: 'none', note: `no IV: ${missing}, and no underlying price and time at entry to imply it` };
  }
  const ivInput = { premium: trade.entry_price, spot: spot.value, strike: trade.strike, years: timeToExpiryYears(entryMs, trade.expiry), right: trade.right };
  const implied = impliedVolatility(ivInput);
  if (implied === null) {
    const why = ivFailureReason(ivInput) ?? 'cannot be inverted';
    return { value: null, source: 'none', note: `no IV: ${missing}, and the ${price(trade.entry_price)} premium cannot be inverted (at S ${price(spot.value)}, strike ${price(trade.strike)} it ${why})` };
  }
  return { value: implied, source: 'premium', note: `IV ${percent(implied)} implied from the ${price(trade.entry_price)} premium (${missing})` };
}

function meanRange(bars: readonly Bar[]): number | null {
  if (bars.length === 0) return null;
  let total = 0;
  for (const bar of bars) total += bar.high - bar.low;
  return Math.max(total / bars.length, PRICE_TICK);
}

/** Builds the shared per-trade context: times, the trade's session bars (binary search), prices, IV, units. */
export function buildRegretContext(input: RegretInput): RegretContext {
  const { trade } = input;
  const entry = readTime(trade.entry_time, 'entry_time');
  const exit = readTime(trade.exit_time, 'exit_time');
  let holdReason = entry.reason ?? exit.reason;
  if (holdReason === null && entry.ms !== null && exit.ms !== null && exit.ms < entry.ms) {
    holdReason = `exit_time ${trade.exit_time} is before entry_time ${trade.entry_time}`;
  }
  const entryDate = entry.ms === null ? trade.entry_time.slice(0, 10) : etClock(entry.ms).date;
  const exitDate = exit.ms === null ? trade.exit_time.slice(0, 10) : etClock(exit.ms).date;

  const allBars = input.market.bars;
  const daySession = allBars === null ? [] : regularSessionBars(allBars, entryDate);
  const sessionBars = daySession.length > 0 ? daySession : null;
  const barsReason = sessionBars === null ? `no 1-minute bars for ${trade.symbol} on ${entryDate}` : null;
  const exitSession = allBars === null ? null : exitDate === entryDate ? sessionBars : regularSessionBars(allBars, exitDate);

  const underlyingEntry = underlyingAt(trade.underlying_entry, sessionBars, entry.ms);
  const underlyingExit = underlyingAt(trade.underlying_exit, exitSession, exit.ms);
  const { context: dayContext, reason: contextReason } = resolveDayContext(input, entryDate);
  // A multi-leg trade's IV comes from the premium of the leg that carries it, not from the net premium.
  const volatility = resolveVolatility(pricingTrade(trade), dayContext, contextReason, underlyingEntry, entry.ms);

  let typicalMinuteRange: number | null = null;
  if (sessionBars !== null && entry.ms !== null) {
    const before = barsBetween(sessionBars, entry.ms - TYPICAL_RANGE_WINDOW_MIN * 60_000, entry.ms);
    const fallback = barsBetween(sessionBars, entry.ms, exit.ms ?? entry.ms);
    typicalMinuteRange = before.length >= TYPICAL_RANGE_MIN_BARS ? meanRange(before) : meanRange(before.length > 0 ? [...before, ...fallback] : fallback.length > 0 ? fallback : sessionBars);
  }

  let minutesToCloseAtEntry: number | null = null;
  let expectedMoveToClose: number | null = null;
  if (entry.ms !== null) {
    const closeMs = sessionDay(entryDate).closeMs;
    minutesToCloseAtEntry = Math.max(0, (closeMs - entry.ms) / 60_000);
    if (underlyingEntry !== null && volatility.value !== null) {
      const years = msToYears(Math.max(closeMs - entry.ms, MIN_TIME_TO_EXPIRY_MS));
      expectedMoveToClose = expectedMove(underlyingEntry.value, volatility.value, years);
    }
  }

  return {
    trade,
    direction: input.direction,
    sign: input.direction === 'bullish' ? 1 : -1,
    meshAlignment: input.meshAlignment,
    entryMs: entry.ms,
    exitMs: exit.ms,
    entryTimeReason: entry.reason,
    holdReason,
    entryDate,
    exitDate,
    allBars,
    sessionBars,
    sessionVwaps: sessionBars === null ? [] : vwapSeries(sessionBars),
    barsReason,
    priorSessionBars: allBars === null || sessionBars === null ? [] : priorSessionBars(allBars, entryDate),
    underlyingEntry,
    underlyingExit,
    dayContext,
    contextReason,
    volatility,
    typicalMinuteRange,
    minutesToCloseAtEntry,
    expectedMoveToClose,
  };
}
