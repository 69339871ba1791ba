import { z } from 'zod';
import type { JournalEntry } from '../domain/journal.ts';
import { timeBlockGroup } from '../domain/journal.ts';
import { riskOf } from '../domain/trade.ts';
import { etClock, parseTimestamp } from '../market/calendar.ts';

/**
 * The figures every journal shows, over any set of committed trades (the Journal's filters): win rate,
 * expectancy, profit factor, average and largest win and loss, R-multiples where the trade records its risk,
 * the equity curve with its drawdown, and the same per setup, time block, agent, weekday and hour of entry.
 * Money in dollars of the account (the trades' pnl, after fees). docs/journal.md, "Performance figures".
 */

const round2 = (value: number): number => Math.round(value * 100) / 100;
const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

export const performanceFiguresSchema = z.object({
  trades: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  /** Trades closed at exactly 0: in the count, in neither the wins nor the losses. */
  scratches: z.number().int().nonnegative(),
  net_pnl: z.number(),
  gross_win: z.number(),
  gross_loss: z.number(),
  /** wins / (wins + losses); null without a decided trade. */
  win_rate: z.number().nullable(),
  /** net / trades: what a trade made on average; null without trades. */
  expectancy: z.number().nullable(),
  /** gross wins / |gross losses|; null without losses (shown as ∞ when there are wins). */
  profit_factor: z.number().nullable(),
  avg_win: z.number().nullable(),
  avg_loss: z.number().nullable(),
  largest_win: z.number().nullable(),
  largest_loss: z.number().nullable(),
  /** Mean of pnl / risk over the trades that record their risk; null when none does. */
  avg_r: z.number().nullable(),
  /** How many trades the R-multiple is the mean of. */
  r_trades: z.number().int().nonnegative(),
  /** The deepest fall of the equity curve from a previous high, in dollars (≤ 0). */
  max_drawdown: z.number(),
});
export type PerformanceFigures = z.infer<typeof performanceFiguresSchema>;

export const equityPointSchema = z.object({
  /** The trading day (New York, exit day). */
  day: z.string(),
  pnl: z.number(),
  /** Cumulative net P&L at the end of the day. */
  equity: z.number(),
  /** equity − the highest equity so far (≤ 0). */
  drawdown: z.number(),
});
export type EquityPoint = z.infer<typeof equityPointSchema>;

export const PERFORMANCE_GROUPINGS = ['setup', 'time_block', 'agent', 'weekday', 'hour'] as const;
export type PerformanceGrouping = (typeof PERFORMANCE_GROUPINGS)[number];

export const performanceGroupSchema = performanceFiguresSchema.extend({ key: z.string() });
export type PerformanceGroup = z.infer<typeof performanceGroupSchema>;

export const performanceSchema = z.object({
  overall: performanceFiguresSchema,
  equity: z.array(equityPointSchema),
  by: z.object({
    setup: z.array(performanceGroupSchema),
    time_block: z.array(performanceGroupSchema),
    agent: z.array(performanceGroupSchema),
    weekday: z.array(performanceGroupSchema),
    hour: z.array(performanceGroupSchema),
  }),
});
export type Performance = z.infer<typeof performanceSchema>;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Figures of a set of trades in the order given (the equity order for the drawdown). */
export function performanceFigures(entries: readonly JournalEntry[]): PerformanceFigures {
  let wins = 0;
  let losses = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let largestWin: number | null = null;
  let largestLoss: number | null = null;
  let rSum = 0;
  let rTrades = 0;
  let equity = 0;
  let peak = 0;
  let maxDrawdown = 0;
  for (const entry of entries) {
    const pnl = entry.pnl;
    if (pnl > 0) {
      wins += 1;
      grossWin += pnl;
      largestWin = largestWin === null ? pnl : Math.max(largestWin, pnl);
    } else if (pnl < 0) {
      losses += 1;
      grossLoss += pnl;
      largestLoss = largestLoss === null ? pnl : Math.min(largestLoss, pnl);
    }
    const risk = riskOf(entry.trade);
    if (risk !== null) {
      rSum += pnl / risk;
      rTrades += 1;
    }
    equity += pnl;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.min(maxDrawdown, equity - peak);
  }
  const trades = entries.length;
  const net = grossWin + grossLoss;
  return {
    trades,
    wins,
    losses,
    scratches: trades - wins - losses,
    net_pnl: round2(net),
    gross_win: round2(grossWin),
    gross_loss: round2(grossLoss),
    win_rate: wins + losses > 0 ? round4(wins / (wins + losses)) : null,
    expectancy: trades > 0 ? round2(net / trades) : null,
    profit_factor: grossLoss < 0 ? round4(grossWin / -grossLoss) : null,
    avg_win: wins > 0 ? round2(grossWin / wins) : null,
    avg_loss: losses > 0 ? round2(grossLoss / losses) : null,
    largest_win: largestWin === null ? null : round2(largestWin),
    largest_loss: largestLoss === null ? null : round2(largestLoss),
    avg_r: rTrades > 0 ? round4(rSum / rTrades) : null,
    r_trades: rTrades,
    max_drawdown: round2(maxDrawdown),
  };
}

