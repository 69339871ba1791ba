import { SETUP_ARCHETYPES, type JournalEntry } from '../domain/journal.ts';
import { GroupedStats, statsJson, type StatsAccumulator } from './stats.ts';

export const TRADE_CLUSTERS_FILE = 'journal/trade_clusters.json';

/** The clusters' counters as plain data (the saved derivation state); the ids come from the trade columns. */
export type ClusterSnapshot = {
  readonly stats: [string, StatsAccumulator][];
  readonly labels: [string, [string, number][]][];
};

/**
 * `journal/trade_clusters.json`: the trades grouped by setup archetype (the seed's "archetype grouping"),
 * each cluster with its statistics and the ids of its trades in journal (exit) order. Every archetype is
 * listed, an empty one with zero trades, so a reader never has to guess whether a key is missing.
 * The ids are not kept here: the derivation's trade columns already hold every id and archetype in order.
 */
export class ClusterAccumulator {
  private stats = new GroupedStats();
  private labels = new Map<string, Map<string, number>>();

  add(entry: JournalEntry): void {
    const archetype = entry.setup_archetype;
    this.stats.add(archetype, entry);
    const labels = this.labels.get(archetype) ?? new Map<string, number>();
    labels.set(entry.final_label, (labels.get(entry.final_label) ?? 0) + 1);
    this.labels.set(archetype, labels);
  }

  snapshot(): ClusterSnapshot {
    return { stats: this.stats.snapshot(), labels: [...this.labels].map(([archetype, counts]) => [archetype, [...counts]]) };
  }

  static restore(snapshot: ClusterSnapshot): ClusterAccumulator {
    const clusters = new ClusterAccumulator();
    clusters.stats = GroupedStats.restore(snapshot.stats);
    clusters.labels = new Map(snapshot.labels.map(([archetype, counts]) => [archetype, new Map(counts)]));
    return clusters;
  }

  /** `idsByArchetype`: each archetype's trade ids in journal order. */
  render(idsByArchetype: ReadonlyMap<string, readonly string[]>): string {
    const archetypes = [...SETUP_ARCHETYPES, ...this.stats.keys(SETUP_ARCHETYPES).filter((key) => !(SETUP_ARCHETYPES as readonly string[]).includes(key))];
    const clusters = archetypes.map((archetype) => {
      const stats = this.stats.get(archetype);
      const labels = this.labels.get(archetype) ?? new Map<string, number>();
      return {
        setup_archetype: archetype,
        stats: stats ? statsJson(stats) : null,
        labels: Object.fromEntries([...labels.keys()].sort().map((label) => [label, labels.get(label) ?? 0])),
        trade_ids: idsByArchetype.get(archetype) ?? [],
      };
    });
    return JSON.stringify({ version: 1, clusters }, null, 2) + '\n';
  }
}
