import {
  REGRET_DIMENSIONS,
  SETUP_ARCHETYPES,
  TIME_BLOCKS,
  timeBlockGroup,
  type JournalEntry,
  type RegretDimension,
} from '../domain/journal.ts';
import { etClock, parseTimestamp } from '../market/calendar.ts';
import type {
  AgentWeight,
  CalendarDay,
  CommitPreview,
  ConfusionRow,
  Heatmap,
  JournalFilter,
  JournalSummary,
  MemoryTrigger,
  RegretBreakdown,
} from './schemas.ts';
import { journalSummarySchema } from './schemas.ts';
import { SummaryAccumulator } from '../journal/summary.ts';

/**
 * The screens' views of the journal, computed from journal entries. Pure, so the services, the renderer's
 * fake api and the tests all compute them the same way.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Journal files a commit writes, relative to the data directory (SPEC.md "The journal files"). */
export const JOURNAL_FILES = [
  'sync_log.jsonl',
  'qthink_journal_summary.json',
  'mesh_logger.jsonl',
  'journal/trade_clusters.json',
  'mesh_confusion_log.jsonl',
  'mesh_config.json',
  'reinforcement_profile.json',
  'signal_scoring_logic.md',
  'memory/patterns.md',
] as const;

/** The trading day of a trade: its exit day in New York (a date-only broker export gives the day as is). */
export function tradingDay(entry: JournalEntry): string {
  const time = entry.exit_time || entry.timestamp;
  if (DATE_ONLY.test(time)) return time;
  const ms = parseTimestamp(time);
  return Number.isNaN(ms) ? time.slice(0, 10) : etClock(ms).date;
}

/** Mean of the trade's non-null regret scores; null when none could be computed. */
export function meanRegret(entry: JournalEntry): number | null {
  return mean(REGRET_DIMENSIONS.map((dimension) => entry[dimension]));
}

export function matchesFilter(entry: JournalEntry, filter: JournalFilter): boolean {
  const day = tradingDay(entry);
  if (filter.from !== undefined && day < filter.from) return false;
  if (filter.to !== undefined && day > filter.to) return false;
  if (filter.time_block !== undefined && timeBlockGroup(entry.time_block) !== filter.time_block) return false;
  if (filter.setup_archetype !== undefined && entry.setup_archetype !== filter.setup_archetype) return false;
  if (filter.final_label !== undefined && entry.final_label !== filter.final_label) return false;
  if (filter.agent !== undefined && !entry.agents_involved.includes(filter.agent)) return false;
  return true;
}

export function filterEntries(entries: readonly JournalEntry[], filter: JournalFilter): JournalEntry[] {
  return entries.filter((entry) => matchesFilter(entry, filter));
}

export type Stats = { trades: number; wins: number; losses: number; pnl: number; mean_regret: number | null };

/** Counts, PnL and the mean over every non-null regret score (as the summary file computes it). */
export function statsOf(entries: readonly JournalEntry[]): Stats {
  let pnl = 0;
  let wins = 0;
  let losses = 0;
  const scores: (number | null)[] = [];
  for (const entry of entries) {
    pnl += entry.pnl;
    if (entry.pnl > 0) wins += 1;
    else if (entry.pnl < 0) losses += 1;
    for (const dimension of REGRET_DIMENSIONS) scores.push(entry[dimension]);
  }
  return { trades: entries.length, wins, losses, pnl: roundCents(pnl), mean_regret: mean(scores) };
}

/**
 * The summary of the given entries exactly as the journal writes qthink_journal_summary.json (entries in
 * journal order), for an empty journal and for the renderer's fake api.
 */
export function summaryOf(
  entries: readonly JournalEntry[],
  weights: Readonly<Record<string, number>>,
  triggers: readonly MemoryTrigger[],
): JournalSummary {
  const accumulator = new SummaryAccumulator();
  for (const entry of entries) accumulator.add(entry);
  return journalSummarySchema.parse(JSON.parse(accumulator.render(weights, triggers)));
}

