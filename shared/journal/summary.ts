import { FINAL_LABELS, SETUP_ARCHETYPES, TIME_BLOCKS, timeBlockGroup, type JournalEntry } from '../domain/journal.ts';
import type { MemoryTrigger } from '../engine/memoryTriggers.ts';
import { INITIAL_WEIGHT } from '../engine/reinforcement.ts';
import { tradeDay } from '../engine/marketIndex.ts';
import { GroupedStats, RATIO_DECIMALS, WEIGHT_DECIMALS, addStats, newStats, round, statsJson, type StatsAccumulator } from './stats.ts';
import type { JournalSpan } from './signalScoringLogic.ts';

export const SUMMARY_FILE = 'qthink_journal_summary.json';

type SignalCounts = { signals: number; aligned: number; conflicted: number; right: number };

/** The summary's counters as plain data (the saved derivation state); maps are key/value pairs. */
export type SummarySnapshot = {
  readonly totals: StatsAccumulator;
  readonly by_block: [string, StatsAccumulator][];
  readonly by_archetype: [string, StatsAccumulator][];
  readonly by_label: [string, StatsAccumulator][];
  readonly by_agent: [string, StatsAccumulator][];
  readonly signals: [string, SignalCounts][];
  readonly first_day: string | null;
  readonly last_day: string | null;
};

/**
 * `qthink_journal_summary.json`, the seed's "meta pattern journaling": totals, statistics per time block,
 * setup archetype, agent and final label (regret means per dimension with the count of non-null scores),
 * and the memory triggers. Accumulated in one pass.
 */
export class SummaryAccumulator {
  private totals = newStats();
  private byBlock = new GroupedStats();
  private byArchetype = new GroupedStats();
  private byLabel = new GroupedStats();
  private byAgent = new GroupedStats();
  private signals = new Map<string, SignalCounts>();
  private firstDay: string | null = null;
  private lastDay: string | null = null;

  snapshot(): SummarySnapshot {
    return {
      totals: this.totals,
      by_block: this.byBlock.snapshot(),
      by_archetype: this.byArchetype.snapshot(),
      by_label: this.byLabel.snapshot(),
      by_agent: this.byAgent.snapshot(),
      signals: [...this.signals],
      first_day: this.firstDay,
      last_day: this.lastDay,
    };
  }

  /** Continues from a snapshot: adding more entries then gives what one pass over all of them gives. */
  static restore(snapshot: SummarySnapshot): SummaryAccumulator {
    const summary = new SummaryAccumulator();
    summary.totals = snapshot.totals;
    summary.byBlock = GroupedStats.restore(snapshot.by_block);
    summary.byArchetype = GroupedStats.restore(snapshot.by_archetype);
    summary.byLabel = GroupedStats.restore(snapshot.by_label);
    summary.byAgent = GroupedStats.restore(snapshot.by_agent);
    summary.signals = new Map(snapshot.signals);
    summary.firstDay = snapshot.first_day;
    summary.lastDay = snapshot.last_day;
    return summary;
  }

  add(entry: JournalEntry): void {
    addStats(this.totals, entry);
    this.byBlock.add(timeBlockGroup(entry.time_block), entry);
    this.byArchetype.add(entry.setup_archetype, entry);
    this.byLabel.add(entry.final_label, entry);
    for (const agent of new Set(entry.agents_involved)) this.byAgent.add(agent, entry);
    for (const signal of entry.agents) {
      const counts = this.signals.get(signal.name) ?? { signals: 0, aligned: 0, conflicted: 0, right: 0 };
      counts.signals += 1;
      if (signal.aligned) counts.aligned += 1;
      if (signal.conflicted) counts.conflicted += 1;
      if (signal.aligned_with_outcome) counts.right += 1;
      this.signals.set(signal.name, counts);
    }
    const day = tradeDay(entry.exit_time);
    if (day !== null) {
      if (this.firstDay === null || day < this.firstDay) this.firstDay = day;
      if (this.lastDay === null || day > this.lastDay) this.lastDay = day;
    }
  }

  span(): JournalSpan {
    return { trades: this.totals.trades, firstDay: this.firstDay, lastDay: this.lastDay };
  }

  render(weights: Readonly<Record<string, number>>, triggers: readonly MemoryTrigger[]): string {
    const group = <K extends string>(stats: GroupedStats, name: K, order: readonly string[]): ({ [key in K]: string } & ReturnType<typeof statsJson>)[] =>
      stats.keys(order).map((key) => {
        const accumulated = stats.get(key);
        return { [name]: key, ...(accumulated ? statsJson(accumulated) : statsJson(newStats())) } as { [key in K]: string } & ReturnType<typeof statsJson>;
      });
    const rate = (count: number, of: number): number | null => (of === 0 ? null : round(count / of, RATIO_DECIMALS));
    const byAgent = this.byAgent.keys().map((agent) => {
      const counts = this.signals.get(agent) ?? { signals: 0, aligned: 0, conflicted: 0, right: 0 };
      const accumulated = this.byAgent.get(agent);
      return {
        agent,
        reinforcement_weight: round(weights[agent] ?? INITIAL_WEIGHT, WEIGHT_DECIMALS),
        signals: counts.signals,
        alignment_rate: rate(counts.aligned, counts.signals),
        conflict_rate: rate(counts.conflicted, counts.signals),
        outcome_rate: rate(counts.right, counts.signals),
        ...(accumulated ? statsJson(accumulated) : statsJson(newStats())),
      };
    });
    const summary = {
      version: 1,
      generated_from: 'sync_log.jsonl',
      first_day: this.firstDay,
      last_day: this.lastDay,
      totals: statsJson(this.totals),
      by_time_block: group(this.byBlock, 'time_block', TIME_BLOCKS),
      by_archetype: group(this.byArchetype, 'setup_archetype', SETUP_ARCHETYPES),
      by_agent: byAgent,
      by_label: group(this.byLabel, 'final_label', FINAL_LABELS),
      memory_triggers: triggers,
    };
    return JSON.stringify(summary, null, 2) + '\n';
  }
}
