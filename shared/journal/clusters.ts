import { SETUP_ARCHETYPES, type JournalEntry } from '../domain/journal.ts';
import { GroupedStats, statsJson } from './stats.ts';

export const TRADE_CLUSTERS_FILE = 'journal/trade_clusters.json';

/**
 * `journal/trade_clusters.json`: the trades grouped by setup archetype (the seed's "archetype grouping"),
 * each cluster with its statistics and the ids of its trades in journal (exit) order. Every archetype is
 * listed, an empty one with zero trades, so a reader never has to guess whether a key is missing.
 */
export class ClusterAccumulator {
  private readonly stats = new GroupedStats();
  private readonly ids = new Map<string, string[]>();
  private readonly labels = new Map<string, Map<string, number>>();

  add(entry: JournalEntry): void {
    const archetype = entry.setup_archetype;
    this.stats.add(archetype, entry);
    const ids = this.ids.get(archetype) ?? [];
    ids.push(entry.id);
    this.ids.set(archetype, ids);
    const labels = this.labels.get(archetype) ?? new Map<string, number>();
    labels.set(entry.final_label, (labels.get(entry.final_label) ?? 0) + 1);
    this.labels.set(archetype, labels);
  }

  render(): string {
    const archetypes = [...SETUP_ARCHETYPES, ...this.stats.keys(SETUP_ARCHETYPES).filter((key) => !(SETUP_ARCHETYPES as readonly string[]).includes(key))];
    const clusters = archetypes.map((archetype) => {
      const stats = this.stats.get(archetype);
      const labels = this.labels.get(archetype) ?? new Map<string, number>();
      return {
        setup_archetype: archetype,
        stats: stats ? statsJson(stats) : null,
        labels: Object.fromEntries([...labels.keys()].sort().map((label) => [label, labels.get(label) ?? 0])),
        trade_ids: this.ids.get(archetype) ?? [],
      };
    });
    return JSON.stringify({ version: 1, clusters }, null, 2) + '\n';
  }
}