export function buildCalendar(entries: readonly JournalEntry[]): CalendarDay[] {
  return groupBy(entries, tradingDay)
    .map(([date, group]) => {
      const { trades, wins, losses, pnl, mean_regret } = statsOf(group);
      return { date, trades, wins, losses, pnl, mean_regret };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The Monday of an ISO date's week, or its month, as the period key. */
export function periodOf(day: string, bucket: 'day' | 'week' | 'month'): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return day.slice(0, 7);
  const utc = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  const weekday = (new Date(utc).getUTCDay() + 6) % 7;
  return new Date(utc - weekday * 86_400_000).toISOString().slice(0, 10);
}

export function regretMeans(entries: readonly JournalEntry[]): Record<RegretDimension, number | null> {
  const means = {} as Record<RegretDimension, number | null>;
  for (const dimension of REGRET_DIMENSIONS) means[dimension] = mean(entries.map((entry) => entry[dimension]));
  return means;
}

/** Per dimension, how many of the entries have a non-null score: the n behind regretMeans. */
export function regretCounts(entries: readonly JournalEntry[]): Record<RegretDimension, number> {
  const counts = {} as Record<RegretDimension, number>;
  for (const dimension of REGRET_DIMENSIONS) counts[dimension] = entries.filter((entry) => entry[dimension] !== null).length;
  return counts;
}

export function buildRegretBreakdown(entries: readonly JournalEntry[], bucket: 'day' | 'week' | 'month'): RegretBreakdown {
  return {
    over_time: groupBy(entries, (entry) => periodOf(tradingDay(entry), bucket))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, group]) => ({ period, trades: group.length, means: regretMeans(group), counts: regretCounts(group) })),
    by_archetype: SETUP_ARCHETYPES.map((setup_archetype) => {
      const group = entries.filter((entry) => entry.setup_archetype === setup_archetype);
      return { setup_archetype, trades: group.length, means: regretMeans(group), counts: regretCounts(group) };
    }).filter((row) => row.trades > 0),
  };
}

/** 30-minute entry slot in New York, "HH:MM"; null for a date-only trade. */
export function entrySlot(entry: JournalEntry): { weekday: number; slot: string } | null {
  if (DATE_ONLY.test(entry.entry_time)) return null;
  const ms = parseTimestamp(entry.entry_time);
  if (Number.isNaN(ms)) return null;
  const clock = etClock(ms);
  const slotMinute = Math.floor(clock.minuteOfDay / 30) * 30;
  const hh = String(Math.floor(slotMinute / 60)).padStart(2, '0');
  const mm = String(slotMinute % 60).padStart(2, '0');
  return { weekday: clock.weekday, slot: `${hh}:${mm}` };
}

export function buildHeatmap(entries: readonly JournalEntry[]): Heatmap {
  const block_by_dimension = TIME_BLOCKS.flatMap((time_block) => {
    const group = entries.filter((entry) => entry.time_block === time_block);
    return REGRET_DIMENSIONS.map((dimension) => {
      const scores = group.map((entry) => entry[dimension]).filter((score): score is number => score !== null);
      return { time_block, dimension, mean: mean(scores), count: scores.length };
    });
  });
  const cells = new Map<string, { weekday: number; slot: string; group: JournalEntry[] }>();
  for (const entry of entries) {
    const at = entrySlot(entry);
    if (!at) continue;
    const key = `${at.weekday} ${at.slot}`;
    const cell = cells.get(key) ?? { ...at, group: [] };
    cell.group.push(entry);
    cells.set(key, cell);
  }
  const time_by_weekday = [...cells.values()]
    .sort((a, b) => a.weekday - b.weekday || a.slot.localeCompare(b.slot))
    .map(({ weekday, slot, group }) => {
      const stats = statsOf(group);
      const byPnl = [...group].sort((a, b) => b.pnl - a.pnl);
      const best = byPnl[0];
      const worst = byPnl[byPnl.length - 1];
      return {
        weekday,
        slot,
        trades: stats.trades,
        pnl: stats.pnl,
        mean_regret: stats.mean_regret,
        best: best ? { trade_id: best.id, pnl: best.pnl } : null,
        worst: worst ? { trade_id: worst.id, pnl: worst.pnl } : null,
      };
    });
  return { block_by_dimension, time_by_weekday };
}

