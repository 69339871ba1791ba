import { NO_TIME_OF_DAY, REGRET_DIMENSIONS, timeBlockGroup, type JournalEntry, type RegretDimension, type TimeBlock } from '../domain/journal.ts';
import { isPatternMember, type PatternMembers } from '../engine/memoryTriggers.ts';
import { representativeSignals } from '../engine/reinforcement.ts';

/**
 * The few numbers per committed trade that the derived files need after the fact, one array per field
 * (row i is the i-th line of sync_log.jsonl): ids and archetypes for the clusters, and what tells which
 * trades stand behind a memory trigger that fires (pnl, archetype, time block, the seven regrets, the
 * agents aligned with the trade). A few dozen bytes a trade instead of a whole entry, so a commit can list
 * a pattern's trades without reading sync_log.jsonl again (the tests themselves run on
 * shared/engine/triggerStatistics.ts).
 * Repeated strings (archetypes, time blocks, agent names) are stored once and referred to by index.
 */
export type CompactColumns = {
  readonly id: string[];
  readonly pnl: number[];
  readonly archetype: number[];
  readonly block: number[];
  readonly regrets: Record<RegretDimension, (number | null)[]>;
  /** How many agents were aligned with each trade; their names are the next that many items of `alignedAgent`. */
  readonly alignedCount: number[];
  readonly alignedAgent: number[];
  readonly archetypes: string[];
  readonly blocks: string[];
  readonly agents: string[];
};

export function emptyColumns(): CompactColumns {
  const regrets = Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, []])) as unknown as Record<RegretDimension, (number | null)[]>;
  return { id: [], pnl: [], archetype: [], block: [], regrets, alignedCount: [], alignedAgent: [], archetypes: [], blocks: [], agents: [] };
}

/** Index of `name` in a dictionary, added at the end when new (a Map beside it keeps this O(1)). */
function codeOf(dictionary: string[], index: Map<string, number>, name: string): number {
  let code = index.get(name);
  if (code === undefined) {
    code = dictionary.length;
    dictionary.push(name);
    index.set(name, code);
  }
  return code;
}

/** Appends rows to a set of columns; the dictionaries' lookup maps are built once. */
export type ColumnWriter = { readonly add: (entry: JournalEntry) => number };

function blockOfGroup(group: string | undefined): TimeBlock | null {
  return group === undefined || group === NO_TIME_OF_DAY ? null : (group as TimeBlock);
}

export function columnWriter(columns: CompactColumns): ColumnWriter {
  const lookup = (dictionary: string[]): Map<string, number> => new Map(dictionary.map((name, code) => [name, code]));
  const archetypes = lookup(columns.archetypes);
  const blocks = lookup(columns.blocks);
  const agents = lookup(columns.agents);
  return {
    add: (entry) => {
      const row = columns.id.length;
      columns.id.push(entry.id);
      columns.pnl.push(entry.pnl);
      columns.archetype.push(codeOf(columns.archetypes, archetypes, entry.setup_archetype));
      columns.block.push(codeOf(columns.blocks, blocks, timeBlockGroup(entry.time_block)));
      for (const dimension of REGRET_DIMENSIONS) columns.regrets[dimension].push(entry[dimension]);
      let aligned = 0;
      for (const signal of representativeSignals(entry.agents)) {
        if (!signal.aligned) continue;
        columns.alignedAgent.push(codeOf(columns.agents, agents, signal.name));
        aligned += 1;
      }
      columns.alignedCount.push(aligned);
      return row;
    },
  };
}

/** Each archetype's trade ids, in journal order. */
export function idsByArchetype(columns: CompactColumns): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let row = 0; row < columns.id.length; row += 1) {
    const archetype = columns.archetypes[columns.archetype[row] ?? -1] ?? '';
    const ids = out.get(archetype);
    if (ids) ids.push(columns.id[row] ?? '');
    else out.set(archetype, [columns.id[row] ?? '']);
  }
  return out;
}

/** The sorted ids of a pattern's trades (memoryTriggers.ts isPatternMember), read from the columns. */
export function patternMembersOf(columns: CompactColumns): PatternMembers {
  return (ref) => {
    const ids: string[] = [];
    let next = 0;
    for (let row = 0; row < columns.id.length; row += 1) {
      const count = columns.alignedCount[row] ?? 0;
      const aligned = new Set<string>();
      for (let k = 0; k < count; k += 1) aligned.add(columns.agents[columns.alignedAgent[next + k] ?? -1] ?? '');
      next += count;
      const trade = {
        pnl: columns.pnl[row] ?? 0,
        setup_archetype: (columns.archetypes[columns.archetype[row] ?? -1] ?? 'unclassified') as JournalEntry['setup_archetype'],
        time_block: blockOfGroup(columns.blocks[columns.block[row] ?? -1]),
        ...(Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, columns.regrets[dimension][row] ?? null])) as Record<RegretDimension, number | null>),
      };
      if (isPatternMember(ref, trade, aligned)) ids.push(columns.id[row] ?? '');
    }
    return ids.sort();
  };
}

/** A structural check of columns read back from disk: every per-row array as long as the ids. */
export function columnsAreConsistent(columns: CompactColumns): boolean {
  const rows = columns.id.length;
  const perRow = [columns.pnl, columns.archetype, columns.block, columns.alignedCount, ...REGRET_DIMENSIONS.map((dimension) => columns.regrets[dimension])];
  if (!perRow.every((column) => Array.isArray(column) && column.length === rows)) return false;
  let aligned = 0;
  for (const count of columns.alignedCount) aligned += count;
  return Array.isArray(columns.alignedAgent) && aligned === columns.alignedAgent.length && [columns.archetypes, columns.blocks, columns.agents].every(Array.isArray);
}