function clockOf(time: string): ReturnType<typeof etClock> | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(time)) return null;
  const ms = parseTimestamp(time);
  return Number.isNaN(ms) ? null : etClock(ms);
}

/** The exit day in New York (the trading day a trade counts for); a bare date is its own day. */
function exitDay(entry: JournalEntry): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(entry.exit_time)) return entry.exit_time;
  return clockOf(entry.exit_time)?.date ?? entry.exit_time.slice(0, 10);
}

/** The equity curve per trading day, with the drawdown from the running high (entries in journal order). */
export function equityCurve(entries: readonly JournalEntry[]): EquityPoint[] {
  const byDay = new Map<string, number>();
  for (const entry of entries) {
    const day = exitDay(entry);
    byDay.set(day, (byDay.get(day) ?? 0) + entry.pnl);
  }
  let equity = 0;
  let peak = 0;
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, pnl]) => {
      equity += pnl;
      peak = Math.max(peak, equity);
      return { day, pnl: round2(pnl), equity: round2(equity), drawdown: round2(equity - peak) };
    });
}

/** The keys a trade counts under for a grouping; none when it has no such fact (no time of day for the hour). */
function keysOf(entry: JournalEntry, grouping: PerformanceGrouping): string[] {
  switch (grouping) {
    case 'setup':
      return [entry.setup_archetype];
    case 'time_block':
      return [timeBlockGroup(entry.time_block)];
    case 'agent':
      return [...new Set(entry.agents_involved)];
    case 'weekday': {
      const clock = clockOf(entry.entry_time);
      return clock ? [WEEKDAYS[clock.weekday - 1] ?? String(clock.weekday)] : [];
    }
    case 'hour': {
      const clock = clockOf(entry.entry_time);
      return clock ? [`${String(Math.floor(clock.minuteOfDay / 60)).padStart(2, '0')}:00`] : [];
    }
  }
}

function groupOrder(grouping: PerformanceGrouping, a: PerformanceGroup, b: PerformanceGroup): number {
  if (grouping === 'weekday') return WEEKDAYS.indexOf(a.key) - WEEKDAYS.indexOf(b.key);
  if (grouping === 'hour') return a.key < b.key ? -1 : 1;
  return b.trades - a.trades || (a.key < b.key ? -1 : 1);
}

export function performanceBy(entries: readonly JournalEntry[], grouping: PerformanceGrouping): PerformanceGroup[] {
  const groups = new Map<string, JournalEntry[]>();
  for (const entry of entries) {
    for (const key of keysOf(entry, grouping)) {
      const list = groups.get(key);
      if (list) list.push(entry);
      else groups.set(key, [entry]);
    }
  }
  return [...groups.entries()].map(([key, members]) => ({ key, ...performanceFigures(members) })).sort((a, b) => groupOrder(grouping, a, b));
}

/** Everything the Performance panel shows, for entries in journal order. */
export function performanceOf(entries: readonly JournalEntry[]): Performance {
  return {
    overall: performanceFigures(entries),
    equity: equityCurve(entries),
    by: {
      setup: performanceBy(entries, 'setup'),
      time_block: performanceBy(entries, 'time_block'),
      agent: performanceBy(entries, 'agent'),
      weekday: performanceBy(entries, 'weekday'),
      hour: performanceBy(entries, 'hour'),
    },
  };
}
