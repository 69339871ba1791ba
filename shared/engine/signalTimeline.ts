import type { TimelineSignal } from '../domain/market.ts';
import type { AgentPhase, AgentSignal, TradeRecord } from '../domain/trade.ts';
import { parseTimestamp } from '../market/calendar.ts';

/**
 * Minutes a timeline signal stays attributable: a signal counts for a trade's entry (exit) when it came at
 * most this long before the entry (exit), i.e. signal time ∈ [entry − window, entry], both ends included.
 * Five minutes covers a trader reacting to a 1-minute-bar signal without reaching back into a previous setup.
 */
export const SIGNAL_WINDOW_MIN = 5;

export type SignalAttributionOptions = {
  readonly windowMinutes?: number;
  /**
   * A timeline carries no symbol: its signals are taken to be about the underlying the trader trades.
   * When given, only trades on this underlying receive them; by default every trade does.
   */
  readonly underlying?: string;
};

type TimedSignal = { readonly ms: number; readonly order: number; readonly signal: TimelineSignal };

/** Index of the first signal at or after `ms` (signals sorted by time). */
function lowerBound(signals: readonly TimedSignal[], ms: number): number {
  let low = 0;
  let high = signals.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((signals[middle]?.ms ?? Number.POSITIVE_INFINITY) < ms) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The latest signal of each agent within [at − window, at], as agent signals of `phase`. */
function signalsInWindow(sorted: readonly TimedSignal[], at: number, windowMs: number, phase: AgentPhase): AgentSignal[] {
  const latestByAgent = new Map<string, TimedSignal>();
  for (let index = lowerBound(sorted, at - windowMs); index < sorted.length; index += 1) {
    const candidate = sorted[index];
    if (!candidate || candidate.ms > at) break;
    // Sorted by time then input order, so a later one always replaces: the latest signal wins.
    latestByAgent.set(candidate.signal.agent, candidate);
  }
  return [...latestByAgent.values()]
    .sort((a, b) => a.ms - b.ms || a.order - b.order)
    .map(({ signal }) => ({ name: signal.agent, phase, polarity: signal.polarity, score: signal.score, weight: signal.weight ?? 1 }));
}

/**
 * Adds timeline signals to each trade's `agents`: phase `entry` for signals in the window before the
 * entry, `exit` for those before the exit. Agents the trade record already names for a phase are kept
 * and win over the timeline (the trader's own record is the more specific source); of several timeline
 * signals of one agent in a window, the latest counts. Trades whose time is a date without a time of day
 * get nothing for that phase. O((n + m) log m): signals are sorted once and each window found by binary search.
 */
export function attachTimelineSignals(trades: readonly TradeRecord[], signals: readonly TimelineSignal[], options: SignalAttributionOptions = {}): TradeRecord[] {
  const windowMs = (options.windowMinutes ?? SIGNAL_WINDOW_MIN) * 60_000;
  const sorted = signals
    .map((signal, order) => ({ ms: parseTimestamp(signal.time), order, signal }))
    .filter((timed) => Number.isFinite(timed.ms))
    .sort((a, b) => a.ms - b.ms || a.order - b.order);
  if (sorted.length === 0) return [...trades];
  return trades.map((trade) => {
    if (options.underlying !== undefined && trade.symbol.toUpperCase() !== options.underlying.toUpperCase()) return trade;
    const added: AgentSignal[] = [];
    for (const [phase, time] of [['entry', trade.entry_time], ['exit', trade.exit_time]] as const) {
      const ms = parseTimestamp(time);
      // A date-only time (no time of day) parses as midnight UTC: no window can be placed on it.
      if (!Number.isFinite(ms) || /^\d{4}-\d{2}-\d{2}$/.test(time)) continue;
      const known = new Set(trade.agents.filter((agent) => agent.phase === phase).map((agent) => agent.name));
      added.push(...signalsInWindow(sorted, ms, windowMs, phase).filter((agent) => !known.has(agent.name)));
    }
    return added.length === 0 ? trade : { ...trade, agents: [...trade.agents, ...added] };
  });
}
