import { etClock, etMinuteToMs, parseTimestamp, REGULAR_CLOSE_MINUTE } from '../market/calendar.ts';
import type { DayContext } from '../domain/market.ts';
import { realizedPnl, tradeDirection } from '../domain/trade.ts';
import type { AgentSignal, TradeDirection, TradeRecord } from '../domain/trade.ts';

/**
 * Seed step 1, outcome assessment: what happened, before any judgement. PnL comes from
 * `realizedPnl` (the record's own `pnl` when stated, else (exit − entry) · qty · multiplier · side − fees).
 * Duration is exit − entry in minutes, null when either time is a bare date (no time of day to subtract)
 * or when the exit is stamped before the entry (a broken record is reported, never a negative hold).
 */
export type OutcomeAssessment = {
  readonly pnl: number;
  readonly direction: TradeDirection;
  /** The seed's `timestamp`: the time of the exit, exactly as the record gives it. */
  readonly timestamp: string;
  readonly entryTime: string;
  readonly exitTime: string;
  /** Epoch ms of entry/exit; null for a bare date. */
  readonly entryMs: number | null;
  readonly exitMs: number | null;
  readonly durationMinutes: number | null;
  /** Why the duration is null; null when it is known. */
  readonly durationReason: string | null;
  readonly entryScore: number | null;
  readonly exitScore: number | null;
  /**
   * The trade's tags, then the day context's tags it did not already carry (first occurrence order). The
   * context counts only when it is for the trade's symbol and New York entry day, as in the regret scorer.
   */
  readonly regimeTags: readonly string[];
  readonly agents: readonly AgentSignal[];
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function isDateOnly(time: string): boolean {
  return DATE_ONLY.test(time.trim());
}

/** Epoch ms of a timestamp with offset; null for a bare date or an unreadable string. */
export function instantOf(time: string): number | null {
  if (isDateOnly(time)) return null;
  const ms = parseTimestamp(time);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * A sortable instant for any trade time: a bare date counts as that New York day's regular close
 * (16:00 ET), so date-only exits sort after every timed exit of the same day, whatever the machine's zone.
 */
export function sortInstantOf(time: string): number {
  const trimmed = time.trim();
  if (isDateOnly(trimmed)) return etMinuteToMs(trimmed, REGULAR_CLOSE_MINUTE);
  const ms = parseTimestamp(trimmed);
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

/** New York calendar day of a trade time (a bare date is its own day); null when unreadable. */
export function entryDayOf(time: string): string | null {
  const trimmed = time.trim();
  if (isDateOnly(trimmed)) return trimmed;
  const ms = parseTimestamp(trimmed);
  return Number.isFinite(ms) ? etClock(ms).date : null;
}

export function contextCovers(context: DayContext | null, trade: Pick<TradeRecord, 'symbol' | 'entry_time'>): context is DayContext {
  return context !== null && context.date === entryDayOf(trade.entry_time) && context.symbol.toUpperCase() === trade.symbol.toUpperCase();
}

export function mergeRegimeTags(tradeTags: readonly string[], contextTags: readonly string[]): string[] {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const tag of [...tradeTags, ...contextTags]) {
    if (seen.has(tag)) continue;
    seen.add(tag);
    merged.push(tag);
  }
  return merged;
}

export function assessOutcome(trade: TradeRecord, context: DayContext | null = null): OutcomeAssessment {
  const entryMs = instantOf(trade.entry_time);
  const exitMs = instantOf(trade.exit_time);
  let durationMinutes: number | null = null;
  let durationReason: string | null = null;
  if (entryMs === null || exitMs === null) {
    durationReason = 'no time of day: the entry or exit is a bare date';
  } else if (exitMs < entryMs) {
    durationReason = `exit ${trade.exit_time} is before entry ${trade.entry_time}`;
  } else {
    durationMinutes = (exitMs - entryMs) / 60000;
  }
  return {
    pnl: realizedPnl(trade),
    direction: tradeDirection(trade),
    timestamp: trade.exit_time,
    entryTime: trade.entry_time,
    exitTime: trade.exit_time,
    entryMs,
    exitMs,
    durationMinutes,
    durationReason,
    entryScore: trade.entry_score ?? null,
    exitScore: trade.exit_score ?? null,
    regimeTags: mergeRegimeTags(trade.regime_tags, contextCovers(context, trade) ? context.regime_tags : []),
    agents: trade.agents,
  };
}
