import { timeBlockGroup, type JournalEntry } from '../domain/journal.ts';
import { RATIO_DECIMALS, byCodeUnit, round } from './stats.ts';

/**
 * Penalty factors per agent, setup archetype and time block, gathered in one pass. The trades behind a
 * penalty are kept as the most recent PENALTY_TRADES_LISTED penalized ids per group (and the full count),
 * so the files stay readable after years of data while the numbers stay exact.
 */
export const PENALTY_TRADES_LISTED = 25;

export const PENALTY_FLAG_PREFIX = 'penalty:';

export type PenaltyGroup = {
  trades: number;
  penalized: number;
  total: number;
  byCondition: Map<string, number>;
  /** Most recent penalized trades last, at most PENALTY_TRADES_LISTED. */
  recent: { id: string; timestamp: string; penalty: number; conditions: string[] }[];
};

export type PenaltyGroupJson = {
  readonly trades: number;
  readonly penalized_trades: number;
  readonly penalty_total: number;
  readonly mean_penalty: number | null;
  readonly by_condition: Record<string, number>;
  readonly recent_trades: readonly { readonly trade_id: string; readonly timestamp: string; readonly penalty_factor: number; readonly conditions: readonly string[] }[];
};

export type PenaltyDimension = 'agent' | 'setup_archetype' | 'time_block';

type GroupSnapshot = Omit<PenaltyGroup, 'byCondition'> & { byCondition: [string, number][] };

/** The penalty index as plain data (the saved derivation state); maps are key/value pairs. */
export type PenaltySnapshot = {
  readonly totals: GroupSnapshot;
  readonly groups: Record<PenaltyDimension, [string, GroupSnapshot][]>;
};

const DIMENSIONS: readonly PenaltyDimension[] = ['agent', 'setup_archetype', 'time_block'];

export class PenaltyIndex {
  private constructor(
    readonly totals: PenaltyGroup,
    private readonly groups: Record<PenaltyDimension, Map<string, PenaltyGroup>>,
  ) {}

  static empty(): PenaltyIndex {
    return new PenaltyIndex(emptyGroup(), { agent: new Map(), setup_archetype: new Map(), time_block: new Map() });
  }

  /** Continues from a snapshot: adding more entries then gives what one pass over all of them gives. */
  static restore(snapshot: PenaltySnapshot): PenaltyIndex {
    const restoreGroup = (group: GroupSnapshot): PenaltyGroup => ({ ...group, byCondition: new Map(group.byCondition) });
    const map = (dimension: PenaltyDimension): Map<string, PenaltyGroup> =>
      new Map(snapshot.groups[dimension].map(([key, group]) => [key, restoreGroup(group)]));
    return new PenaltyIndex(restoreGroup(snapshot.totals), { agent: map('agent'), setup_archetype: map('setup_archetype'), time_block: map('time_block') });
  }

  snapshot(): PenaltySnapshot {
    const plain = (group: PenaltyGroup): GroupSnapshot => ({ ...group, byCondition: [...group.byCondition] });
    const groups = Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, [...this.groups[dimension]].map(([key, group]) => [key, plain(group)])])) as Record<
      PenaltyDimension,
      [string, GroupSnapshot][]
    >;
    return { totals: plain(this.totals), groups };
  }

  add(entry: JournalEntry): void {
    const conditions = entry.flags.filter((flag) => flag.startsWith(PENALTY_FLAG_PREFIX)).map((flag) => flag.slice(PENALTY_FLAG_PREFIX.length));
    addTo(this.totals, entry, conditions);
    addTo(this.group('setup_archetype', entry.setup_archetype), entry, conditions);
    addTo(this.group('time_block', timeBlockGroup(entry.time_block)), entry, conditions);
    for (const agent of new Set(entry.agents_involved)) addTo(this.group('agent', agent), entry, conditions);
  }

  keys(dimension: PenaltyDimension, order: readonly string[] = []): string[] {
    const map = this.groups[dimension];
    return [...order.filter((key) => map.has(key)), ...[...map.keys()].filter((key) => !order.includes(key)).sort(byCodeUnit)];
  }

  get(dimension: PenaltyDimension, key: string): PenaltyGroup | undefined {
    return this.groups[dimension].get(key);
  }

  private group(dimension: PenaltyDimension, key: string): PenaltyGroup {
    const map = this.groups[dimension];
    let group = map.get(key);
    if (!group) {
      group = emptyGroup();
      map.set(key, group);
    }
    return group;
  }
}

export function penaltyJson(group: PenaltyGroup): PenaltyGroupJson {
  return {
    trades: group.trades,
    penalized_trades: group.penalized,
    penalty_total: round(group.total, RATIO_DECIMALS),
    mean_penalty: group.trades === 0 ? null : round(group.total / group.trades, RATIO_DECIMALS),
    by_condition: Object.fromEntries([...group.byCondition.keys()].sort(byCodeUnit).map((key) => [key, group.byCondition.get(key) ?? 0])),
    recent_trades: group.recent.map((item) => ({ trade_id: item.id, timestamp: item.timestamp, penalty_factor: item.penalty, conditions: item.conditions })),
  };
}

function emptyGroup(): PenaltyGroup {
  return { trades: 0, penalized: 0, total: 0, byCondition: new Map(), recent: [] };
}

function addTo(group: PenaltyGroup, entry: JournalEntry, conditions: readonly string[]): void {
  group.trades += 1;
  if (entry.penalty_factor <= 0) return;
  group.penalized += 1;
  group.total += entry.penalty_factor;
  for (const condition of conditions) group.byCondition.set(condition, (group.byCondition.get(condition) ?? 0) + 1);
  group.recent.push({ id: entry.id, timestamp: entry.timestamp, penalty: entry.penalty_factor, conditions: [...conditions] });
  if (group.recent.length > PENALTY_TRADES_LISTED) group.recent.shift();
}