/** Each agent's current weight with its alignment, conflict and outcome rates over its committed signals. */
export function buildAgentWeights(entries: readonly JournalEntry[], weights: Readonly<Record<string, number>>): AgentWeight[] {
  const rows = new Map<string, { trades: Set<string>; signals: number; aligned: number; conflicted: number; outcome: number }>();
  for (const entry of entries) {
    for (const agent of entry.agents) {
      const row = rows.get(agent.name) ?? { trades: new Set<string>(), signals: 0, aligned: 0, conflicted: 0, outcome: 0 };
      row.trades.add(entry.id);
      row.signals += 1;
      if (agent.aligned) row.aligned += 1;
      if (agent.conflicted) row.conflicted += 1;
      if (agent.aligned_with_outcome) row.outcome += 1;
      rows.set(agent.name, row);
    }
  }
  const names = [...new Set([...rows.keys(), ...Object.keys(weights)])].sort();
  return names.map((agent) => {
    const row = rows.get(agent);
    const rate = (count: number) => (row && row.signals > 0 ? count / row.signals : null);
    return {
      agent,
      weight: weights[agent] ?? 1,
      trades: row?.trades.size ?? 0,
      alignment_rate: rate(row?.aligned ?? 0),
      conflict_rate: rate(row?.conflicted ?? 0),
      outcome_rate: rate(row?.outcome ?? 0),
    };
  });
}

/**
 * Trades taken under mesh conflict, with every signal that pointed against the trade and its phase: the
 * alignment is computed from the entry signals only, so entry and exit conflicts must stay apart (an
 * agent that agreed at entry and turned at exit did not cause the conflict).
 */
export function buildConfusion(entries: readonly JournalEntry[]): ConfusionRow[] {
  return entries
    .filter((entry) => entry.mesh_conflict)
    .map((entry) => ({
      trade_id: entry.id,
      time: entry.entry_time,
      mesh_alignment: entry.mesh_alignment,
      contract: {
        symbol: entry.trade.symbol,
        expiry: entry.trade.expiry,
        right: entry.trade.right,
        strike: entry.trade.strike,
        side: entry.trade.side,
        direction: entry.direction,
      },
      entry_signals: entry.agents.filter((agent) => agent.phase === 'entry').length,
      conflicting_agents: entry.agents
        .filter((agent) => agent.conflicted)
        .map(({ name, phase, polarity, score, weight }) => ({ name, phase, polarity, score, weight })),
      pnl: entry.pnl,
      final_label: entry.final_label,
    }));
}

export function buildCommitPreview(staged: readonly JournalEntry[], committedIds: ReadonlySet<string>): CommitPreview {
  const toAdd = staged.filter((entry) => !committedIds.has(entry.id));
  const count = (key: (entry: JournalEntry) => string) => {
    const counts: Record<string, number> = {};
    for (const entry of toAdd) counts[key(entry)] = (counts[key(entry)] ?? 0) + 1;
    return counts;
  };
  return {
    total: staged.length,
    to_add: toAdd.length,
    to_skip: staged.length - toAdd.length,
    overridden: toAdd.filter((entry) => entry.label_source === 'manual').length,
    pnl_total: roundCents(toAdd.reduce((sum, entry) => sum + entry.pnl, 0)),
    by_label: count((entry) => entry.final_label),
    by_archetype: count((entry) => entry.setup_archetype),
    by_time_block: count((entry) => timeBlockGroup(entry.time_block)),
    files: toAdd.length > 0 ? [...JOURNAL_FILES] : [],
  };
}

function mean(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (value === null || Number.isNaN(value)) continue;
    sum += value;
    count += 1;
  }
  return count === 0 ? null : sum / count;
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()];
}
